package dev.portico.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.MutableClock;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantConfigReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * The platform operators' API over real HTTP: the operator key and nothing else opens it; a studio onboarded by
 * POST or by a new file and a reload is served at once, without a restart; an export re-imports to the same
 * config; archiving hides a studio, restoring brings it back, and the grace period's end drops its schema.
 */
@DemoStudiosTest
@Import(MutableClock.Config.class)
@TestPropertySource(properties = {"portico.platform.operator-key=" + PlatformTenantsIntegrationTests.KEY,
        "portico.jobs.polling-interval=1s"})
class PlatformTenantsIntegrationTests {

    static final String KEY = "op-3c1f0b7d2a9e48d6b5f4e3c2a1b0d9e8";
    static final Path CONFIG_DIR = copyOfDemoConfig();

    @DynamicPropertySource
    static void tenantConfig(DynamicPropertyRegistry registry) {
        registry.add("portico.tenant-config-dir", CONFIG_DIR::toString);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MutableClock clock;

    @Autowired
    TenantConfigReader reader;

    StudioHttp http;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
    }

    @Test
    void onlyTheOperatorKeyOpensThePlatformApi() {
        String admin = http.adminToken("serenity.localhost", "owner@serenity.example", "serenity-demo");

        assertThat(http.json("GET", "localhost", "/api/platform/tenants", null, null).status()).isEqualTo(401);
        assertThat(http.json("GET", "localhost", "/api/platform/tenants", KEY + "x", null).status()).isEqualTo(401);
        assertThat(http.json("GET", "serenity.localhost", "/api/platform/tenants", admin, null).status()).isEqualTo(401);
        assertThat(http.json("DELETE", "serenity.localhost", "/api/platform/tenants/serenity", admin, null).status()).isEqualTo(401);
        StudioHttp.Response list = http.json("GET", "localhost", "/api/platform/tenants", KEY, null);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsString("slug")).contains("serenity", "ironworks");
        assertThat(http.get("serenity.localhost", "/api/client-portal/branding").status()).isEqualTo(200);
    }

    @Test
    void aStudioOnboardedByPostIsServedAtOnceWithItsFirstOwner() {
        StudioHttp.Response created = http.json("POST", "localhost", "/api/platform/tenants", KEY, """
                {"slug": "lotus", "name": "Lotus Yoga", "currency": "GBP", "timezone": "Europe/London", "domains": ["lotus.example.com"],
                 "plugins": {"notify-dev-inbox": {"enabled": true}},
                 "owner": {"email": "Founder@Lotus.example", "password": "correct horse battery"}}
                """);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("slug").asString()).isEqualTo("lotus");
        assertThat(created.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(created.json().path("ownerEmail").asString()).isEqualTo("founder@lotus.example");
        StudioHttp.Response branding = http.get("lotus.localhost", "/api/client-portal/branding");
        assertThat(branding.status()).isEqualTo(200);
        assertThat(branding.json().path("studioName").asString()).isEqualTo("Lotus Yoga");
        assertThat(http.get("lotus.example.com", "/portal/theme.css").status()).isEqualTo(200);
        assertThat(http.adminToken("lotus.localhost", "founder@lotus.example", "correct horse battery")).isNotBlank();
        assertThat(jdbc.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = 'tenant_lotus'").query(Long.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM platform.audit_logs WHERE action = 'tenant.onboarded' AND tenant_slug = 'lotus'")
                .query(Long.class).single()).isEqualTo(1);

        StudioHttp.Response again = http.json("POST", "localhost", "/api/platform/tenants", KEY, "{\"slug\": \"lotus\", \"name\": \"Lotus 2\", \"currency\": \"GBP\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("code").asString()).isEqualTo("TENANT_EXISTS");
        StudioHttp.Response domain = http.json("POST", "localhost", "/api/platform/tenants", KEY,
                "{\"slug\": \"lotus-two\", \"name\": \"Lotus 2\", \"currency\": \"GBP\", \"domains\": [\"lotus.example.com\"]}");
        assertThat(domain.status()).isEqualTo(409);
        assertThat(domain.json().path("code").asString()).isEqualTo("DOMAIN_TAKEN");
    }

    @Test
    void aStudioOnboardedFromYamlWithoutAnOwnerIsToldSo() {
        StudioHttp.Response created = yaml("""
                slug: fern
                name: Fern Pilates
                currency: AED
                """);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().has("ownerEmail")).isFalse();
        assertThat(created.json().path("note").asString()).contains("no admin account");
        assertThat(http.get("fern.localhost", "/api/client-portal/branding").status()).isEqualTo(200);
    }

    @Test
    void badConfigIsRefusedWithFileLineAndField() {
        StudioHttp.Response invalid = yaml("""
                slug: marsh
                name: Marsh
                timezone: Nowhere/Town
                currency: AED
                colour: green
                """);
        StudioHttp.Response badOwner = http.json("POST", "localhost", "/api/platform/tenants", KEY,
                "{\"slug\": \"marsh\", \"name\": \"Marsh\", \"currency\": \"AED\", \"owner\": {\"email\": \"nobody\", \"password\": \"short\"}}");

        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(invalid.json().path("problems").get(0).asString()).isEqualTo("request:5 colour: is not a known setting");
        StudioHttp.Response timezone = yaml("slug: marsh\nname: Marsh\ntimezone: Nowhere/Town\ncurrency: AED\n");
        assertThat(timezone.json().path("problems").get(0).asString()).startsWith("request:3 timezone: ");
        assertThat(timezone.json().path("errors").get(0).path("field").asString()).isEqualTo("timezone");
        assertThat(badOwner.status()).isEqualTo(400);
        assertThat(badOwner.json().path("errors").findValuesAsString("field")).containsExactlyInAnyOrder("owner.email", "owner.password");
        assertThat(jdbc.sql("SELECT count(*) FROM platform.tenants WHERE slug = 'marsh'").query(Long.class).single()).isZero();
    }

    @Test
    void reloadTurnsANewFileIntoAServedStudio() throws IOException {
        assertThat(http.get("willow.localhost", "/api/client-portal/branding").status()).isEqualTo(404);
        Files.writeString(CONFIG_DIR.resolve("willow.yaml"), "slug: willow\nname: Willow Studio\ncurrency: AED\n");

        StudioHttp.Response reloaded = http.json("POST", "localhost", "/api/platform/tenants/reload", KEY, null);

        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.json().path("created").get(0).asString()).isEqualTo("willow");
        assertThat(reloaded.json().path("unchanged").toString()).contains("serenity");
        assertThat(http.get("willow.localhost", "/api/client-portal/branding").json().path("studioName").asString()).isEqualTo("Willow Studio");

        Files.writeString(CONFIG_DIR.resolve("willow.yaml"), "slug: willow\nname: Willow & Oak\ncurrency: AED\n");
        StudioHttp.Response changed = http.json("POST", "localhost", "/api/platform/tenants/reload", KEY, null);
        assertThat(changed.json().path("updated").get(0).asString()).isEqualTo("willow");
        assertThat(http.get("willow.localhost", "/api/client-portal/branding").json().path("studioName").asString()).isEqualTo("Willow & Oak");
    }

    @Test
    void anExportReimportsToTheSameConfig() {
        String owner = http.adminToken("ironworks.localhost", "owner@ironworks.example", "ironworks-demo");
        String exported = http.json("GET", "ironworks.localhost", "/api/admin/export", owner, null).body();
        TenantConfig original = reader.read("ironworks.yaml", exported).config();

        String renamed = exported.replace("slug: ironworks", "slug: ironworks-copy").replaceAll("(?m)^domains:\\n(- .*\\n)+", "domains: []\n");
        StudioHttp.Response imported = yaml(renamed);
        assertThat(imported.status()).as(imported.body()).isEqualTo(201);
        String copyOwner = http.adminToken("ironworks-copy.localhost", "owner@ironworks-copy.example", "ironworks-copy-demo");
        String reexported = http.json("GET", "ironworks-copy.localhost", "/api/admin/export", copyOwner, null).body();
        TenantConfig copy = reader.read("ironworks-copy.yaml", reexported).config();

        assertThat(copy.slug()).isEqualTo("ironworks-copy");
        assertThat(copy).usingRecursiveComparison().ignoringFields("slug", "domains").isEqualTo(original);
        assertThat(reexported.replace("ironworks-copy", "ironworks").replace("domains: []\n", ""))
                .isEqualTo(exported.replaceAll("(?m)^domains:\\n(- .*\\n)+", ""));
    }

    @Test
    void archivedStudioIsHiddenUntilRestoredAndDroppedAfterTheGracePeriod() {
        assertThat(yaml("slug: birch\nname: Birch\ncurrency: AED\n").status()).isEqualTo(201);
        assertThat(yaml("slug: cedar\nname: Cedar\ncurrency: AED\n").status()).isEqualTo(201);

        StudioHttp.Response archived = http.json("DELETE", "localhost", "/api/platform/tenants/birch", KEY, null);
        assertThat(archived.status()).isEqualTo(200);
        assertThat(archived.json().path("status").asString()).isEqualTo("ARCHIVED");
        assertThat(http.get("birch.localhost", "/api/client-portal/branding").status()).isEqualTo(404);
        assertThat(http.get("birch.localhost", "/portal/theme.css").status()).isEqualTo(404);
        assertThat(schemaExists("tenant_birch")).isTrue();
        assertThat(http.json("DELETE", "localhost", "/api/platform/tenants/birch", KEY, null).json().path("code").asString())
                .isEqualTo("TENANT_ARCHIVED");

        StudioHttp.Response restored = http.json("POST", "localhost", "/api/platform/tenants/birch/restore", KEY, null);
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.json().path("status").asString()).isEqualTo("ACTIVE");
        assertThat(http.get("birch.localhost", "/api/client-portal/branding").status()).isEqualTo(200);
        assertThat(http.json("POST", "localhost", "/api/platform/tenants/birch/restore", KEY, null).json().path("code").asString())
                .isEqualTo("TENANT_NOT_ARCHIVED");
        assertThat(http.json("DELETE", "localhost", "/api/platform/tenants/nowhere", KEY, null).status()).isEqualTo(404);

        // cedar is archived and left: when the grace period (30 days) is over, the job drops its schema.
        assertThat(http.json("DELETE", "localhost", "/api/platform/tenants/cedar", KEY, null).status()).isEqualTo(200);
        try {
            clock.advance(Duration.ofDays(29));
            // Inside the grace period the job polls (every second here) and leaves the schema alone.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> schemaExists("tenant_cedar"));
            clock.advance(Duration.ofDays(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> !schemaExists("tenant_cedar"));
        } finally {
            clock.reset();
        }
        assertThat(schemaExists("tenant_cedar")).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM platform.tenants WHERE slug = 'cedar'").query(Long.class).single()).isZero();
        assertThat(schemaExists("tenant_birch")).isTrue();
        assertThat(jdbc.sql("SELECT action FROM platform.audit_logs WHERE tenant_slug = 'cedar' ORDER BY id").query(String.class).list())
                .containsExactly("tenant.onboarded", "tenant.archived", "tenant.dropped");
        assertThat(http.json("POST", "localhost", "/api/platform/tenants/cedar/restore", KEY, null).status()).isEqualTo(404);
    }

    private boolean schemaExists(String schema) {
        return jdbc.sql("SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?").param(schema).query(Long.class).single() > 0;
    }

    private StudioHttp.Response yaml(String body) {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/platform/tenants"))
                .header("Content-Type", "application/yaml")
                .header("Authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The demo studios' files in a folder of this test's own, so it can drop new ones in. */
    private static Path copyOfDemoConfig() {
        try {
            Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tenant-config-");
            try (Stream<Path> files = Files.list(Path.of("../../tenant-config"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).toList()) {
                    Files.copy(file, dir.resolve(file.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
