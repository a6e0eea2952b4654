package dev.portico.plugins.policy;

import dev.portico.plugin.api.Money;
import dev.portico.plugin.api.PluginSettings;
import dev.portico.plugin.api.PolicyContext;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A studio's settings for {@link StandardPolicyRule}, read once per evaluation.
 *
 * <p>The host validates the values against the schema before any call; should one still not parse, it counts as
 * unset rather than failing the evaluation, because a rule that throws stops every customer from booking or
 * cancelling.
 *
 * @param autoRefund              whether card-paid visits cancelled in time are refunded without review
 * @param lateCancelFee           the late-cancel fee, null for none
 * @param maxLateCancelsPer30Days late cancellations a customer may have and still book; 0 or less for no limit
 * @param cancelWindowOverride    cancel window for new bookings, null to use the context's
 * @param rescheduleWindowOverride reschedule window for new bookings, null to use the context's
 */
record StandardTerms(boolean autoRefund, @Nullable Money lateCancelFee, int maxLateCancelsPer30Days,
        @Nullable Duration cancelWindowOverride, @Nullable Duration rescheduleWindowOverride) {

    static StandardTerms from(PluginSettings settings) {
        boolean autoRefund = settings.find(StandardPolicyRule.REFUND_APPROVAL)
                .map(value -> value.trim().equalsIgnoreCase("auto"))
                .orElse(true);
        return new StandardTerms(autoRefund, fee(settings),
                integer(settings, StandardPolicyRule.MAX_LATE_CANCELS_PER_30_DAYS).orElse(0),
                duration(settings, StandardPolicyRule.CANCEL_WINDOW),
                duration(settings, StandardPolicyRule.RESCHEDULE_WINDOW));
    }

    /** The cancel window that applies: the override for a booking not made yet, else the one frozen on it. */
    Duration cancelWindow(PolicyContext policy) {
        return policy.bookedAt() == null && cancelWindowOverride != null ? cancelWindowOverride : policy.cancelWindow();
    }

    /** The reschedule window that applies, chosen like {@link #cancelWindow}. */
    Duration rescheduleWindow(PolicyContext policy) {
        return policy.bookedAt() == null && rescheduleWindowOverride != null
                ? rescheduleWindowOverride
                : policy.rescheduleWindow();
    }

    private static @Nullable Money fee(PluginSettings settings) {
        int amount = integer(settings, StandardPolicyRule.LATE_CANCEL_FEE_MINOR).orElse(0);
        Optional<String> currency = settings.find(StandardPolicyRule.LATE_CANCEL_FEE_CURRENCY)
                .map(value -> value.trim().toUpperCase(Locale.ROOT))
                .filter(value -> value.matches("[A-Z]{3}"));
        // Without a currency the amount means nothing, so no fee rather than a guess.
        if (amount <= 0 || currency.isEmpty()) {
            return null;
        }
        return new Money(amount, currency.get());
    }

    private static Optional<Integer> integer(PluginSettings settings, String key) {
        try {
            return settings.find(key).map(value -> Integer.parseInt(value.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static @Nullable Duration duration(PluginSettings settings, String key) {
        try {
            Duration window = settings.find(key).map(value -> Duration.parse(value.trim())).orElse(null);
            return window == null || window.isNegative() ? null : window;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
