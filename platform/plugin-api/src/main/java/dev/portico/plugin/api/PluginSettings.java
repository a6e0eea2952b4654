package dev.portico.plugin.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A studio's settings for one plugin: validated against the plugin's {@link SettingDescriptor}s, defaults
 * applied, {@code ${ENV_VAR}} secrets resolved.
 *
 * @param values setting values keyed by {@link SettingDescriptor#key()}
 */
public record PluginSettings(Map<String, String> values) {

    public PluginSettings {
        values = Map.copyOf(values);
    }

    /** The value of a setting, if the studio or the plugin's default supplied one. */
    public Optional<String> find(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of a required setting; the host guarantees it is present once validated. */
    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalStateException("setting '" + key + "' is not set");
        }
        return value;
    }

    /** A setting read as an integer. */
    public int getInt(String key) {
        return Integer.parseInt(get(key));
    }

    /** A setting read as a boolean. */
    public boolean getBoolean(String key) {
        return Boolean.parseBoolean(get(key));
    }

    /** A setting read as an ISO-8601 duration. */
    public Duration getDuration(String key) {
        return Duration.parse(get(key));
    }

    /** Masks nothing: callers must never log this; the host masks secrets before showing settings. */
    @Override
    public String toString() {
        return "PluginSettings" + values.keySet();
    }
}
