/** lumen-db's health report as a Spring Boot health contributor. */
@NullMarked
package dev.lumen.db.spring.health;

import org.jspecify.annotations.NullMarked;
