package dev.portico.availability;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A bookable start.
 *
 * @param startsAt       start
 * @param endsAt         end
 * @param staffId        who gives it
 * @param spotsLeft      free places (1 for an appointment)
 * @param classSessionId the session, for classes
 */
public record Slot(Instant startsAt, Instant endsAt, UUID staffId, int spotsLeft, @Nullable UUID classSessionId) {}
