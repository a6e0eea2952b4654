package dev.portico.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The studio admin API over real HTTP: its own login and tokens, plugin listing and configuration with
 * validation, masked secrets and audit, and tokens that work nowhere else.
 */
@DemoStudiosTest
class AdminApiIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";

    @LocalServerPort
    int port;

    @Autowired
    AccessTokens tokens;

    @Autowired
    JdbcClient jdbc;

    StudioHttp http;
    String owner;

    @BeforeEach
    void logIn() {
        http = new StudioHttp(port);
        owner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");
    }

    @AfterEach
    void restoreDemoPlugins() {
        http.json("PUT", SERENITY, "/api/admin/plugins/notify-dev-inbox", owner, "{\"enabled\": true, \"settings\": {}}");
        http.json("PUT", SERENITY, "/api/admin/plugins/notify-resend", owner, "{\"enabled\": false, \"settings\": {}}");
    }

    @Test
    void loginFailsTheSameWayForAWrongPasswordAndAnUnknownEmail() {
        StudioHttp.Response wrongPassword = http.json("POST", SERENITY, "/api/admin/auth/login", null,
                "{\"email\":\"owner@serenity.example\",\"password\":\"nope\"}");
        StudioHttp.Response unknownEmail = http.json("POST", SERENITY, "/api/admin/auth/login", null,
                "{\"email\":\"ghost@serenity.example\",\"password\":\"nope\"}");
        StudioHttp.Response otherStudio = http.json("POST", IRONWORKS, "/api/admin/auth/login", null,
                "{\"email\":\"owner@serenity.example\",\"password\":\"serenity-demo\"}");

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json().path("code").asString()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(unknownEmail.body()).isEqualTo(wrongPassword.body());
        assertThat(otherStudio.status()).isEqualTo(401);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'admin.login_failed'")
                .query(Long.class).single()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void loginInputIsValidated() {
        StudioHttp.Response response = http.json("POST", SERENITY, "/api/admin/auth/login", null, "{\"email\":\"not-an-email\"}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.json().path("errors").toString()).contains("email", "password");
    }

    @Test
    void listsInstalledPluginsWithSchemaAndThisStudiosState() {
        StudioHttp.Response response = http.json("GET", SERENITY, "/api/admin/plugins", owner, null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode inbox = plugin(response.json(), "notify-dev-inbox");
        JsonNode resend = plugin(response.json(), "notify-resend");
        assertThat(inbox.path("enabled").asBoolean()).isTrue();
        assertThat(inbox.path("kinds").toString()).contains("NotificationChannel");
        assertThat(resend.path("enabled").asBoolean()).isFalse();
        assertThat(resend.path("settingsSchema").toString()).contains("\"key\":\"apiKey\"", "\"secret\":true");
    }

    @Test
    void theDoneMeansScenario() {
        // Disable the dev inbox, enable Resend with settings, and see the errors for bad settings.
        StudioHttp.Response disable = http.json("PUT", SERENITY, "/api/admin/plugins/notify-dev-inbox", owner,
                "{\"enabled\": false, \"settings\": {}}");
        StudioHttp.Response bad = http.json("PUT", SERENITY, "/api/admin/plugins/notify-resend", owner,
                "{\"enabled\": true, \"settings\": {\"replyTo\": \"not-an-email\", \"colour\": \"red\"}}");
        StudioHttp.Response good = http.json("PUT", SERENITY, "/api/admin/plugins/notify-resend", owner,
                "{\"enabled\": true, \"settings\": {\"apiKey\": \"re_live_SUPERSECRET\", \"from\": \"Serenity <hello@serenity.example>\"}}");
        StudioHttp.Response list = http.json("GET", SERENITY, "/api/admin/plugins", owner, null);

        assertThat(disable.status()).isEqualTo(200);
        assertThat(disable.json().path("enabled").asBoolean()).isFalse();
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(bad.json().path("errors").findValuesAsString("field"))
                .contains("settings.apiKey", "settings.from", "settings.replyTo", "settings.colour");
        assertThat(good.status()).isEqualTo(200);
        assertThat(plugin(list.json(), "notify-resend").path("enabled").asBoolean()).isTrue();
        assertThat(plugin(list.json(), "notify-resend").path("settings").path("apiKey").asString()).isEqualTo("********");
        assertThat(plugin(list.json(), "notify-dev-inbox").path("enabled").asBoolean()).isFalse();
        assertThat(list.body()).doesNotContain("SUPERSECRET");
        assertThat(jdbc.sql("SELECT details::text FROM tenant_serenity.audit_logs WHERE action = 'admin.plugin_changed' ORDER BY id")
                .query(String.class).list()).isNotEmpty().noneMatch(details -> details.contains("SUPERSECRET"));
        assertThat(jdbc.sql("SELECT count(*) FROM platform.tenant_plugins p JOIN platform.tenants t ON t.id = p.tenant_id "
                + "WHERE t.slug = 'ironworks' AND p.plugin_id = 'notify-resend'").query(Long.class).single()).isZero();
    }

    @Test
    void aMaskedSecretSentBackKeepsTheStoredValue() {
        http.json("PUT", SERENITY, "/api/admin/plugins/notify-resend", owner,
                "{\"enabled\": true, \"settings\": {\"apiKey\": \"${SERENITY_RESEND_KEY}\", \"from\": \"a@serenity.example\"}}");
        StudioHttp.Response again = http.json("PUT", SERENITY, "/api/admin/plugins/notify-resend", owner,
                "{\"enabled\": true, \"settings\": {\"apiKey\": \"********\", \"from\": \"b@serenity.example\"}}");

        assertThat(again.status()).isEqualTo(200);
        assertThat(jdbc.sql("SELECT settings->>'apiKey' FROM platform.tenant_plugins p JOIN platform.tenants t ON t.id = p.tenant_id "
                + "WHERE t.slug = 'serenity' AND p.plugin_id = 'notify-resend'").query(String.class).single())
                .isEqualTo("${SERENITY_RESEND_KEY}");
    }

    @Test
    void unknownPluginIs404AndFrontDeskMayNotChangePlugins() {
        String desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");

        StudioHttp.Response unknown = http.json("PUT", SERENITY, "/api/admin/plugins/no-such-plugin", owner, "{\"enabled\": true}");
        StudioHttp.Response frontDesk = http.json("PUT", SERENITY, "/api/admin/plugins/notify-dev-inbox", desk, "{\"enabled\": false}");
        StudioHttp.Response frontDeskReads = http.json("GET", SERENITY, "/api/admin/plugins", desk, null);

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(frontDesk.status()).isEqualTo(403);
        assertThat(frontDesk.json().path("code").asString()).isEqualTo("FORBIDDEN");
        assertThat(frontDeskReads.status()).isEqualTo(200);
    }

    @Test
    void anAdminTokenWorksOnlyOnItsStudiosAdminApi() {
        StudioHttp.Response otherStudio = http.json("GET", IRONWORKS, "/api/admin/plugins", owner, null);
        StudioHttp.Response customerApi = http.json("GET", SERENITY, "/api/client-portal/me", owner, null);

        assertThat(otherStudio.status()).isEqualTo(401);
        assertThat(otherStudio.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
        assertThat(otherStudio.body()).doesNotContain("notify-");
        assertThat(customerApi.status()).isEqualTo(401);
    }

    @Test
    void aCustomerTokenIsRefusedOnTheAdminApi() {
        String customer = tokens.issue(Audience.CUSTOMER, "serenity", "5e000010-0000-4000-8000-000000000001",
                Duration.ofMinutes(15), Map.of("role", "OWNER")).value();

        StudioHttp.Response response = http.json("GET", SERENITY, "/api/admin/plugins", customer, null);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void missingForgedAndUnsignedTokensAreRefused() {
        String[] parts = owner.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 4) + "AAAA";
        String unsigned = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes())
                + "." + parts[1] + ".";

        for (String token : new String[] {null, "garbage", forged, unsigned}) {
            StudioHttp.Response response = http.json("GET", SERENITY, "/api/admin/plugins", token, null);
            assertThat(response.status()).as(String.valueOf(token)).isEqualTo(401);
            assertThat(response.json().path("code").asString()).isEqualTo("UNAUTHENTICATED");
        }
    }

    private static JsonNode plugin(JsonNode list, String id) {
        for (JsonNode item : list.path("items")) {
            if (item.path("id").asString().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("plugin " + id + " not listed: " + list);
    }
}
