package dev.portico.admin;

import dev.portico.security.AdminRole;
import dev.portico.audit.Actor;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugins.InstalledPlugin;
import dev.portico.plugins.PluginSetting;
import dev.portico.plugins.TenantPlugins;
import dev.portico.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The plugins installed on the platform and this studio's use of them; secrets never leave masked. */
@RestController
class AdminPluginsController {

    private final TenantPlugins plugins;

    AdminPluginsController(TenantPlugins plugins) {
        this.plugins = plugins;
    }

    record Setting(String key, String type, boolean required, boolean secret, @Nullable String defaultValue, String description) {}

    record PluginView(String id, String version, String provider, List<String> kinds, Set<ChannelKind> channelKinds,
            List<Setting> settingsSchema, boolean enabled, Map<String, String> settings, boolean available) {}

    record Items<T>(List<T> items) {}

    record PluginUpdate(@NotNull Boolean enabled, @Size(max = 50) Map<@Size(max = 64) String, @Size(max = 2000) String> settings) {}

    @GetMapping("/api/admin/plugins")
    Items<PluginView> list() {
        Map<String, PluginSetting> settings = plugins.settings();
        return new Items<>(plugins.installed().stream().map(plugin -> view(plugin, settings.get(plugin.id()))).toList());
    }

    @PutMapping("/api/admin/plugins/{id}")
    PluginView update(@PathVariable String id, @Valid @RequestBody PluginUpdate update, @AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "change plugins");
        InstalledPlugin plugin = plugins.installed(id).orElseThrow(() -> ApiException.notFound("Plugin " + id));
        PluginSetting saved = plugins.configure(id, update.enabled(), update.settings() == null ? Map.of() : update.settings(),
                Actor.admin(admin.getSubject()));
        return view(plugin, saved);
    }

    private static PluginView view(InstalledPlugin plugin, @Nullable PluginSetting setting) {
        List<Setting> schema = plugin.schema().settings().values().stream().map(AdminPluginsController::setting).toList();
        Map<String, String> masked = setting == null ? Map.of() : plugin.schema().masked(setting.settings());
        return new PluginView(plugin.id(), plugin.version(), plugin.provider(), plugin.extensionPoints(), plugin.channelKinds(),
                schema, setting != null && setting.enabled(), masked, plugin.started());
    }

    private static Setting setting(SettingDescriptor d) {
        return new Setting(d.key(), d.type().name(), d.required(), d.secret(), d.secret() ? null : d.defaultValue(), d.description());
    }
}
