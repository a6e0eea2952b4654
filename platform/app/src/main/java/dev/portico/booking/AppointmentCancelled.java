package dev.portico.booking;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A booking was cancelled.
 *
 * @param late          cancelled inside the window, the credit forfeited
 * @param creditOutcome REFUNDED, FORFEITED, NONE or MANUAL_REVIEW
 * @param byStudio      the studio cancelled it (it cancelled the class session), not the customer
 * @param reason        the reason the studio gave, if any
 */
public record AppointmentCancelled(String tenant, UUID appointmentId, UUID customerId, Instant startsAt, boolean late,
        String creditOutcome, boolean byStudio, @Nullable String reason) {

    /** Cancelled by the customer. */
    public AppointmentCancelled(String tenant, UUID appointmentId, UUID customerId, Instant startsAt, boolean late, String creditOutcome) {
        this(tenant, appointmentId, customerId, startsAt, late, creditOutcome, false, null);
    }
}
