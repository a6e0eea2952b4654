/** A studio's catalog: locations, staff, services and the class schedule. */
@NullMarked
package dev.portico.catalog;

import org.jspecify.annotations.NullMarked;
