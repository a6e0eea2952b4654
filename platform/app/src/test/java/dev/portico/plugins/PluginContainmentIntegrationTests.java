package dev.portico.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.plugin.testkit.PluginJar;
import dev.portico.support.StudioHttp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A plugin that throws or hangs is contained: the studio that enabled it gets a clean 503 and an audit entry
 * within the call time-out; a studio that did not enable it is untouched.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "portico.plugins.call-timeout=1s")
@ActiveProfiles("demo")
class PluginContainmentIntegrationTests {

    static final Path WORK = setUp();

    @DynamicPropertySource
    static void folders(DynamicPropertyRegistry registry) {
        registry.add("portico.tenant-config-dir", () -> WORK.resolve("config").toString());
        registry.add("portico.plugins.dir", () -> WORK.resolve("plugins").toString());
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aThrowingPluginAnswers503AndIsAudited() {
        StudioHttp.Response response = new StudioHttp(port).get("stormy.localhost", "/api/dev/inbox?to=boom@example.com");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.json().path("code").asString()).isEqualTo("PLUGIN_UNAVAILABLE");
        assertThat(response.body()).doesNotContain("exploded", "secret-token", "IllegalState", "flaky");
        assertThat(jdbc.sql("SELECT details->>'reason' FROM tenant_stormy.audit_logs WHERE action = 'plugin.failed' AND target_id = 'flaky-inbox'")
                .query(String.class).list()).contains("IllegalStateException");
    }

    @Test
    void aHangingPluginIsCutOffAtTheTimeout() {
        Instant started = Instant.now();
        StudioHttp.Response response = new StudioHttp(port).get("stormy.localhost", "/api/dev/inbox?to=hang@example.com");

        assertThat(response.status()).isEqualTo(503);
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_stormy.audit_logs WHERE action = 'plugin.failed' AND details->>'reason' LIKE 'timed out%'")
                .query(Long.class).single()).isPositive();
    }

    @Test
    void aStudioThatDidNotEnableItIsUntouched() {
        StudioHttp.Response response = new StudioHttp(port).get("calm.localhost", "/api/dev/inbox?to=boom@example.com");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("items")).isEmpty();
    }

    private static Path setUp() {
        try {
            Path work = Files.createTempDirectory("portico-containment");
            Path plugins = Files.createDirectories(work.resolve("plugins"));
            Path config = Files.createDirectories(work.resolve("config"));
            Path builtPlugins = Path.of(System.getProperty("portico.plugins.dir"));
            Files.copy(builtPlugins.resolve("notify-dev-inbox.jar"), plugins.resolve("notify-dev-inbox.jar"));
            PluginJar.of("flaky-inbox", "1.0.0").extension(FlakyMessageLog.class).writeTo(plugins);
            Files.writeString(config.resolve("calm.yaml"), """
                    slug: calm
                    name: Calm Studio
                    currency: AED
                    plugins:
                      notify-dev-inbox: {enabled: true}
                    """);
            Files.writeString(config.resolve("stormy.yaml"), """
                    slug: stormy
                    name: Stormy Studio
                    currency: AED
                    plugins:
                      notify-dev-inbox: {enabled: true}
                      flaky-inbox: {enabled: true}
                    """);
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
