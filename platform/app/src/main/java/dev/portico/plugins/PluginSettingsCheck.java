package dev.portico.plugins;

import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantConfigCheck;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** A studio's config may only name installed plugins, with settings that fit each plugin's schema. */
@Component
class PluginSettingsCheck implements TenantConfigCheck {

    private final TenantPlugins plugins;

    PluginSettingsCheck(TenantPlugins plugins) {
        this.plugins = plugins;
    }

    @Override
    public List<FieldError> check(TenantConfig config) {
        List<FieldError> errors = new ArrayList<>();
        config.plugins().forEach((pluginId, plugin) -> plugins.problems(pluginId, plugin.enabled(), plugin.settings())
                .forEach((key, message) -> errors.add(new FieldError(
                        key.isEmpty() ? "plugins." + pluginId : "plugins." + pluginId + ".settings." + key, message))));
        return errors;
    }
}
