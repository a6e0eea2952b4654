/** Money: package purchases, pay-per-visit, refunds and receipts through the studio's payment provider plugin. */
@NullMarked
package dev.portico.payments;

import org.jspecify.annotations.NullMarked;
