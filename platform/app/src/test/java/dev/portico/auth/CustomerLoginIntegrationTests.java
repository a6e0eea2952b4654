package dev.portico.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.MutableClock;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** Customer login end to end over HTTP: the dev inbox is the customer's mailbox, the clock is ours to move. */
@DemoStudiosTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {
        // This class logs in many times from 127.0.0.1; LoginRateLimitIntegrationTests covers the limits.
        "portico.rate-limits.link-per-identifier.capacity=1000", "portico.rate-limits.link-per-ip.capacity=1000",
        "portico.rate-limits.verify-per-ip.capacity=1000", "portico.rate-limits.refresh-per-ip.capacity=1000"})
class CustomerLoginIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";
    static final String MAYA = "maya@example.com";

    @LocalServerPort
    int port;

    @Autowired
    MutableClock clock;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MagicLinks links;

    @Autowired
    PortalSessions sessions;

    @Autowired
    TenantRegistry registry;

    StudioHttp http;
    PortalLogin portal;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
        portal = new PortalLogin(http);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void mayaLogsInAtSerenityAndSeesSerenitysDataOnly() {
        StudioHttp.Response requested = portal.requestLink(SERENITY, "{\"email\":\"Maya@Example.com \"}");
        assertThat(requested.status()).isEqualTo(202);
        assertThat(requested.json().path("status").asString()).isEqualTo("sent");
        assertThat(requested.json().path("channel").asString()).isEqualTo("email");
        assertThat(requested.json().path("expiresInSeconds").asInt()).isEqualTo(600);

        String token = portal.emailLinkToken(SERENITY, MAYA);
        JsonNode message = null;
        for (JsonNode item : portal.inbox(SERENITY, MAYA)) {
            if (item.path("link").asString("").endsWith(token)) {
                message = item;
            }
        }
        assertThat(message).isNotNull();
        assertThat(message.path("link").asString()).startsWith("http://serenity.localhost:").contains("/portal/auth/callback?token=");
        assertThat(message.path("subject").asString()).contains("Serenity Yoga & Pilates");

        StudioHttp.Response verified = portal.verify(SERENITY, token);
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("tokenType").asString()).isEqualTo("Bearer");
        assertThat(verified.json().path("expiresIn").asInt()).isBetween(890, 900);
        assertThat(verified.json().path("customer").path("email").asString()).isEqualTo(MAYA);
        assertThat(verified.header("Set-Cookie")).contains("__Host-portalRefreshToken=", "HttpOnly", "Secure",
                "SameSite=Strict", "Path=/");

        StudioHttp.Response me = portal.me(SERENITY, verified.json().path("accessToken").asString());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().path("customer").path("id").asString()).isEqualTo("5e000010-0000-4000-8000-000000000001");
        assertThat(me.json().path("studio").path("name").asString()).isEqualTo("Serenity Yoga & Pilates");
        assertThat(me.json().path("bookingPageSlug").asString()).isEqualTo("serenity");
        assertThat(me.json().path("packages").toString()).contains("10-Class Pack").doesNotContain("Gym Pass");
        assertThat(me.json().path("packages").get(0).path("expiresAt").asString()).endsWith("+04:00");
    }

    @Test
    void theSameEmailAtIronworksGetsIronworksDataOnly() {
        String access = portal.verify(IRONWORKS, portal.emailLinkToken(IRONWORKS, MAYA)).json().path("accessToken").asString();

        StudioHttp.Response me = portal.me(IRONWORKS, access);

        assertThat(me.json().path("customer").path("id").asString()).isEqualTo("1c000010-0000-4000-8000-000000000002");
        assertThat(me.json().path("studio").path("name").asString()).isEqualTo("Ironworks Gym");
        assertThat(me.json().path("packages").toString()).contains("Gym Pass").doesNotContain("10-Class Pack");
        assertThat(portal.me(SERENITY, access).status()).isEqualTo(401);
    }

    @Test
    void aLinkWorksOnce() {
        String token = portal.emailLinkToken(SERENITY, MAYA);

        assertThat(portal.verify(SERENITY, token).status()).isEqualTo(200);
        StudioHttp.Response again = portal.verify(SERENITY, token);

        assertThat(again.status()).isEqualTo(401);
        assertThat(again.json().path("code").asString()).isEqualTo("TOKEN_USED");
    }

    @Test
    void simultaneousUsesOfOneLinkGiveExactlyOneLogin() throws Exception {
        String token = portal.emailLinkToken(SERENITY, MAYA);
        int attempts = 12;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(attempts)) {
            for (int i = 0; i < attempts; i++) {
                results.add(pool.submit((Callable<Integer>) () -> {
                    start.await();
                    return portal.verify(SERENITY, token).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(status -> status == 200).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 401).hasSize(attempts - 1);
        }
    }

    @Test
    void aLinkExpiresAfterTenMinutes() {
        String fresh = portal.emailLinkToken(SERENITY, MAYA);
        String stale = portal.emailLinkToken(SERENITY, MAYA);
        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        assertThat(portal.verify(SERENITY, fresh).status()).isEqualTo(200);

        clock.advance(Duration.ofSeconds(2));
        StudioHttp.Response expired = portal.verify(SERENITY, stale);

        assertThat(expired.status()).isEqualTo(401);
        assertThat(expired.json().path("code").asString()).isEqualTo("TOKEN_EXPIRED");
    }

    @Test
    void aLinkFromAnotherStudioIsNotValidHere() {
        String ironworksToken = portal.emailLinkToken(IRONWORKS, MAYA);

        StudioHttp.Response atSerenity = portal.verify(SERENITY, ironworksToken);

        assertThat(atSerenity.status()).isEqualTo(401);
        assertThat(atSerenity.json().path("code").asString()).isEqualTo("TOKEN_INVALID");
        assertThat(portal.verify(IRONWORKS, ironworksToken).status()).isEqualTo(200);
    }

    @Test
    void garbageAndMissingTokensAreRefusedCleanly() {
        StudioHttp.Response garbage = portal.verify(SERENITY, "not-a-token");
        StudioHttp.Response unknown = portal.verify(SERENITY, "A".repeat(43));
        StudioHttp.Response missing = http.post(SERENITY, "/api/client-portal/auth/verify", "{}");

        assertThat(garbage.json().path("code").asString()).isEqualTo("TOKEN_INVALID");
        assertThat(unknown.json().path("code").asString()).isEqualTo("TOKEN_INVALID");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors").get(0).path("field").asString()).isEqualTo("token");
    }

    @Test
    void refreshRotatesAndReplayRevokesTheWholeFamily() {
        StudioHttp.Response verified = portal.verify(SERENITY, portal.emailLinkToken(SERENITY, MAYA));
        String first = PortalLogin.cookieIn(verified);

        StudioHttp.Response refreshed = portal.refresh(SERENITY, first);
        assertThat(refreshed.status()).isEqualTo(200);
        String second = PortalLogin.cookieIn(refreshed);
        assertThat(second).isNotEqualTo(first);
        assertThat(portal.me(SERENITY, refreshed.json().path("accessToken").asString()).status()).isEqualTo(200);

        StudioHttp.Response replay = portal.refresh(SERENITY, first);
        assertThat(replay.status()).isEqualTo(401);
        assertThat(portal.refresh(SERENITY, second).status()).as("the family is revoked").isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'auth.refresh_reuse_detected'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void logoutEndsTheSessionServerSide() {
        String cookie = PortalLogin.cookieIn(portal.verify(SERENITY, portal.emailLinkToken(SERENITY, MAYA)));

        StudioHttp.Response out = portal.logout(SERENITY, cookie);

        assertThat(out.status()).isEqualTo(204);
        assertThat(out.header("Set-Cookie")).contains("__Host-portalRefreshToken=", "Max-Age=0");
        assertThat(portal.refresh(SERENITY, cookie).status()).isEqualTo(401);
    }

    @Test
    void sessionsEndWhenIdleAndAtTheirAbsoluteLimit() {
        String idle = PortalLogin.cookieIn(portal.verify(SERENITY, portal.emailLinkToken(SERENITY, MAYA)));
        String active = PortalLogin.cookieIn(portal.verify(SERENITY, portal.emailLinkToken(SERENITY, MAYA)));

        for (int day = 25; day < 90; day += 25) {
            clock.advance(Duration.ofDays(25));
            StudioHttp.Response refreshed = portal.refresh(SERENITY, active);
            assertThat(refreshed.status()).as("day " + day).isEqualTo(200);
            active = PortalLogin.cookieIn(refreshed);
        }
        assertThat(portal.refresh(SERENITY, idle).status()).as("idle for 75 days").isEqualTo(401);
        clock.advance(Duration.ofDays(16));
        assertThat(portal.refresh(SERENITY, active).status()).as("91 days after login").isEqualTo(401);
    }

    @Test
    void refreshAndLogoutNeedThePortalsHeaderAndOrigin() {
        String cookie = PortalLogin.cookieIn(portal.verify(SERENITY, portal.emailLinkToken(SERENITY, MAYA)));

        StudioHttp.Response noHeader = http.post(SERENITY, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + cookie);
        StudioHttp.Response foreignOrigin = http.post(SERENITY, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + cookie, "X-Requested-With", "portal", "Origin", "https://evil.example");
        StudioHttp.Response sameOrigin = http.post(SERENITY, "/api/client-portal/auth/refresh", null,
                "Cookie", "__Host-portalRefreshToken=" + cookie, "X-Requested-With", "portal", "Origin", "http://serenity.localhost");

        assertThat(noHeader.status()).isEqualTo(403);
        assertThat(noHeader.json().path("code").asString()).isEqualTo("CSRF_CHECK_FAILED");
        assertThat(foreignOrigin.status()).isEqualTo(403);
        assertThat(sameOrigin.status()).isEqualTo(200);
    }

    @Test
    void theAnswerIsTheSameWhetherOrNotTheCustomerExists() {
        StudioHttp.Response known = portal.requestLink(SERENITY, "{\"email\":\"maya@example.com\"}");
        StudioHttp.Response unknown = portal.requestLink(SERENITY, "{\"email\":\"nobody-" + System.nanoTime() + "@example.com\"}");
        StudioHttp.Response otherStudiosCustomer = portal.requestLink(SERENITY, "{\"email\":\"sam@example.com\"}");

        assertThat(unknown.status()).isEqualTo(known.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body()).isEqualTo(otherStudiosCustomer.body());
        assertThat(unknown.headers().map().keySet()).isEqualTo(known.headers().map().keySet());
        assertThat(portal.inbox(SERENITY, "sam@example.com")).isEmpty();
    }

    @Test
    void smsLinksGoToThePhoneOnFile() {
        java.util.Set<String> before = new java.util.HashSet<>();
        portal.inbox(SERENITY, "+971501234567").forEach(message -> before.add(message.toString()));
        StudioHttp.Response response = portal.requestLink(SERENITY, "{\"phone\":\"+971501234567\",\"channel\":\"whatsapp\"}");

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.json().path("channel").asString()).isEqualTo("whatsapp");
        // Among the messages that were not there before: other tests' "new login" notices to this phone may land
        // meanwhile, with times from a clock another test moved, so neither order nor count tells which are new.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<JsonNode> arrived = new ArrayList<>();
            portal.inbox(SERENITY, "+971501234567").forEach(message -> {
                if (!before.contains(message.toString())) {
                    arrived.add(message);
                }
            });
            assertThat(arrived).anySatisfy(message -> {
                assertThat(message.path("channel").asString()).isEqualTo("whatsapp");
                assertThat(message.path("body").asString()).contains("/portal/auth/callback?token=");
            });
        });
    }

    @Test
    void badInputIsA400NamingTheField() {
        assertThat(field(portal.requestLink(SERENITY, "{\"email\":\"not-an-email\"}"))).isEqualTo("email");
        assertThat(field(portal.requestLink(SERENITY, "{\"phone\":\"0501234567\"}"))).isEqualTo("phone");
        assertThat(field(portal.requestLink(SERENITY, "{}"))).isEqualTo("email");
        assertThat(field(portal.requestLink(SERENITY, "{\"email\":\"a@b.example\",\"phone\":\"+971501234567\"}"))).isEqualTo("phone");
        assertThat(field(portal.requestLink(SERENITY, "{\"email\":\"a@b.example\",\"channel\":\"pigeon\"}"))).isEqualTo("channel");
        assertThat(field(portal.requestLink(SERENITY, "{\"email\":\"a@b.example\",\"channel\":\"sms\"}"))).isEqualTo("channel");
        assertThat(field(portal.requestLink(IRONWORKS, "{\"phone\":\"+447700900123\",\"channel\":\"whatsapp\"}"))).isEqualTo("channel");
        StudioHttp.Response malformed = portal.requestLink(SERENITY, "{\"email\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().path("code").asString()).isEqualTo("MALFORMED_REQUEST");
        StudioHttp.Response huge = portal.requestLink(SERENITY, "{\"email\":\"" + "a".repeat(70_000) + "@b.example\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().path("code").asString()).isEqualTo("PAYLOAD_TOO_LARGE");
    }

    @Test
    void everyStepIsAuditedAndNoTokenIsEverStored() {
        String token = portal.emailLinkToken(SERENITY, MAYA);
        String cookie = PortalLogin.cookieIn(portal.verify(SERENITY, token));
        portal.verify(SERENITY, token);
        portal.logout(SERENITY, cookie);

        List<String> actions = jdbc.sql("SELECT DISTINCT action FROM tenant_serenity.audit_logs").query(String.class).list();
        assertThat(actions).contains("auth.link_requested", "auth.login_succeeded", "auth.login_failed", "auth.logout");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE details::text LIKE ? OR details::text LIKE ?")
                .params("%" + token + "%", "%" + cookie + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.customer_portal_tokens WHERE encode(token_hash, 'escape') LIKE ?")
                .param("%" + token + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT ip::text FROM tenant_serenity.audit_logs WHERE action = 'auth.login_succeeded' LIMIT 1")
                .query(String.class).single()).isEqualTo("127.0.0.1/32");
    }

    @Test
    void answersCarrySecurityHeadersAndCorsIsTheStudiosOwn() {
        StudioHttp.Response response = portal.requestLink(SERENITY, "{\"email\":\"maya@example.com\"}");
        StudioHttp.Response preflightOwn = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/api/client-portal/auth/request-link"))
                .header("Host", SERENITY).header("Origin", "http://serenity.localhost:8080")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        StudioHttp.Response preflightEvil = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/api/client-portal/auth/request-link"))
                .header("Host", SERENITY).header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "POST").method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.header("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(response.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.header("Content-Security-Policy")).contains("default-src 'self'", "frame-ancestors 'none'");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(preflightOwn.header("Access-Control-Allow-Origin")).isEqualTo("http://serenity.localhost:8080");
        assertThat(preflightEvil.header("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void theCleanupJobDeletesLinksAndSessionsLongPastTheirEnd() {
        String token = portal.emailLinkToken(SERENITY, MAYA);
        String cookie = PortalLogin.cookieIn(portal.verify(SERENITY, portal.emailLinkToken(SERENITY, MAYA)));
        Tenant serenity = registry.findBySlug("serenity").orElseThrow();
        long links = count("customer_portal_tokens");
        long sessionRows = count("customer_sessions");

        clock.advance(Duration.ofDays(38));
        int deletedLinks = TenantContext.callAs(serenity, this.links::deleteExpired);
        int deletedSessions = TenantContext.callAs(serenity, sessions::deleteExpired);

        assertThat(deletedLinks).isPositive();
        assertThat(deletedSessions).isPositive();
        assertThat(count("customer_portal_tokens")).isEqualTo(links - deletedLinks);
        assertThat(count("customer_sessions")).isEqualTo(sessionRows - deletedSessions);
        assertThat(portal.verify(SERENITY, token).json().path("code").asString()).isEqualTo("TOKEN_INVALID");
        assertThat(portal.refresh(SERENITY, cookie).status()).isEqualTo(401);
    }

    @Test
    void customerEndpointsRefuseMissingAndForgedTokens() {
        assertThat(portal.me(SERENITY, null).status()).isEqualTo(401);
        assertThat(portal.me(SERENITY, "garbage").status()).isEqualTo(401);
        assertThat(portal.me(SERENITY, "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4IiwidGVuYW50Ijoic2VyZW5pdHkifQ.").status()).isEqualTo(401);
        assertThat(portal.me(SERENITY, null).json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM tenant_serenity." + table).query(Long.class).single();
    }

    private static String field(StudioHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        return response.json().path("errors").get(0).path("field").asString();
    }
}
