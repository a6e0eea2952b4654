package dev.portico.catalog;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The studio cancelled a class session. Published inside the cancelling transaction, so whoever holds bookings in
 * it (the booking feature) cancels them, returns what was paid and tells the customers in the same transaction.
 *
 * @param adminId the studio admin who cancelled it
 * @param reason  what the studio told its customers, if anything
 */
public record ClassSessionCancelled(String tenant, UUID sessionId, UUID serviceId, Instant startsAt, String adminId,
        @Nullable String reason) {}
