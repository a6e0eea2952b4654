package dev.portico.plugins.policy;

import dev.portico.plugin.api.CreditOutcome;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.PolicyContext;
import dev.portico.plugin.api.PolicyDecision;
import dev.portico.plugin.api.PolicyRule;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.SettingType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The rules most studios run: free cancellation up to the cancel window, then either a late cancellation that
 * forfeits the credit (and may cost a fee) or a refusal; rescheduling up to the reschedule window and a number
 * of times per booking; no booking of a class that has started, nor for a customer with too many recent late
 * cancellations.
 *
 * <p>Every decision is a pure function of the {@link PolicyContext} and the studio's settings, so the preview
 * the portal shows equals what happens when the customer goes ahead.
 *
 * <p><b>Windows.</b> The cancel and reschedule windows come from the context: the host freezes them on each
 * booking when it is made (service window, else the studio's). The optional {@code cancelWindow} and
 * {@code rescheduleWindow} settings override them only when {@link PolicyContext#bookedAt()} is null, i.e. for
 * a booking not made yet: an existing booking keeps the terms the customer agreed to, and the plugin API gives
 * a rule no way to change what the host froze.
 *
 * <p><b>Reason keys</b> the host renders, with their arguments:
 * <ul>
 *   <li>{@code policy.cancel.free} ({@code hours}): cancelled in time</li>
 *   <li>{@code policy.cancel.late} ({@code hours}): cancelled inside the window, credit forfeited</li>
 *   <li>{@code policy.cancel.window-passed} ({@code hours}): refused inside the window</li>
 *   <li>{@code policy.cancel.started}: refused, the class has started</li>
 *   <li>{@code policy.reschedule.allowed}</li>
 *   <li>{@code policy.reschedule.limit-reached} ({@code limit})</li>
 *   <li>{@code policy.reschedule.window-passed} ({@code hours})</li>
 *   <li>{@code policy.book.allowed}</li>
 *   <li>{@code policy.book.started}</li>
 *   <li>{@code policy.book.too-many-late-cancels} ({@code limit})</li>
 * </ul>
 * {@code hours} is the window in whole hours (a {@code Long}, rounded down); {@code limit} is an {@code Integer}.
 */
@Extension
public final class StandardPolicyRule implements PolicyRule {

    static final String REFUND_APPROVAL = "refundApproval";
    static final String LATE_CANCEL_FEE_MINOR = "lateCancelFeeMinor";
    static final String LATE_CANCEL_FEE_CURRENCY = "lateCancelFeeCurrency";
    static final String MAX_LATE_CANCELS_PER_30_DAYS = "maxLateCancelsPer30Days";
    static final String CANCEL_WINDOW = "cancelWindow";
    static final String RESCHEDULE_WINDOW = "rescheduleWindow";

    private static final List<SettingDescriptor> SETTINGS = List.of(
            SettingDescriptor.optional(REFUND_APPROVAL, SettingType.STRING, "auto",
                    "How a card-paid visit cancelled in time is refunded: auto (at once) or manual (the studio"
                            + " reviews it); any other value counts as manual."),
            SettingDescriptor.optional(LATE_CANCEL_FEE_MINOR, SettingType.INTEGER, "0",
                    "Fee for a late cancellation in minor units of lateCancelFeeCurrency, e.g. 2500 for 25.00;"
                            + " 0 for none."),
            SettingDescriptor.optional(LATE_CANCEL_FEE_CURRENCY, SettingType.STRING, null,
                    "ISO-4217 currency of the late-cancel fee, e.g. AED; without it no fee is charged."),
            SettingDescriptor.optional(MAX_LATE_CANCELS_PER_30_DAYS, SettingType.INTEGER, "0",
                    "Refuse new bookings from a customer with more late cancellations than this in the last"
                            + " 30 days; 0 for no limit."),
            SettingDescriptor.optional(CANCEL_WINDOW, SettingType.DURATION, null,
                    "Cancel window for bookings made from now on, e.g. PT24H, instead of the studio's;"
                            + " existing bookings keep theirs."),
            SettingDescriptor.optional(RESCHEDULE_WINDOW, SettingType.DURATION, null,
                    "Reschedule window for bookings made from now on, e.g. PT24H, instead of the studio's;"
                            + " existing bookings keep theirs."));

    @Override
    public List<SettingDescriptor> settings() {
        return SETTINGS;
    }

    @Override
    public PolicyDecision evaluate(PolicyContext policy, ExtensionContext context) {
        StandardTerms terms = StandardTerms.from(context.settings());
        return switch (policy.action()) {
            case CANCEL -> cancel(policy, terms);
            case RESCHEDULE -> reschedule(policy, terms);
            case BOOK -> book(policy, terms);
        };
    }

    private static PolicyDecision cancel(PolicyContext policy, StandardTerms terms) {
        if (hasStarted(policy)) {
            return PolicyDecision.deny("policy.cancel.started", Map.of());
        }
        Duration window = terms.cancelWindow(policy);
        Map<String, Object> hours = Map.of("hours", window.toHours());
        if (policy.timeUntilStart().compareTo(window) >= 0) {
            return PolicyDecision.allow("policy.cancel.free", hours, refundOutcome(policy, terms));
        }
        if (!policy.lateCancelAllowed()) {
            return PolicyDecision.deny("policy.cancel.window-passed", hours);
        }
        // A visit nobody paid for has nothing to forfeit; the fee, if any, still applies.
        CreditOutcome outcome = isFree(policy) ? CreditOutcome.NONE : CreditOutcome.FORFEITED;
        return new PolicyDecision(true, "policy.cancel.late", hours, outcome, terms.lateCancelFee());
    }

    private static CreditOutcome refundOutcome(PolicyContext policy, StandardTerms terms) {
        if (policy.paidWithCredit()) {
            return CreditOutcome.REFUNDED;
        }
        if (isFree(policy)) {
            return CreditOutcome.NONE;
        }
        return terms.autoRefund() ? CreditOutcome.REFUNDED : CreditOutcome.MANUAL_REVIEW;
    }

    private static PolicyDecision reschedule(PolicyContext policy, StandardTerms terms) {
        if (policy.reschedulesSoFar() >= policy.maxReschedules()) {
            return PolicyDecision.deny("policy.reschedule.limit-reached", Map.of("limit", policy.maxReschedules()));
        }
        Duration window = terms.rescheduleWindow(policy);
        if (hasStarted(policy) || policy.timeUntilStart().compareTo(window) < 0) {
            return PolicyDecision.deny("policy.reschedule.window-passed", Map.of("hours", window.toHours()));
        }
        return PolicyDecision.allow("policy.reschedule.allowed", Map.of(), CreditOutcome.NONE);
    }

    private static PolicyDecision book(PolicyContext policy, StandardTerms terms) {
        if (hasStarted(policy)) {
            return PolicyDecision.deny("policy.book.started", Map.of());
        }
        int limit = terms.maxLateCancelsPer30Days();
        if (limit > 0 && policy.lateCancelsLast30Days() > limit) {
            return PolicyDecision.deny("policy.book.too-many-late-cancels", Map.of("limit", limit));
        }
        return PolicyDecision.allow("policy.book.allowed", Map.of(), CreditOutcome.NONE);
    }

    private static boolean hasStarted(PolicyContext policy) {
        return !policy.now().isBefore(policy.startsAt());
    }

    private static boolean isFree(PolicyContext policy) {
        return !policy.paidWithCredit() && (policy.pricePaid() == null || policy.pricePaid().amount() == 0);
    }
}
