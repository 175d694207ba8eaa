/** The roles repository: roles and their assignment to users. */
@NullMarked
package dev.lumen.db.repository.roles;

import org.jspecify.annotations.NullMarked;
