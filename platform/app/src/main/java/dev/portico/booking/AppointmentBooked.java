package dev.portico.booking;

import java.time.Instant;
import java.util.UUID;

/** A customer booked; notifications confirm it and schedule a reminder. */
public record AppointmentBooked(String tenant, UUID appointmentId, UUID customerId, UUID serviceId, Instant startsAt) {}
