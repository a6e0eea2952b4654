package dev.portico.plugin.testkit;

import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.PluginSettings;
import dev.portico.plugin.api.PorticoExtension;
import dev.portico.plugin.api.SettingsSchema;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jspecify.annotations.Nullable;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * A fake Portico host for one plugin: loads the plugin's jar through PF4J exactly as Portico does, hands out
 * its extensions, and builds the {@link ExtensionContext} a studio's call would carry.
 *
 * <pre>{@code
 * try (PluginTestHost host = PluginTestHost.forThisModule()) {
 *     NotificationChannel channel = host.extension(NotificationChannel.class);
 *     DeliveryResult result = channel.send(message, host.context(Map.of("url", "http://127.0.0.1:" + port)));
 * }
 * }</pre>
 */
public final class PluginTestHost implements AutoCloseable {

    private final PluginManager manager;
    private final PluginWrapper plugin;
    private final Path workDir;

    private PluginTestHost(Path pluginsRoot, Path workDir) {
        this.workDir = workDir;
        this.manager = new DefaultPluginManager(pluginsRoot);
        manager.loadPlugins();
        manager.startPlugins();
        List<PluginWrapper> plugins = manager.getPlugins();
        if (plugins.size() != 1) {
            throw new IllegalStateException("expected exactly one plugin in " + pluginsRoot + ", found " + plugins.size());
        }
        this.plugin = plugins.getFirst();
        if (plugin.getPluginState() != PluginState.STARTED) {
            throw new IllegalStateException("plugin " + plugin.getPluginId() + " did not start: " + plugin.getFailedException());
        }
    }

    /**
     * The plugin of the module under test: its compiled classes packed into a jar in a temp folder, with the
     * manifest {@code plugins/pom.xml} passes in as system properties ({@code portico.plugin.id}, {@code .class},
     * {@code .version}, {@code .provider}, {@code .classes}).
     */
    public static PluginTestHost forThisModule() {
        Path classes = Path.of(property("portico.plugin.classes"));
        return fromClasses(classes, property("portico.plugin.id"), System.getProperty("portico.plugin.class", ""),
                System.getProperty("portico.plugin.version", "0.0.0"), System.getProperty("portico.plugin.provider", "unknown"));
    }

    /** A plugin built from a classes folder into a jar in a temp folder. */
    public static PluginTestHost fromClasses(Path classes, String pluginId, String pluginClass, String version, String provider) {
        try {
            Path workDir = Files.createTempDirectory("portico-plugin-test");
            Path pluginsRoot = Files.createDirectories(workDir.resolve("plugins"));
            writeJar(classes, pluginsRoot.resolve(pluginId + "-" + version + ".jar"), pluginId, pluginClass, version, provider);
            return new PluginTestHost(pluginsRoot, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plugin jar as built, e.g. the shaded jar a studio would drop into {@code plugins/}. */
    public static PluginTestHost fromJar(Path jar) {
        try {
            Path workDir = Files.createTempDirectory("portico-plugin-test");
            Path pluginsRoot = Files.createDirectories(workDir.resolve("plugins"));
            Files.copy(jar, pluginsRoot.resolve(jar.getFileName()));
            return new PluginTestHost(pluginsRoot, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String pluginId() {
        return plugin.getPluginId();
    }

    /** The class loader PF4J gave the plugin; extension classes must come from it, not the test's class path. */
    public ClassLoader pluginClassLoader() {
        return plugin.getPluginClassLoader();
    }

    /** The plugin's only extension of {@code type}. */
    public <T extends PorticoExtension> T extension(Class<T> type) {
        List<T> found = extensions(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + " in plugin " + pluginId() + ", found " + found.size());
        }
        return found.getFirst();
    }

    /** The plugin's extensions of {@code type}. */
    public <T extends PorticoExtension> List<T> extensions(Class<T> type) {
        return manager.getExtensions(type, pluginId());
    }

    /** The plugin's settings schema: the union of its extensions' settings. */
    public SettingsSchema schema() {
        return SettingsSchema.of(manager.getExtensions(PorticoExtension.class, pluginId()));
    }

    /** A studio's context with {@code settings} validated against the schema and defaults applied; no storage. */
    public ExtensionContext context(Map<String, String> settings) {
        return context(settings, Clock.systemUTC(), null);
    }

    /**
     * A studio's context.
     *
     * @param settings the studio's values; must pass the plugin's schema, as the host would insist
     * @param clock    the clock the host would pass
     * @param storage  connections for plugins that keep tables, or null for none
     */
    public ExtensionContext context(Map<String, String> settings, Clock clock, @Nullable DataSource storage) {
        Map<String, String> problems = schema().problems(settings);
        if (!problems.isEmpty()) {
            throw new AssertionError("the host would refuse these settings: " + problems);
        }
        PluginSettings applied = schema().apply(settings);
        return new ExtensionContext() {
            @Override
            public String tenant() {
                return "test-studio";
            }

            @Override
            public PluginSettings settings() {
                return applied;
            }

            @Override
            public Clock clock() {
                return clock;
            }

            @Override
            public DataSource storage() {
                if (storage == null) {
                    throw new UnsupportedOperationException("this test host offers no storage");
                }
                return storage;
            }
        };
    }

    /**
     * Creates or upgrades the plugin's tables in {@code schema} as the host does when a studio enables the plugin:
     * the migrations in {@code db/migration/<plugin-id>} read from the plugin's jar through its class loader, a
     * history table of the plugin's own ({@code flyway_history_<plugin_id>}), no placeholder replacement. Hand
     * {@link #context(Map, Clock, DataSource)} connections whose current schema is {@code schema}, as the host would.
     *
     * @return how many migrations ran
     */
    public int migrate(DataSource storage, String schema) {
        return Flyway.configure(pluginClassLoader())
                .dataSource(storage)
                .schemas(schema)
                .defaultSchema(schema)
                .table("flyway_history_" + pluginId().replace('-', '_'))
                .locations("classpath:db/migration/" + pluginId())
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .placeholderReplacement(false)
                .load()
                .migrate()
                .migrationsExecuted;
    }

    @Override
    public void close() {
        // One by one (unloading stops each first): PF4J's stopPlugins()/unloadPlugins() trip over their own lists.
        manager.unloadPlugin(plugin.getPluginId());
        try (Stream<Path> files = Files.walk(workDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set; plugins/pom.xml sets it for plugin modules");
        }
        return value;
    }

    private static void writeJar(Path classes, Path jar, String id, String pluginClass, String version, String provider)
            throws IOException {
        Manifest manifest = new Manifest();
        Attributes attributes = manifest.getMainAttributes();
        attributes.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        attributes.putValue("Plugin-Id", id);
        attributes.putValue("Plugin-Version", version);
        attributes.putValue("Plugin-Provider", provider);
        if (!pluginClass.isBlank()) {
            attributes.putValue("Plugin-Class", pluginClass);
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out, manifest);
                Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String name = classes.relativize(file).toString().replace('\\', '/');
                if (name.equals("META-INF/MANIFEST.MF")) {
                    continue;
                }
                jarOut.putNextEntry(new JarEntry(name));
                Files.copy(file, jarOut);
                jarOut.closeEntry();
            }
        }
    }
}
