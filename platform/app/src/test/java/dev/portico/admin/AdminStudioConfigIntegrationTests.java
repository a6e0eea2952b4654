package dev.portico.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantConfigReader;
import dev.portico.tenancy.TenantProvisioning;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The studio's own configuration over real HTTP: policies, branding, templates and settings with validation, stale
 * writes refused, owner-only changes, audit rows, the portal showing a change at once, and the YAML export. Works on
 * a studio of its own ({@code atelier}), so the demo studios other tests use keep their settings.
 */
@DemoStudiosTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminStudioConfigIntegrationTests {

    static final String ATELIER = "atelier.localhost";
    static final String SERENITY = "serenity.localhost";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TenantProvisioning provisioning;

    @Autowired
    TenantConfigReader reader;

    StudioHttp http;
    String owner;
    String desk;

    @BeforeAll
    void createStudio() {
        // A demo studio gets owner@atelier.example and desk@atelier.example (password atelier-demo) when it is ready.
        TenantConfigReader.Result config = reader.read("atelier.yaml", """
                slug: atelier
                name: Atelier Barre
                demo: true
                domains: [atelier.portico.example]
                currency: AED
                locales: [en, ar]
                loginChannels: [email]
                theme: {pack: calm, tokens: {color-primary: "#123456"}}
                plugins:
                  notify-resend: {enabled: false, settings: {apiKey: "${ATELIER_RESEND_KEY}", from: "hello@atelier.example"}}
                """);
        assertThat(config.problems()).isEmpty();
        assertThat(provisioning.provision(config.config(), "atelier.yaml")).isPresent();
    }

    @BeforeEach
    void logIn() {
        http = new StudioHttp(port);
        owner = http.adminToken(ATELIER, "owner@atelier.example", "atelier-demo");
        desk = http.adminToken(ATELIER, "desk@atelier.example", "atelier-demo");
    }

    @Test
    void ownerChangesPoliciesOverTheVersionTheyRead() {
        JsonNode read = http.json("GET", ATELIER, "/api/admin/policies", desk, null).json();
        assertThat(read.path("cancelWindowHours").asInt()).isEqualTo(12);
        long version = read.path("version").asLong();

        StudioHttp.Response changed = http.json("PUT", ATELIER, "/api/admin/policies", owner, """
                {"cancelWindowHours": 24, "rescheduleWindowHours": 6, "lateCancel": "forfeit", "maxReschedulesPerBooking": 1,
                 "refundApproval": "manual", "payAtStudio": true, "version": %d}
                """.formatted(version));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("cancelWindowHours").asInt()).isEqualTo(24);
        assertThat(changed.json().path("lateCancel").asString()).isEqualTo("forfeit");
        assertThat(changed.json().path("version").asLong()).isGreaterThan(version);
        assertThat(jdbc.sql("SELECT config->'policies'->>'cancelWindowHours' FROM platform.tenants WHERE slug = 'atelier'")
                .query(String.class).single()).isEqualTo("24");
        String details = jdbc.sql("SELECT details::text FROM tenant_atelier.audit_logs WHERE action = 'policies.updated' ORDER BY id DESC LIMIT 1")
                .query(String.class).single();
        assertThat(details).contains("\"cancelWindowHours\": {\"to\": 24, \"from\": 12}").doesNotContain("payAtStudio\": {\"to\": true, \"from\": true");

        StudioHttp.Response stale = http.json("PUT", ATELIER, "/api/admin/policies", owner, """
                {"cancelWindowHours": 2, "rescheduleWindowHours": 2, "lateCancel": "deny", "maxReschedulesPerBooking": 1,
                 "refundApproval": "auto", "payAtStudio": false, "version": %d}
                """.formatted(version));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.json().path("detail").asString()).isEqualTo("This policy set was changed by someone else. Reload it and try again.");
        assertThat(http.json("GET", ATELIER, "/api/admin/policies", owner, null).json().path("cancelWindowHours").asInt()).isEqualTo(24);
    }

    @Test
    void invalidPoliciesNameEachFieldAndChangeNothing() {
        long version = http.json("GET", ATELIER, "/api/admin/policies", owner, null).json().path("version").asLong();

        StudioHttp.Response invalid = http.json("PUT", ATELIER, "/api/admin/policies", owner, """
                {"cancelWindowHours": 400, "rescheduleWindowHours": 6, "lateCancel": "maybe", "maxReschedulesPerBooking": 1,
                 "refundApproval": "auto", "payAtStudio": true, "version": %d}
                """.formatted(version));
        StudioHttp.Response missing = http.json("PUT", ATELIER, "/api/admin/policies", owner, "{\"cancelWindowHours\": 4}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(invalid)).contains("cancelWindowHours", "lateCancel");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(fields(missing)).contains("version", "lateCancel", "payAtStudio");
        assertThat(http.json("GET", ATELIER, "/api/admin/policies", owner, null).json().path("version").asLong()).isEqualTo(version);
    }

    @Test
    void frontDeskReadsButCannotChangeTheStudiosConfiguration() {
        long version = http.json("GET", ATELIER, "/api/admin/settings", desk, null).json().path("version").asLong();

        for (String[] change : new String[][] {
                {"/api/admin/policies", "{\"cancelWindowHours\": 1, \"rescheduleWindowHours\": 1, \"lateCancel\": \"deny\", "
                        + "\"maxReschedulesPerBooking\": 1, \"refundApproval\": \"auto\", \"payAtStudio\": false, \"version\": " + version + "}"},
                {"/api/admin/branding", "{\"pack\": \"calm\", \"version\": " + version + "}"},
                {"/api/admin/templates", "{\"templates\": {}, \"version\": " + version + "}"},
                {"/api/admin/settings", settingsBody("Desk Was Here", "[]", version)}}) {
            StudioHttp.Response refused = http.json("PUT", ATELIER, change[0], desk, change[1]);
            assertThat(refused.status()).as(change[0]).isEqualTo(403);
            assertThat(refused.json().path("code").asString()).isEqualTo("FORBIDDEN");
        }
        assertThat(http.json("GET", ATELIER, "/api/admin/export", desk, null).status()).isEqualTo(403);
        assertThat(http.json("GET", ATELIER, "/api/admin/settings", desk, null).json().path("version").asLong()).isEqualTo(version);
    }

    @Test
    void anotherStudiosTokenIsRefused() {
        String serenityOwner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");

        assertThat(http.json("GET", ATELIER, "/api/admin/policies", serenityOwner, null).status()).isEqualTo(401);
        assertThat(http.json("PUT", ATELIER, "/api/admin/branding", serenityOwner, "{\"pack\": \"calm\", \"version\": 0}").status())
                .isEqualTo(401);
        assertThat(http.json("GET", ATELIER, "/api/admin/export", serenityOwner, null).status()).isEqualTo(401);
    }

    @Test
    void brandingListsThePacksAndAChangeShowsInThePortalAtOnce() {
        JsonNode read = http.json("GET", ATELIER, "/api/admin/branding", owner, null).json();
        assertThat(read.path("pack").asString()).isEqualTo("calm");
        assertThat(read.path("tokens").path("color-primary").asString()).isEqualTo("#123456");
        assertThat(read.path("packs").findValuesAsString("name")).contains("calm");
        assertThat(read.path("packs").get(0).path("tokens").isObject()).isTrue();
        assertThat(read.path("packs").get(0).path("label").asString()).isNotBlank();

        StudioHttp.Response changed = http.json("PUT", ATELIER, "/api/admin/branding", owner, """
                {"pack": "calm", "tokens": {"color-primary": "#abcdef", "radius": "4px"}, "logoUrl": "https://cdn.example/logo.svg", "version": %d}
                """.formatted(read.path("version").asLong()));

        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("tokens").path("color-primary").asString()).isEqualTo("#abcdef");
        JsonNode portal = http.get(ATELIER, "/api/client-portal/branding").json();
        assertThat(portal.path("theme").path("tokens").path("color-primary").asString()).isEqualTo("#abcdef");
        assertThat(portal.path("logoUrl").asString()).isEqualTo("https://cdn.example/logo.svg");
        assertThat(http.get(ATELIER, "/portal/theme.css").body()).contains("--color-primary: #abcdef;").contains("--radius: 4px;");
        assertThat(jdbc.sql("SELECT details::text FROM tenant_atelier.audit_logs WHERE action = 'branding.updated' ORDER BY id DESC LIMIT 1")
                .query(String.class).single()).contains("tokens.color-primary").contains("#abcdef").contains("logoUrl");
    }

    @Test
    void brandingRefusesUnknownPacksAndUnsafeTokens() {
        long version = http.json("GET", ATELIER, "/api/admin/branding", owner, null).json().path("version").asLong();

        StudioHttp.Response invalid = http.json("PUT", ATELIER, "/api/admin/branding", owner, """
                {"pack": "neon", "tokens": {"color-primary": "red;} body{display:none"}, "logoUrl": "javascript:alert(1)", "version": %d}
                """.formatted(version));

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid)).contains("pack", "tokens.color-primary", "logoUrl");
        assertThat(http.get(ATELIER, "/portal/theme.css").body()).doesNotContain("display:none");

        // Found by the fuzz pass: a token without a value was a 500.
        StudioHttp.Response noValue = http.json("PUT", ATELIER, "/api/admin/branding", owner, """
                {"pack": "calm", "tokens": {"color-primary": null}, "version": %d}
                """.formatted(version));
        assertThat(noValue.status()).as(noValue.body()).isEqualTo(400);
        assertThat(noValue.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void templatesMustCompileAndNameAMessagePorticoSends() {
        long version = http.json("GET", ATELIER, "/api/admin/templates", owner, null).json().path("version").asLong();

        StudioHttp.Response broken = http.json("PUT", ATELIER, "/api/admin/templates", owner, """
                {"templates": {"booking.cancelled": {"en": {"subject": "Cancelled: {{serviceName"}},
                               "booking.teleported": {"en": {"subject": "Beam me up"}}}, "version": %d}
                """.formatted(version));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(fields(broken)).containsExactlyInAnyOrder("templates.booking.cancelled.en.subject", "templates.booking.teleported");
        // Found by the fuzz pass: a message or a language without templates was a 500.
        for (String empty : List.of("{\"booking.cancelled\": null}", "{\"booking.cancelled\": {\"en\": null}}")) {
            StudioHttp.Response missing = http.json("PUT", ATELIER, "/api/admin/templates", owner,
                    "{\"templates\": " + empty + ", \"version\": " + version + "}");
            assertThat(missing.status()).as(empty + ": " + missing.body()).isEqualTo(400);
            assertThat(missing.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        }

        StudioHttp.Response saved = http.json("PUT", ATELIER, "/api/admin/templates", owner, """
                {"templates": {"booking.cancelled": {"ar": {"subject": "تم الإلغاء: {{serviceName}}", "text": "{{firstName}}، تم إلغاء حجزك."}}},
                 "version": %d}
                """.formatted(version));
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().path("templates").path("booking.cancelled").path("ar").path("subject").asString())
                .isEqualTo("تم الإلغاء: {{serviceName}}");
        assertThat(http.json("GET", ATELIER, "/api/admin/templates", owner, null).json().path("templates").path("booking.cancelled")
                .path("ar").path("text").asString()).isEqualTo("{{firstName}}، تم إلغاء حجزك.");

        StudioHttp.Response stale = http.json("PUT", ATELIER, "/api/admin/templates", owner,
                "{\"templates\": {}, \"version\": " + version + "}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asString()).isEqualTo("VERSION_CONFLICT");
    }

    @Test
    void settingsChangeTheStudioAndKeepDomainsUniqueAcrossStudios() {
        long version = http.json("GET", ATELIER, "/api/admin/settings", owner, null).json().path("version").asLong();

        StudioHttp.Response taken = http.json("PUT", ATELIER, "/api/admin/settings", owner,
                settingsBody("Atelier Barre", "[\"serenity.portico.example\"]", version));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().path("code").asString()).isEqualTo("DOMAIN_TAKEN");

        StudioHttp.Response invalid = http.json("PUT", ATELIER, "/api/admin/settings", owner, """
                {"name": "Atelier", "timezone": "Mars/Olympus", "locale": "en", "locales": ["en"], "currency": "XXQ",
                 "loginChannels": ["pigeon"], "loginLinkMinutes": 90, "publicBaseUrl": "ftp://x", "domains": ["Not A Domain"], "version": %d}
                """.formatted(version));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(fields(invalid)).contains("timezone", "currency", "loginChannels[0]", "loginLinkMinutes", "publicBaseUrl", "domains[0]");

        // Found by the fuzz pass: a list holding null was a 500.
        StudioHttp.Response nulls = http.json("PUT", ATELIER, "/api/admin/settings", owner, """
                {"name": "Atelier", "timezone": "Europe/Paris", "locale": "en", "locales": [null], "currency": "EUR",
                 "loginChannels": [null], "loginLinkMinutes": 10, "domains": [null], "version": %d}
                """.formatted(version));
        assertThat(nulls.status()).as(nulls.body()).isEqualTo(400);
        assertThat(nulls.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");

        StudioHttp.Response changed = http.json("PUT", ATELIER, "/api/admin/settings", owner,
                settingsBody("Atelier Barre & Pilates", "[\"atelier.portico.example\", \"book.atelier.example\"]", version));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().path("name").asString()).isEqualTo("Atelier Barre & Pilates");
        assertThat(http.get(ATELIER, "/api/client-portal/branding").json().path("studioName").asString()).isEqualTo("Atelier Barre & Pilates");
        assertThat(http.get("book.atelier.example", "/api/client-portal/branding").status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT name FROM platform.tenants WHERE slug = 'atelier'").query(String.class).single())
                .isEqualTo("Atelier Barre & Pilates");
        assertThat(jdbc.sql("SELECT details::text FROM tenant_atelier.audit_logs WHERE action = 'settings.updated' ORDER BY id DESC LIMIT 1")
                .query(String.class).single()).contains("book.atelier.example").contains("\"name\"");
    }

    @Test
    void exportIsTheStudiosConfigAsYamlWithSecretsAsReferences() {
        StudioHttp.Response export = http.json("GET", ATELIER, "/api/admin/export", owner, null);

        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/yaml");
        assertThat(export.header("Content-Disposition")).contains("atelier.yaml");
        assertThat(export.body()).contains("slug: atelier").contains("${ATELIER_RESEND_KEY}").contains("notify-resend");
        TenantConfigReader.Result reread = reader.read("export.yaml", export.body());
        assertThat(reread.problems()).isEmpty();
        assertThat(reread.config().slug()).isEqualTo("atelier");
        assertThat(reread.config().plugins().get("notify-resend").settings()).containsEntry("apiKey", "${ATELIER_RESEND_KEY}");
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_atelier.audit_logs WHERE action = 'config.exported'").query(Long.class).single())
                .isPositive();
    }

    @Test
    void platformApiIsOffWithoutAnOperatorKey() {
        String serenityOwner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");

        StudioHttp.Response list = http.json("GET", "localhost", "/api/platform/tenants", "anything", null);
        StudioHttp.Response onboard = http.json("POST", SERENITY, "/api/platform/tenants", serenityOwner, "{\"slug\": \"nope\"}");

        assertThat(list.status()).isEqualTo(404);
        assertThat(onboard.status()).isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM platform.tenants WHERE slug = 'nope'").query(Long.class).single()).isZero();
    }

    private static String settingsBody(String name, String domains, long version) {
        return """
                {"name": "%s", "timezone": "Asia/Dubai", "locale": "en", "locales": ["en", "ar"], "currency": "AED",
                 "loginChannels": ["email", "sms"], "loginLinkMinutes": 15, "domains": %s, "version": %d}
                """.formatted(name, domains, version);
    }

    private static List<String> fields(StudioHttp.Response response) {
        return response.json().path("errors").findValuesAsString("field");
    }
}
