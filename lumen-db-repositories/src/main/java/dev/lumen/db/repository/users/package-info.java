/** The users repository: accounts, e-mail lookup, last login, active users, users with their roles. */
@NullMarked
package dev.lumen.db.repository.users;

import org.jspecify.annotations.NullMarked;
