package dev.portico.catalog;

import dev.portico.availability.ClassSession;
import java.time.Instant;
import java.util.UUID;

/** A scheduled class session. */
public record SessionDetails(UUID id, UUID serviceId, UUID staffId, UUID locationId, Instant startsAt, Instant endsAt,
        int capacity, int booked, boolean cancelled) {

    public ClassSession toEngine() {
        return new ClassSession(id, staffId, startsAt, endsAt, capacity, booked, cancelled);
    }
}
