package dev.portico.booking;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.catalog.Catalog;
import dev.portico.catalog.Location;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Calendars of bookings: one booking as an {@code .ics}, and each customer's private feed, reached by a secret URL
 * (only its hash stored) that the customer can rotate or revoke. The feed shows cancellations and moves as they
 * happen, from 30 days back to every future booking.
 */
@Service
public class CalendarFeeds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final BookingManagement bookings;
    private final Catalog catalog;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    CalendarFeeds(BookingManagement bookings, Catalog catalog, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.bookings = bookings;
        this.catalog = catalog;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One of the customer's bookings as iCalendar. */
    @Transactional(readOnly = true)
    public String appointment(UUID customerId, UUID appointmentId) {
        return ics(List.of(bookings.find(customerId, appointmentId)));
    }

    /** A new secret feed token for the customer; any earlier feed URL stops working. */
    @Transactional
    public String rotate(UUID customerId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.sql("INSERT INTO " + schema() + """
                .calendar_feeds (customer_id, token_hash, created_at) VALUES (?, ?, ?)
                ON CONFLICT (customer_id) DO UPDATE SET token_hash = excluded.token_hash, created_at = excluded.created_at
                """).params(customerId, hash(token), Timestamp.from(clock.instant())).update();
        audit.record(Actor.customer(customerId.toString()), "calendar.feed_created", customerId, "customer", customerId.toString(), Map.of());
        return token;
    }

    /** Ends the customer's feed. */
    @Transactional
    public void revoke(UUID customerId) {
        if (jdbc.sql("DELETE FROM " + schema() + ".calendar_feeds WHERE customer_id = ?").param(customerId).update() > 0) {
            audit.record(Actor.customer(customerId.toString()), "calendar.feed_revoked", customerId, "customer", customerId.toString(), Map.of());
        }
    }

    /** The feed a token opens, if it is live and its customer active (a deactivated customer's feed answers nothing). */
    @Transactional(readOnly = true)
    public Optional<String> feed(String token) {
        if (!token.matches("^[A-Za-z0-9_-]{43}$")) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT f.customer_id FROM " + schema() + ".calendar_feeds f JOIN " + schema()
                        + ".customers c ON c.id = f.customer_id AND c.status = 'ACTIVE' WHERE f.token_hash = ?").param(hash(token))
                .query(UUID.class).optional()
                .map(customerId -> ics(jdbc.sql("SELECT " + AppointmentRecord.COLUMNS + " FROM " + schema()
                                + ".appointments WHERE customer_id = ? AND starts_at > ? ORDER BY starts_at")
                        .params(customerId, Timestamp.from(clock.instant().minus(Duration.ofDays(30))))
                        .query(AppointmentRecord::map).list()));
    }

    private String ics(List<AppointmentRecord> appointments) {
        Tenant tenant = TenantContext.require();
        Set<UUID> services = new HashSet<>();
        Set<UUID> staff = new HashSet<>();
        appointments.forEach(a -> {
            services.add(a.serviceId());
            staff.add(a.staffId());
        });
        Catalog.Names names = catalog.names(services, staff, List.of());
        Map<UUID, Location> locations = catalog.activeLocations().stream().collect(Collectors.toMap(Location::getId, l -> l));
        List<IcsCalendar.Event> events = appointments.stream().map(a -> {
            boolean cancelled = !a.booked() && a.status().contains("CANCELLED");
            Location location = locations.get(a.locationId());
            String where = location == null ? tenant.config().name()
                    : location.getName() + (location.getAddress() == null ? "" : ", " + location.getAddress());
            return new IcsCalendar.Event(a.id() + "@" + tenant.slug() + ".portico", a.startsAt(), a.endsAt(),
                    names.services().getOrDefault(a.serviceId(), "Class") + " with " + names.staff().getOrDefault(a.staffId(), "your instructor"),
                    where, cancelled, a.rescheduleCount() + (cancelled ? 1 : 0));
        }).toList();
        return IcsCalendar.write(tenant.config().name(), events, clock.instant());
    }

    private static byte[] hash(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String schema() {
        return TenantContext.require().schemaName();
    }
}
