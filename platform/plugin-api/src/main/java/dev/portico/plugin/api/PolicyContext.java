package dev.portico.plugin.api;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Everything a policy rule may weigh for one action. For an existing booking the windows and limits are the
 * terms frozen on it when it was made; for a new booking they are the ones in force now.
 *
 * @param action                what the customer is trying to do
 * @param now                   the host's clock reading
 * @param startsAt              when the booked (or to-be-booked) class starts
 * @param bookedAt              when the booking was made, null for a new booking
 * @param cancelWindow          how long before the start cancelling stops being free
 * @param rescheduleWindow      how long before the start rescheduling stops being allowed
 * @param lateCancelAllowed     whether the studio lets a customer cancel inside the window, losing the credit
 * @param maxReschedules        how often one booking may be moved
 * @param serviceId             the service booked
 * @param serviceKind           {@code CLASS} or {@code APPOINTMENT}
 * @param paidWithCredit        whether a package credit paid for it
 * @param pricePaid             the money paid, if paid by card
 * @param reschedulesSoFar      how often this booking was already moved
 * @param lateCancelsLast30Days the customer's recent late cancellations
 */
public record PolicyContext(PolicyAction action, Instant now, Instant startsAt, @Nullable Instant bookedAt,
        Duration cancelWindow, Duration rescheduleWindow, boolean lateCancelAllowed, int maxReschedules,
        String serviceId, String serviceKind, boolean paidWithCredit, @Nullable Money pricePaid,
        int reschedulesSoFar, int lateCancelsLast30Days) {

    /** Time left until the start; negative once it has started. */
    public Duration timeUntilStart() {
        return Duration.between(now, startsAt);
    }
}
