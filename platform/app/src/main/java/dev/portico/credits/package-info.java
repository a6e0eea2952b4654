/** Package credits: what each customer bought, what is left, and the ledger of every movement. */
@NullMarked
package dev.portico.credits;

import org.jspecify.annotations.NullMarked;
