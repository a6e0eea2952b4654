package dev.portico.booking;

import dev.portico.catalog.ServiceDetails;
import dev.portico.tenancy.TenantConfig;
import java.time.Duration;

/**
 * The policy terms frozen on a booking when it is made: a later change of the studio's or the service's policy
 * never rewrites them.
 *
 * @param cancelWindow      free cancellation until this long before the start
 * @param rescheduleWindow  rescheduling until this long before the start
 * @param lateCancelAllowed whether cancelling inside the window is allowed, forfeiting the credit
 * @param maxReschedules    how often the booking may be moved
 */
record BookingTerms(Duration cancelWindow, Duration rescheduleWindow, boolean lateCancelAllowed, int maxReschedules) {

    /** The terms in force now for a new booking of {@code service}: the service's overrides, else the studio's policy. */
    static BookingTerms current(ServiceDetails service, TenantConfig.Policies policies) {
        Duration cancel = service.cancelWindowMinutes() != null
                ? Duration.ofMinutes(service.cancelWindowMinutes()) : Duration.ofHours(policies.cancelWindowHours());
        Duration reschedule = service.rescheduleWindowMinutes() != null
                ? Duration.ofMinutes(service.rescheduleWindowMinutes()) : Duration.ofHours(policies.rescheduleWindowHours());
        return new BookingTerms(cancel, reschedule, "forfeit".equals(policies.lateCancel()), policies.maxReschedulesPerBooking());
    }
}
