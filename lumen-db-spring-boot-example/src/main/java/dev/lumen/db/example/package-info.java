/** A Spring Boot service on lumen-db: roles over REST, on an embedded PostgreSQL by default. */
@NullMarked
package dev.lumen.db.example;

import org.jspecify.annotations.NullMarked;
