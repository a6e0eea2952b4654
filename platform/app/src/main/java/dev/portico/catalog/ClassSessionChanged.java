package dev.portico.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A studio admin changed a class session's instructor, location or time. Published inside the changing
 * transaction, so bookings in the session can follow it.
 */
public record ClassSessionChanged(String tenant, UUID sessionId, UUID staffId, UUID locationId, Instant startsAt, Instant endsAt) {}
