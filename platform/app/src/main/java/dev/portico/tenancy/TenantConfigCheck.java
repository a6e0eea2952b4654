package dev.portico.tenancy;

import java.util.List;

/**
 * A check another feature contributes to tenant config validation (a theme pack exists, plugin settings
 * match the plugin's schema). {@link TenantConfigValidator} runs every registered check, so validation
 * stays in one place while the knowledge stays with the feature that owns it.
 */
public interface TenantConfigCheck {

    /** Problems found, each naming the field (dotted path) and a message; empty when the config passes. */
    List<FieldError> check(TenantConfig config);

    /** A failing field and why. */
    record FieldError(String field, String message) {}
}
