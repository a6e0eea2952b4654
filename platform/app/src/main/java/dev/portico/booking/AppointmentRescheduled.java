package dev.portico.booking;

import java.time.Instant;
import java.util.UUID;

/** A booking moved; notifications tell the customer and move the reminder. */
public record AppointmentRescheduled(String tenant, UUID appointmentId, UUID customerId, Instant from, Instant to) {}
