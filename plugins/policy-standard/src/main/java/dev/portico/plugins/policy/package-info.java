/** The standard policy rule: cancel and reschedule windows, late-cancel forfeit and fee, refund approval. */
@NullMarked
package dev.portico.plugins.policy;

import org.jspecify.annotations.NullMarked;
