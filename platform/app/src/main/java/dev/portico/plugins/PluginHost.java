package dev.portico.plugins;

import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.PorticoExtension;
import dev.portico.plugin.api.SettingsSchema;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;
import org.pf4j.SingletonExtensionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * PF4J, once per process: every plugin jar in {@code portico.plugins.dir} is loaded and started at start-up.
 * Extensions are singletons (plugins keep no per-studio state; settings come with each call).
 */
@Component
class PluginHost implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final PluginManager manager;
    private final Map<String, InstalledPlugin> installed;

    PluginHost(PluginsProperties properties) {
        Path dir = Path.of(properties.dir()).toAbsolutePath().normalize();
        RuntimeMode mode = RuntimeMode.byName(properties.mode());
        this.manager = new DefaultPluginManager(List.of(dir)) {
            @Override
            public RuntimeMode getRuntimeMode() {
                return mode;
            }

            @Override
            protected ExtensionFactory createExtensionFactory() {
                return new SingletonExtensionFactory(this);
            }
        };
        manager.loadPlugins();
        manager.startPlugins();
        Map<String, InstalledPlugin> plugins = new LinkedHashMap<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            plugins.put(plugin.getPluginId(), describe(plugin));
        }
        this.installed = Map.copyOf(plugins);
        log.info("Loaded {} plugins ({} mode) from {}: {}", installed.size(), mode, dir, installed.keySet().stream().sorted().toList());
    }

    Map<String, InstalledPlugin> installed() {
        return installed;
    }

    Optional<InstalledPlugin> find(String pluginId) {
        return Optional.ofNullable(installed.get(pluginId));
    }

    /** The plugin's extensions of {@code type}; none for a plugin that failed to start. */
    <T extends PorticoExtension> List<T> extensions(String pluginId, Class<T> type) {
        InstalledPlugin plugin = installed.get(pluginId);
        if (plugin == null || !plugin.started()) {
            return List.of();
        }
        return manager.getExtensions(type, pluginId);
    }

    ClassLoader classLoader(String pluginId) {
        return manager.getPluginClassLoader(pluginId);
    }

    private InstalledPlugin describe(PluginWrapper plugin) {
        String id = plugin.getPluginId();
        boolean started = plugin.getPluginState() == PluginState.STARTED;
        if (!started) {
            log.error("Plugin {} did not start ({}); it stays unavailable to every studio", id,
                    plugin.getFailedException() == null ? plugin.getPluginState() : plugin.getFailedException().toString());
            return new InstalledPlugin(id, plugin.getDescriptor().getVersion(), plugin.getDescriptor().getProvider(),
                    List.of(), Set.of(), new SettingsSchema(Map.of()), false);
        }
        List<PorticoExtension> extensions = manager.getExtensions(PorticoExtension.class, id);
        Set<dev.portico.plugin.api.ChannelKind> kinds = EnumSet.noneOf(dev.portico.plugin.api.ChannelKind.class);
        manager.getExtensions(NotificationChannel.class, id).forEach(channel -> kinds.addAll(channel.kinds()));
        List<String> points = extensions.stream()
                .flatMap(e -> interfacesOf(e.getClass()).stream())
                .distinct().sorted().toList();
        return new InstalledPlugin(id, plugin.getDescriptor().getVersion(), plugin.getDescriptor().getProvider(), points,
                Set.copyOf(kinds), SettingsSchema.of(extensions), true);
    }

    private static List<String> interfacesOf(Class<?> type) {
        return java.util.Arrays.stream(type.getInterfaces())
                .filter(PorticoExtension.class::isAssignableFrom)
                .filter(i -> i != PorticoExtension.class)
                .map(Class::getSimpleName)
                .toList();
    }

    @Override
    public void destroy() {
        // One by one (unloading stops each first): PF4J's stopPlugins()/unloadPlugins() trip over their own lists.
        List.copyOf(installed.keySet()).forEach(manager::unloadPlugin);
    }
}
