/** Package credits: the packages a studio sells, what each customer holds, what is left, and the ledger of every movement. */
@NullMarked
package dev.portico.credits;

import org.jspecify.annotations.NullMarked;
