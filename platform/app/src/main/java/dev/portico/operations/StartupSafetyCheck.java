package dev.portico.operations;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Runs {@link StartupSafety} when the context starts refreshing, before any bean exists: an unsafe configuration
 * is refused before a database is opened, a schema migrated or a demo admin created.
 */
@Component
class StartupSafetyCheck implements BeanFactoryPostProcessor, EnvironmentAware {

    private static final int MAX_KEYS = 10;

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (environment == null) {
            return;
        }
        List<String> problems = StartupSafety.problems(settings(environment));
        if (!problems.isEmpty()) {
            throw new UnsafeConfigurationException(problems);
        }
    }

    static StartupSafety.Settings settings(Environment env) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < MAX_KEYS; i++) {
            String prefix = "portico.security.signing-keys[" + i + "].";
            String id = env.getProperty(prefix + "id");
            String secret = env.getProperty(prefix + "secret");
            if (id == null && secret == null) {
                break;
            }
            keys.put(id == null ? String.valueOf(i) : id, secret == null ? "" : secret);
        }
        return new StartupSafety.Settings(
                env.acceptsProfiles(Profiles.of("prod")),
                env.acceptsProfiles(Profiles.of("demo")),
                env.getProperty("portico.embedded-database.enabled", Boolean.class, false),
                env.getProperty("spring.datasource.url"),
                env.getProperty("portico.demo.allow-external-database", Boolean.class, false),
                keys,
                env.getProperty("portico.default-public-base-url", ""),
                tenantPublicBaseUrls(Path.of(env.getProperty("portico.tenant-config-dir", "tenant-config"))),
                env.getProperty("portico.rate-limits.enabled", Boolean.class, true));
    }

    /** The {@code publicBaseUrl} of each studio config file about to be imported. */
    static Map<String, String> tenantPublicBaseUrls(Path dir) {
        Map<String, String> urls = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return urls;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList()) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    // Malformed files are the tenant config importer's to report; only a readable URL matters here.
                    if (new Yaml(new SafeConstructor(new LoaderOptions())).load(reader) instanceof Map<?, ?> map && map.get("publicBaseUrl") instanceof String url) {
                        urls.put(file.getFileName().toString(), url);
                    }
                } catch (RuntimeException | IOException e) {
                    // skipped: see above
                }
            }
        } catch (IOException e) {
            return urls;
        }
        return urls;
    }
}
