package dev.portico.plugin.api;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A rule's answer.
 *
 * @param allowed       whether the action may go ahead
 * @param reasonKey     a message key the host renders in the customer's language, e.g. {@code policy.cancel.window-passed}
 * @param reasonArgs    the key's arguments, e.g. {@code hours -> 12}
 * @param creditOutcome what happens to the credit if the action goes ahead
 * @param fee           a fee charged for the action, if any
 */
public record PolicyDecision(boolean allowed, String reasonKey, Map<String, Object> reasonArgs,
        CreditOutcome creditOutcome, @Nullable Money fee) {

    public PolicyDecision {
        Objects.requireNonNull(reasonKey, "reasonKey");
        Objects.requireNonNull(creditOutcome, "creditOutcome");
        reasonArgs = Map.copyOf(reasonArgs);
    }

    /** Allowed with the given credit outcome and no fee. */
    public static PolicyDecision allow(String reasonKey, Map<String, Object> args, CreditOutcome outcome) {
        return new PolicyDecision(true, reasonKey, args, outcome, null);
    }

    /** Refused; nothing happens to the credit. */
    public static PolicyDecision deny(String reasonKey, Map<String, Object> args) {
        return new PolicyDecision(false, reasonKey, args, CreditOutcome.NONE, null);
    }
}
