package dev.portico.availability;

import java.time.Instant;
import java.util.UUID;

/**
 * A scheduled session of a class.
 *
 * @param id        the session
 * @param staffId   who teaches it
 * @param startsAt  start
 * @param endsAt    end
 * @param capacity  places
 * @param booked    places taken
 * @param cancelled whether the studio cancelled it
 */
public record ClassSession(UUID id, UUID staffId, Instant startsAt, Instant endsAt, int capacity, int booked, boolean cancelled) {}
