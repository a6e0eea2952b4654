package dev.portico.plugins;

import java.util.Map;

/**
 * A studio's stored choice for one plugin.
 *
 * @param pluginId the plugin
 * @param enabled  whether the studio uses it
 * @param settings raw values; secrets as {@code ${ENV_VAR}} references or as stored
 */
public record PluginSetting(String pluginId, boolean enabled, Map<String, String> settings) {

    public PluginSetting {
        settings = Map.copyOf(settings);
    }
}
