package dev.portico.plugin.api;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A studio's validated settings for one plugin, defaults already applied and secrets resolved.
 *
 * @param tenant the studio's slug, for logging and idempotency scoping; never for data access
 * @param values setting values keyed by {@link SettingDescriptor#key()}
 */
public record PluginSettings(String tenant, Map<String, String> values) {

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
            throw new IllegalStateException("setting '" + key + "' is not set for tenant " + tenant);
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
}
