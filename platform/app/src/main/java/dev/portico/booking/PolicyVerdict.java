package dev.portico.booking;

import dev.portico.plugin.api.CreditOutcome;
import dev.portico.plugin.api.Money;
import org.jspecify.annotations.Nullable;

/**
 * A policy's answer, ready to show: whether the action is allowed, the sentence for the customer, what happens to
 * the credit and any fee.
 *
 * @param reasonKey the rule's message key, for deciding the problem code of a refusal
 */
record PolicyVerdict(boolean allowed, String message, CreditOutcome creditOutcome, @Nullable Money fee, String reasonKey) {}
