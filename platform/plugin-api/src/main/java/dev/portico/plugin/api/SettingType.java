package dev.portico.plugin.api;

/** The type of a plugin setting, used by the host to validate a studio's value before the plugin sees it. */
public enum SettingType {
    STRING,
    INTEGER,
    BOOLEAN,
    URL,
    EMAIL,
    /** A phone number in E.164 form, e.g. {@code +971501234567}. */
    PHONE,
    /** An ISO-8601 duration, e.g. {@code PT12H}. */
    DURATION
}
