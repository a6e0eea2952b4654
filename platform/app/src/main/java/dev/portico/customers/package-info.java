/** A studio's customers: who they are, how to reach them, and the portal's view of them. */
@NullMarked
package dev.portico.customers;

import org.jspecify.annotations.NullMarked;
