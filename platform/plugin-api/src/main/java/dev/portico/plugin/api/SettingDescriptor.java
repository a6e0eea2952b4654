package dev.portico.plugin.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One setting a plugin reads from a studio's configuration.
 *
 * @param key          stable key as it appears in tenant config, e.g. {@code apiKey}
 * @param type         how the host validates the value
 * @param required     whether a studio must supply a value (a default satisfies it)
 * @param secret       whether the value is masked in every answer and log
 * @param defaultValue the value used when the studio supplies none
 * @param description  one sentence shown to studio admins
 */
public record SettingDescriptor(String key, SettingType type, boolean required, boolean secret,
        @Nullable String defaultValue, String description) {

    public SettingDescriptor {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (key.isBlank()) {
            throw new IllegalArgumentException("setting key must not be blank");
        }
    }

    /** A required setting with no default. */
    public static SettingDescriptor required(String key, SettingType type, String description) {
        return new SettingDescriptor(key, type, true, false, null, description);
    }

    /** A required secret setting, masked everywhere. */
    public static SettingDescriptor secret(String key, String description) {
        return new SettingDescriptor(key, SettingType.STRING, true, true, null, description);
    }

    /** An optional setting with a default value. */
    public static SettingDescriptor optional(String key, SettingType type, @Nullable String defaultValue, String description) {
        return new SettingDescriptor(key, type, false, false, defaultValue, description);
    }
}
