/**
 * A service built on the repositories: the seed's {@code CreateUserWithRole}, one transaction, with a side
 * effect that runs only after commit.
 */
@NullMarked
package dev.lumen.db.repository.example;

import org.jspecify.annotations.NullMarked;
