/** A studio's customers: who they are, how to reach them, the portal's view of them, and the admin API that manages them. */
@NullMarked
package dev.portico.customers;

import org.jspecify.annotations.NullMarked;
