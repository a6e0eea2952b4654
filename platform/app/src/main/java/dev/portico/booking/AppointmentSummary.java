package dev.portico.booking;

import java.time.Instant;
import java.util.UUID;

/** A booking as messages and other features describe it. */
public record AppointmentSummary(UUID id, UUID customerId, String serviceName, String staffName, String locationName,
        Instant startsAt, Instant endsAt, String status) {}
