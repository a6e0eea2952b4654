package dev.portico.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.tenancy.TenantProvisioning;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The demo studios hold what the README promises, relative to today, and re-running changes nothing. */
@DemoStudiosTest
class DemoStudiosIntegrationTests {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantProvisioning provisioning;

    @Test
    void mayaHasAnActivePackUpcomingSoonAndPastClassesAtSerenity() {
        assertThat(count("""
                SELECT count(*) FROM tenant_serenity.customer_packages p JOIN tenant_serenity.customers c ON c.id = p.customer_id
                 WHERE c.email = 'maya@example.com' AND p.status = 'ACTIVE' AND p.credits_total = 10
                   AND p.credits_remaining > 0 AND p.expires_at > now()
                """)).isEqualTo(1);
        assertThat(mayaBookings("a.starts_at > now() + interval '1 day'")).isPositive();
        assertThat(mayaBookings("a.starts_at BETWEEN now() + interval '2 hours' AND now() + interval '4 hours'")).isEqualTo(1);
        assertThat(count("""
                SELECT count(*) FROM tenant_serenity.appointments a JOIN tenant_serenity.customers c ON c.id = a.customer_id
                 WHERE c.email = 'maya@example.com' AND a.starts_at < now() AND a.status = 'COMPLETED'
                """)).isPositive();
    }

    @Test
    void mayaIsInBothStudiosWithDifferentDataAndSamOnlyAtIronworks() {
        String atSerenity = jdbc.sql("SELECT id::text FROM tenant_serenity.customers WHERE email = 'maya@example.com'").query(String.class).single();
        String atIronworks = jdbc.sql("SELECT id::text FROM tenant_ironworks.customers WHERE email = 'maya@example.com'").query(String.class).single();
        assertThat(atSerenity).isNotEqualTo(atIronworks);
        assertThat(jdbc.sql("SELECT phone FROM tenant_ironworks.customers WHERE email = 'maya@example.com'").query(String.class).single())
                .isEqualTo("+971501234567");
        assertThat(count("SELECT count(*) FROM tenant_ironworks.customers WHERE email = 'sam@example.com'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM tenant_serenity.customers WHERE email = 'sam@example.com'")).isZero();
    }

    @Test
    void bothStudiosHaveFourWeeksOfClassesAndACatalog() {
        for (String schema : List.of("tenant_serenity", "tenant_ironworks")) {
            assertThat(count("SELECT count(DISTINCT date_trunc('day', starts_at)) FROM " + schema
                    + ".class_sessions WHERE starts_at BETWEEN now() AND now() + interval '28 days'")).as(schema).isGreaterThanOrEqualTo(27);
            assertThat(count("SELECT count(*) FROM " + schema + ".services")).as(schema).isGreaterThanOrEqualTo(3);
            assertThat(count("SELECT count(*) FROM " + schema + ".staff")).as(schema).isGreaterThanOrEqualTo(3);
            assertThat(count("SELECT count(*) FROM " + schema + ".locations")).as(schema).isGreaterThanOrEqualTo(1);
            assertThat(count("SELECT count(*) FROM " + schema + ".package_products")).as(schema).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void demoDataIsConsistent() {
        for (String schema : List.of("tenant_serenity", "tenant_ironworks")) {
            assertThat(count("""
                    SELECT count(*) FROM %s.class_sessions s
                     WHERE s.booked_count <> (SELECT count(*) FROM %1$s.appointments a WHERE a.class_session_id = s.id
                                            AND a.status IN ('BOOKED', 'COMPLETED', 'NO_SHOW'))
                    """.formatted(schema))).as(schema + " booked counts").isZero();
            assertThat(count("""
                    SELECT count(*) FROM %s.customer_packages p
                     WHERE p.credits_remaining <> (SELECT coalesce(sum(delta), 0) FROM %1$s.credit_ledger l
                                                    WHERE l.customer_package_id = p.id)
                    """.formatted(schema))).as(schema + " ledger balances").isZero();
        }
    }

    @Test
    void announcingTheStudiosAgainAddsNothingAndOverwritesNothing() {
        jdbc.sql("UPDATE tenant_serenity.customers SET last_name = 'Renamed' WHERE email = 'maya@example.com'").update();
        long sessions = count("SELECT count(*) FROM tenant_serenity.class_sessions");
        long appointments = count("SELECT count(*) FROM tenant_serenity.appointments");

        provisioning.migrateAndAnnounceAll();

        assertThat(count("SELECT count(*) FROM tenant_serenity.class_sessions")).isEqualTo(sessions);
        assertThat(count("SELECT count(*) FROM tenant_serenity.appointments")).isEqualTo(appointments);
        assertThat(jdbc.sql("SELECT last_name FROM tenant_serenity.customers WHERE email = 'maya@example.com'").query(String.class).single())
                .isEqualTo("Renamed");
    }

    private long mayaBookings(String condition) {
        return count("""
                SELECT count(*) FROM tenant_serenity.appointments a JOIN tenant_serenity.customers c ON c.id = a.customer_id
                 WHERE c.email = 'maya@example.com' AND a.status = 'BOOKED' AND
                """ + condition);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
