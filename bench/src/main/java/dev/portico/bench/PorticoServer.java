package dev.portico.bench;

import dev.portico.PorticoApplication;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Portico running inside the harness's JVM, as {@code ./portico run} runs it but on the harness's database, with the
 * bench's bare endpoints ({@link BareEndpoints}) beside it in the same context. Settings that differ from a plain demo
 * run, each needed by the benchmark and listed in the report:
 * <ul>
 *   <li>rate limits off: every request comes from 127.0.0.1, and logins are repeated hundreds of times;</li>
 *   <li>access tokens valid for two hours instead of 15 minutes: tokens are fetched before the load phases, which
 *       together last longer than that;</li>
 *   <li>a platform operator key, to time onboarding through {@code POST /api/platform/tenants};</li>
 *   <li>the demo profile on this external (throwaway) database, for the dev inbox the magic links are read from.</li>
 * </ul>
 * Portico's own log goes to a file; the console shows its warnings only.
 */
final class PorticoServer implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private PorticoServer(ConfigurableApplicationContext context) {
        this.context = context;
    }

    static PorticoServer start(BenchDatabase database, String databaseName, Path root, Path log, String operatorKey) {
        List<String> args = List.of(
                "--spring.datasource.url=" + database.url(databaseName),
                "--spring.datasource.username=" + BenchDatabase.USER,
                "--spring.datasource.password=",
                "--server.port=0",
                // Rate limits are off and the demo's admins have published passwords: not for the network.
                "--server.address=127.0.0.1",
                "--portico.demo.allow-external-database=true",
                "--portico.tenant-config-dir=" + root.resolve("tenant-config"),
                "--portico.plugins.dir=" + root.resolve("target/plugins"),
                "--portico.platform.operator-key=" + operatorKey,
                "--portico.rate-limits.enabled=false",
                "--portico.auth.access-token-ttl=2h",
                "--spring.main.banner-mode=off",
                "--logging.structured.format.console=",
                "--logging.threshold.console=WARN",
                "--logging.file.name=" + log);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(PorticoApplication.class, BareEndpoints.class)
                .profiles("demo")
                .run(args.toArray(String[]::new));
        return new PorticoServer(context);
    }

    int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
