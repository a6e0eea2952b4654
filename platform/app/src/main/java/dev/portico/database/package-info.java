/** Where the data lives: a configured PostgreSQL, or an embedded one (with the demo studios) when none is configured. */
@NullMarked
package dev.portico.database;

import org.jspecify.annotations.NullMarked;
