package dev.portico.booking;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Demo ids and a few rows of our own, written the way the app would find them. */
final class BookingFixtures {

    static final UUID MAYA_SERENITY = UUID.fromString("5e000010-0000-4000-8000-000000000001");
    static final UUID MAYA_PACK = UUID.fromString("5e000011-0000-4000-8000-000000000001");
    static final UUID MAYA_SOON = UUID.fromString("5e000013-0000-4000-8000-000000000003");
    static final UUID MAYA_IN_TWO_DAYS = UUID.fromString("5e000013-0000-4000-8000-000000000001");
    static final UUID MAYA_IN_SIX_DAYS = UUID.fromString("5e000013-0000-4000-8000-000000000002");
    static final UUID VINYASA = UUID.fromString("5e000003-0000-4000-8000-000000000001");
    static final UUID PRIVATE_SESSION = UUID.fromString("5e000003-0000-4000-8000-000000000005");
    static final UUID SAM_IRONWORKS = UUID.fromString("1c000010-0000-4000-8000-000000000001");
    static final UUID SAM_HIIT_SOON = UUID.fromString("1c000013-0000-4000-8000-000000000001");
    static final UUID IRONWORKS_HIIT = UUID.fromString("1c000003-0000-4000-8000-000000000002");

    private final JdbcClient jdbc;
    private final AccessTokens tokens;

    BookingFixtures(JdbcClient jdbc, AccessTokens tokens) {
        this.jdbc = jdbc;
        this.tokens = tokens;
    }

    String token(String tenant, UUID customerId) {
        return tokens.issue(Audience.CUSTOMER, tenant, customerId.toString(), Duration.ofMinutes(15), Map.of("role", "CUSTOMER")).value();
    }

    /** A new serenity customer holding a fresh package of {@code credits}. */
    UUID customerWithCredits(int credits) {
        UUID id = UUID.randomUUID();
        jdbc.sql("INSERT INTO tenant_serenity.customers (id, first_name, last_name, email, timezone) VALUES (?, 'Test', 'Customer', ?, 'Asia/Dubai')")
                .params(id, "test-" + id + "@example.com").update();
        UUID pack = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO tenant_serenity.customer_packages (id, customer_id, name, credits_total, credits_remaining, purchased_at, expires_at)
                VALUES (?, ?, 'Test pack', ?, ?, now(), now() + interval '60 days')
                """).params(pack, id, credits, credits).update();
        jdbc.sql("""
                INSERT INTO tenant_serenity.credit_ledger (customer_package_id, customer_id, delta, reason, actor)
                VALUES (?, ?, ?, 'GRANT', 'test')
                """).params(pack, id, credits).update();
        return id;
    }

    /** The next scheduled Vinyasa session at least {@code after} from now, with its start. */
    Session vinyasaAfter(Duration after) {
        return jdbc.sql("""
                SELECT id, starts_at, capacity, booked_count FROM tenant_serenity.class_sessions
                 WHERE service_id = ? AND status = 'SCHEDULED' AND starts_at > ? AND booked_count < capacity
                 ORDER BY starts_at LIMIT 1
                """).params(VINYASA, Timestamp.from(Instant.now().plus(after)))
                .query((rs, n) -> new Session(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant(), rs.getInt(3), rs.getInt(4)))
                .single();
    }

    int booked(UUID sessionId) {
        return jdbc.sql("SELECT booked_count FROM tenant_serenity.class_sessions WHERE id = ?").param(sessionId).query(Integer.class).single();
    }

    int credits(UUID packageId) {
        return jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?").param(packageId).query(Integer.class).single();
    }

    int ledgerSum(UUID packageId) {
        return jdbc.sql("SELECT coalesce(sum(delta), 0) FROM tenant_serenity.credit_ledger WHERE customer_package_id = ?")
                .param(packageId).query(Integer.class).single();
    }

    record Session(UUID id, Instant startsAt, int capacity, int booked) {}
}
