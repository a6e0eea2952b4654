package dev.portico.plugin.api;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A plugin's settings schema: the union of its extensions' {@link SettingDescriptor}s. The host validates a
 * studio's values with it, applies defaults and masks secrets; the test kit uses the same rules.
 *
 * @param settings descriptors by key, in declaration order
 */
public record SettingsSchema(Map<String, SettingDescriptor> settings) {

    /** What a masked secret looks like in any answer or log. */
    public static final String MASK = "********";

    private static final Pattern ENV_REFERENCE = Pattern.compile("^\\$\\{[A-Za-z_][A-Za-z0-9_.]*\\}$");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$");
    private static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{6,14}$");

    public SettingsSchema {
        settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** The schema of a plugin made of these extensions; one key declared twice must be declared alike. */
    public static SettingsSchema of(Collection<? extends PorticoExtension> extensions) {
        Map<String, SettingDescriptor> settings = new LinkedHashMap<>();
        for (PorticoExtension extension : extensions) {
            for (SettingDescriptor descriptor : extension.settings()) {
                SettingDescriptor earlier = settings.putIfAbsent(descriptor.key(), descriptor);
                if (earlier != null && !earlier.equals(descriptor)) {
                    throw new IllegalArgumentException("setting '" + descriptor.key() + "' is declared twice, differently");
                }
            }
        }
        return new SettingsSchema(settings);
    }

    /** Whether {@code value} is an {@code ${ENV_VAR}} reference, resolved by the host at use. */
    public static boolean isReference(String value) {
        return ENV_REFERENCE.matcher(value).matches();
    }

    /**
     * Problems with a studio's values, by key: unknown keys, missing required values, values of the wrong type.
     * {@code ${ENV_VAR}} references pass here; check again after resolving them.
     */
    public Map<String, String> problems(Map<String, String> values) {
        Map<String, String> problems = new TreeMap<>();
        values.forEach((key, value) -> {
            SettingDescriptor descriptor = settings.get(key);
            if (descriptor == null) {
                problems.put(key, "is not a setting of this plugin");
            } else if (value != null && !isReference(value)) {
                String typeProblem = typeProblem(descriptor.type(), value);
                if (typeProblem != null) {
                    problems.put(key, typeProblem);
                }
            }
        });
        settings.values().forEach(descriptor -> {
            String value = values.get(descriptor.key());
            if (descriptor.required() && descriptor.defaultValue() == null && (value == null || value.isBlank())) {
                problems.put(descriptor.key(), "is required");
            }
        });
        return problems;
    }

    /** The values with defaults filled in for every setting the studio left out. */
    public PluginSettings apply(Map<String, String> values) {
        Map<String, String> applied = new HashMap<>();
        settings.values().forEach(d -> {
            if (d.defaultValue() != null) {
                applied.put(d.key(), d.defaultValue());
            }
        });
        values.forEach((key, value) -> {
            if (value != null && settings.containsKey(key)) {
                applied.put(key, value);
            }
        });
        return new PluginSettings(applied);
    }

    /** The values with every secret replaced by {@link #MASK}, safe to show or log. */
    public Map<String, String> masked(Map<String, String> values) {
        Map<String, String> masked = new TreeMap<>();
        values.forEach((key, value) -> {
            SettingDescriptor descriptor = settings.get(key);
            masked.put(key, descriptor == null || descriptor.secret() ? MASK : value);
        });
        return masked;
    }

    /** Problems with the schema itself, for plugin authors: each message names the key. */
    public List<String> defects() {
        List<String> defects = new ArrayList<>();
        settings.values().forEach(d -> {
            if (!d.key().matches("^[a-z][A-Za-z0-9]*$")) {
                defects.add(d.key() + ": keys are camelCase letters and digits");
            }
            if (d.description().isBlank()) {
                defects.add(d.key() + ": needs a description for studio admins");
            }
            if (d.secret() && d.defaultValue() != null) {
                defects.add(d.key() + ": a secret must not have a default");
            }
            if (d.defaultValue() != null && typeProblem(d.type(), d.defaultValue()) != null) {
                defects.add(d.key() + ": default '" + d.defaultValue() + "' " + typeProblem(d.type(), d.defaultValue()));
            }
        });
        return defects;
    }

    private static String typeProblem(SettingType type, String value) {
        return switch (type) {
            case STRING -> null;
            case INTEGER -> value.matches("^-?[0-9]{1,9}$") ? null : "must be a whole number";
            case BOOLEAN -> value.equals("true") || value.equals("false") ? null : "must be true or false";
            case URL -> isHttpUrl(value) ? null : "must be an http(s) URL";
            case EMAIL -> EMAIL.matcher(value).matches() ? null : "must be an email address";
            case PHONE -> PHONE.matcher(value).matches() ? null : "must be a phone number in E.164 form, e.g. +971501234567";
            case DURATION -> isDuration(value) ? null : "must be an ISO-8601 duration such as PT12H";
        };
    }

    private static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static boolean isDuration(String value) {
        try {
            Duration.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
