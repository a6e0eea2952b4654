package dev.portico.credits;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * A customer's packages as the front desk manages them over real HTTP: granting, adjusting with a reason and
 * extending, each written to the ledger (when credits move) and the audit log, with the balance always the
 * ledger's sum, including under parallel adjustments.
 */
@DemoStudiosTest
class CustomerPackagesAdminIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    StudioHttp http;
    String desk;
    UUID customer;
    UUID product;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
        desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");
        StudioHttp.Response created = http.json("POST", SERENITY, "/api/admin/customers", desk,
                "{\"firstName\":\"Credit\",\"lastName\":\"Holder\",\"email\":\"credits-" + UUID.randomUUID() + "@example.com\"}");
        customer = UUID.fromString(created.json().path("id").asString());
        product = jdbc.sql("SELECT id FROM tenant_serenity.package_products ORDER BY name LIMIT 1").query(UUID.class).single();
    }

    @Test
    void grantingOpensAPackageWithItsGrantEntry() {
        record Product(String name, int credits, int validityDays) {}
        Product defaults = jdbc.sql("SELECT name, credits, validity_days FROM tenant_serenity.package_products WHERE id = ?").param(product)
                .query((rs, n) -> new Product(rs.getString(1), rs.getInt(2), rs.getInt(3))).single();

        StudioHttp.Response granted = http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/packages", desk,
                "{\"packageProductId\":\"" + product + "\",\"reason\":\"welcome gift\"}");

        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        JsonNode pack = granted.json();
        assertThat(pack.path("name").asString()).isEqualTo(defaults.name());
        assertThat(pack.path("creditsRemaining").asInt()).isEqualTo(defaults.credits());
        assertThat(pack.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(OffsetDateTime.parse(pack.path("expiresAt").asString()))
                .isCloseTo(OffsetDateTime.now(ZoneOffset.UTC).plusDays(defaults.validityDays()), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));
        JsonNode entry = pack.path("ledger").get(0);
        assertThat(entry.path("reason").asString()).isEqualTo("GRANT");
        assertThat(entry.path("delta").asInt()).isEqualTo(defaults.credits());
        assertThat(entry.path("note").asString()).isEqualTo("welcome gift");
        assertThat(entry.path("actor").asString()).startsWith("admin:");
        assertThat(audited("credits.granted")).isEqualTo(1);
        assertBalanceIsLedgerSum(UUID.fromString(pack.path("id").asString()));

        StudioHttp.Response custom = grant(3, OffsetDateTime.now(ZoneOffset.UTC).plusDays(10));
        assertThat(custom.json().path("creditsTotal").asInt()).isEqualTo(3);
        StudioHttp.Response listed = http.json("GET", SERENITY, "/api/admin/customers/" + customer + "/packages", desk, null);
        assertThat(listed.json().path("items").size()).isEqualTo(2);
    }

    @Test
    void grantInputIsValidated() {
        StudioHttp.Response missing = http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/packages", desk, "{\"credits\":0}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).contains("packageProductId", "credits", "reason");

        StudioHttp.Response past = grant(3, OffsetDateTime.now(ZoneOffset.UTC).minusDays(1));
        assertThat(past.status()).isEqualTo(400);
        assertThat(fields(past)).containsExactly("expiresAt");

        StudioHttp.Response unknown = http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/packages", desk,
                "{\"packageProductId\":\"" + UUID.randomUUID() + "\",\"reason\":\"x\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(audited("credits.granted")).isZero();
    }

    @Test
    void adjustingMovesTheBalanceWithAReasonAndNeverBelowZero() {
        UUID pack = UUID.fromString(grant(4, null).json().path("id").asString());

        StudioHttp.Response down = adjust(pack, -3, "no-show fee waived the wrong way");
        assertThat(down.status()).as(down.body()).isEqualTo(200);
        assertThat(down.json().path("creditsRemaining").asInt()).isEqualTo(1);
        JsonNode last = down.json().path("ledger").get(1);
        assertThat(last.path("reason").asString()).isEqualTo("ADJUSTMENT");
        assertThat(last.path("delta").asInt()).isEqualTo(-3);
        assertThat(last.path("note").asString()).isEqualTo("no-show fee waived the wrong way");

        StudioHttp.Response tooMuch = adjust(pack, -2, "oops");
        assertThat(tooMuch.status()).isEqualTo(409);
        assertThat(tooMuch.json().path("code").asString()).isEqualTo("CREDITS_WOULD_GO_NEGATIVE");

        StudioHttp.Response toZero = adjust(pack, -1, "used at the desk");
        assertThat(toZero.json().path("status").asString()).isEqualTo("EXHAUSTED");
        StudioHttp.Response bonus = adjust(pack, 6, "loyalty bonus");
        assertThat(bonus.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(bonus.json().path("creditsRemaining").asInt()).isEqualTo(6);
        assertThat(bonus.json().path("creditsTotal").asInt()).as("grows past its size").isEqualTo(6);

        StudioHttp.Response noReason = http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/packages/" + pack + "/adjust", desk,
                "{\"delta\":1,\"reason\":\" \"}");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(fields(noReason)).containsExactly("reason");
        assertThat(fields(adjust(pack, 0, "nothing"))).containsExactly("delta");

        assertThat(audited("credits.adjusted")).isEqualTo(3);
        String diff = jdbc.sql("SELECT cast(details->'creditsRemaining' AS text) FROM tenant_serenity.audit_logs "
                + "WHERE customer_id = ? AND action = 'credits.adjusted' ORDER BY id LIMIT 1").param(customer).query(String.class).single();
        assertThat(diff).isEqualTo("{\"new\": 1, \"old\": 4}");
        assertBalanceIsLedgerSum(pack);
    }

    /** Found by the fuzz pass: the refund went past the package's size, which the database refuses, and was a 500. */
    @Test
    void aCreditGivenBackAfterTheDeskToppedThePackageUpIsRefunded() {
        UUID pack = UUID.fromString(grant(1, null).json().path("id").asString());
        record Session(OffsetDateTime startsAt, UUID serviceId) {}
        Session session = jdbc.sql("""
                SELECT s.starts_at, s.service_id FROM tenant_serenity.class_sessions s, tenant_serenity.package_products p
                 WHERE p.id = ? AND s.status = 'SCHEDULED' AND s.booked_count < s.capacity AND s.starts_at > now() + interval '3 days'
                   AND (p.service_ids IS NULL OR cardinality(p.service_ids) = 0 OR s.service_id = ANY (p.service_ids))
                 ORDER BY s.starts_at LIMIT 1""").param(product)
                .query((rs, n) -> new Session(rs.getObject(1, OffsetDateTime.class), rs.getObject(2, UUID.class))).single();
        String token = tokens.issue(Audience.CUSTOMER, "serenity", customer.toString(), Duration.ofMinutes(15),
                Map.of("type", "access", "role", "CUSTOMER")).value();
        StudioHttp.Response booked = http.json("POST", SERENITY, "/api/client-portal/appointments", token, "{\"serviceId\":\""
                + session.serviceId() + "\",\"startsAt\":\"" + session.startsAt() + "\",\"payWith\":\"credits\",\"packageId\":\"" + pack + "\"}");
        assertThat(booked.status()).as(booked.body()).isEqualTo(201);
        // The package's one credit is on the booking; the desk adds one, so the package holds as many as it is sized for.
        assertThat(adjust(pack, 1, "goodwill").json().path("creditsTotal").asInt()).isEqualTo(1);

        StudioHttp.Response cancelled = http.json("POST", SERENITY, "/api/client-portal/appointments/" + booked.json().path("id").asString()
                + "/cancel", token, "{}");

        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        StudioHttp.Response listed = http.json("GET", SERENITY, "/api/admin/customers/" + customer + "/packages", desk, null);
        assertThat(listed.json().path("items").get(0).path("creditsRemaining").asInt()).isEqualTo(2);
        assertThat(listed.json().path("items").get(0).path("creditsTotal").asInt()).isEqualTo(2);
        assertBalanceIsLedgerSum(pack);
    }

    @Test
    void parallelAdjustmentsAllCountAndOnlyAsManyAsThereAreCreditsSucceed() throws Exception {
        UUID pack = UUID.fromString(grant(5, null).json().path("id").asString());
        int requests = 12;
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            calls.add(() -> adjust(pack, -1, "parallel").status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> result : pool.invokeAll(calls)) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(5);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(requests - 5);
        assertThat(jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?").param(pack)
                .query(Integer.class).single()).isZero();
        assertBalanceIsLedgerSum(pack);
    }

    @Test
    void extendingMakesAnExpiredPackageWithCreditsUsableAgain() {
        UUID pack = UUID.fromString(grant(3, null).json().path("id").asString());
        jdbc.sql("UPDATE tenant_serenity.customer_packages SET purchased_at = now() - interval '60 days', "
                + "expires_at = now() - interval '1 day', status = 'EXPIRED' WHERE id = ?").param(pack).update();
        OffsetDateTime later = OffsetDateTime.now(ZoneOffset.UTC).plusDays(30).truncatedTo(ChronoUnit.SECONDS);

        StudioHttp.Response extended = extend(pack, later, "was travelling");

        assertThat(extended.status()).as(extended.body()).isEqualTo(200);
        assertThat(extended.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(OffsetDateTime.parse(extended.json().path("expiresAt").asString()).toInstant()).isEqualTo(later.toInstant());
        assertThat(extended.json().path("creditsRemaining").asInt()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT details->>'reason' || ' ' || (details->'status'->>'new') FROM tenant_serenity.audit_logs "
                + "WHERE customer_id = ? AND action = 'credits.expiry_extended'").param(customer).query(String.class).single())
                .isEqualTo("was travelling ACTIVE");
        assertBalanceIsLedgerSum(pack);

        StudioHttp.Response past = extend(pack, OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), "no");
        assertThat(past.status()).isEqualTo(400);
        assertThat(fields(past)).containsExactly("expiresAt");
    }

    @Test
    void anotherCustomersOrStudiosPackageIsNotFound() {
        UUID pack = UUID.fromString(grant(3, null).json().path("id").asString());
        UUID other = UUID.fromString(http.json("POST", SERENITY, "/api/admin/customers", desk,
                "{\"firstName\":\"Other\",\"email\":\"other-" + UUID.randomUUID() + "@example.com\"}").json().path("id").asString());
        UUID sam = jdbc.sql("SELECT id FROM tenant_ironworks.customers WHERE email = 'sam@example.com'").query(UUID.class).single();

        assertThat(http.json("POST", SERENITY, "/api/admin/customers/" + other + "/packages/" + pack + "/adjust", desk,
                "{\"delta\":1,\"reason\":\"x\"}").status()).isEqualTo(404);
        assertThat(http.json("GET", SERENITY, "/api/admin/customers/" + sam + "/packages", desk, null).status()).isEqualTo(404);
        assertThat(http.json("GET", IRONWORKS, "/api/admin/customers/" + sam + "/packages", desk, null).status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?").param(pack)
                .query(Integer.class).single()).isEqualTo(3);
    }

    private StudioHttp.Response grant(int credits, OffsetDateTime expiresAt) {
        return http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/packages", desk, "{\"packageProductId\":\"" + product
                + "\",\"credits\":" + credits + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + ",\"reason\":\"test\"}");
    }

    private StudioHttp.Response adjust(UUID pack, int delta, String reason) {
        return http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/packages/" + pack + "/adjust", desk,
                "{\"delta\":" + delta + ",\"reason\":\"" + reason + "\"}");
    }

    private StudioHttp.Response extend(UUID pack, OffsetDateTime expiresAt, String reason) {
        return http.json("POST", SERENITY, "/api/admin/customers/" + customer + "/packages/" + pack + "/extend", desk,
                "{\"expiresAt\":\"" + expiresAt + "\",\"reason\":\"" + reason + "\"}");
    }

    private long audited(String action) {
        return jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE customer_id = ? AND action = ? AND actor_type = 'ADMIN'")
                .params(customer, action).query(Long.class).single();
    }

    private void assertBalanceIsLedgerSum(UUID pack) {
        assertThat(jdbc.sql("SELECT credits_remaining = (SELECT sum(delta) FROM tenant_serenity.credit_ledger WHERE customer_package_id = p.id) "
                + "FROM tenant_serenity.customer_packages p WHERE id = ?").param(pack).query(Boolean.class).single()).isTrue();
    }

    static List<String> fields(StudioHttp.Response response) {
        List<String> fields = new ArrayList<>();
        response.json().path("errors").forEach(error -> fields.add(error.path("field").asString()));
        return fields;
    }
}
