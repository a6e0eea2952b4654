package dev.portico.booking;

import java.time.Instant;
import java.util.UUID;

/**
 * A booking was cancelled.
 *
 * @param late          cancelled inside the window, the credit forfeited
 * @param creditOutcome REFUNDED, FORFEITED, NONE or MANUAL_REVIEW
 */
public record AppointmentCancelled(String tenant, UUID appointmentId, UUID customerId, Instant startsAt, boolean late,
        String creditOutcome) {}
