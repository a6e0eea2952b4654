package dev.portico.plugins;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.PluginSettings;
import dev.portico.plugin.api.PorticoExtension;
import dev.portico.plugin.api.SettingsSchema;
import dev.portico.tenancy.PlatformJdbc;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantReady;
import dev.portico.tenancy.TenantSchemas;
import dev.portico.web.ApiException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Which plugins a studio uses and how: a studio sees only the extensions of plugins it enabled, with its own
 * settings (its values over the plugin's defaults, {@code ${ENV_VAR}} secrets resolved from the environment).
 * Settings are re-read at most every {@code portico.plugins.cache-ttl}, so a change made on another node
 * applies within that bound; changes made here apply at once.
 */
@Service
public class TenantPlugins {

    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {};

    private final PluginHost host;
    private final PluginCalls calls;
    private final PluginStorage storage;
    private final TenantSchemas schemas;
    private final PlatformJdbc jdbc;
    private final JsonMapper json;
    private final AuditLog audit;
    private final Environment environment;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final LoadingCache<UUID, Map<String, PluginSetting>> settingsByTenant;

    TenantPlugins(PluginHost host, PluginCalls calls, PluginStorage storage, TenantSchemas schemas, PlatformJdbc jdbc,
            JsonMapper json, AuditLog audit, Environment environment, Clock clock, TransactionTemplate transactions,
            PluginsProperties properties) {
        this.host = host;
        this.calls = calls;
        this.storage = storage;
        this.schemas = schemas;
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.environment = environment;
        this.clock = clock;
        this.transactions = transactions;
        this.settingsByTenant = Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(properties.cacheTtl())
                .build(this::load);
    }

    /** Every plugin this process loaded, by id. */
    public List<InstalledPlugin> installed() {
        return host.installed().values().stream().sorted(java.util.Comparator.comparing(InstalledPlugin::id)).toList();
    }

    public Optional<InstalledPlugin> installed(String pluginId) {
        return host.find(pluginId);
    }

    /** The current studio's stored choices, by plugin id. */
    public Map<String, PluginSetting> settings() {
        return settingsByTenant.get(TenantContext.require().id());
    }

    /**
     * The current studio's enabled extensions of {@code type}. A plugin whose secrets cannot be resolved is
     * reported (logged, audited) and left out, so one misconfigured plugin does not stop the others.
     */
    public <T extends PorticoExtension> List<EnabledExtension<T>> enabled(Class<T> type) {
        Tenant tenant = TenantContext.require();
        List<EnabledExtension<T>> found = new ArrayList<>();
        for (PluginSetting setting : settings().values()) {
            if (!setting.enabled()) {
                continue;
            }
            List<T> extensions = host.extensions(setting.pluginId(), type);
            if (extensions.isEmpty()) {
                continue;
            }
            InstalledPlugin plugin = host.find(setting.pluginId()).orElseThrow();
            Optional<ExtensionContext> context = context(tenant, plugin, setting);
            if (context.isEmpty()) {
                continue;
            }
            ClassLoader loader = host.classLoader(plugin.id());
            extensions.forEach(extension -> found.add(new EnabledExtension<>(plugin.id(), extension, context.get(), loader, calls)));
        }
        return found;
    }

    /** Problems with a studio's values for a plugin, by setting key; unknown plugins are named too. */
    public Map<String, String> problems(String pluginId, boolean enabled, Map<String, String> settings) {
        Optional<InstalledPlugin> plugin = host.find(pluginId);
        if (plugin.isEmpty()) {
            return Map.of("", "is not an installed plugin");
        }
        Map<String, String> problems = new LinkedHashMap<>(plugin.get().schema().problems(settings));
        if (!enabled) {
            // A disabled plugin may be half set up; only values given must be right.
            problems.values().removeIf("is required"::equals);
        }
        return problems;
    }

    /**
     * Enables or disables a plugin for the current studio and stores its settings. Secret values sent back
     * masked keep what was stored. Audited with masked values; 400 naming each bad key.
     */
    public PluginSetting configure(String pluginId, boolean enabled, Map<String, String> requested, Actor actor) {
        Tenant tenant = TenantContext.require();
        InstalledPlugin plugin = host.find(pluginId).orElseThrow(() -> ApiException.notFound("Plugin " + pluginId));
        PluginSetting before = settings().get(pluginId);
        Map<String, String> settings = new HashMap<>(requested);
        settings.replaceAll((key, value) -> SettingsSchema.MASK.equals(value) && before != null && before.settings().containsKey(key)
                ? before.settings().get(key) : value);
        Map<String, String> problems = problems(pluginId, enabled, settings);
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems.entrySet().stream()
                    .map(p -> new ApiException.FieldProblem("settings." + p.getKey(), p.getValue())).toList());
        }
        PluginSetting after = new PluginSetting(pluginId, enabled, settings);
        transactions.executeWithoutResult(status -> {
            jdbc.sql("""
                    INSERT INTO platform.tenant_plugins (tenant_id, plugin_id, enabled, settings, updated_at)
                    VALUES (?, ?, ?, cast(? AS jsonb), now())
                    ON CONFLICT (tenant_id, plugin_id) DO UPDATE
                       SET enabled = excluded.enabled, settings = excluded.settings, updated_at = now()
                    """).params(tenant.id(), pluginId, enabled, json.writeValueAsString(settings)).update();
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("enabled", Map.of("from", before != null && before.enabled(), "to", enabled));
            details.put("settings", Map.of(
                    "from", before == null ? Map.of() : plugin.schema().masked(before.settings()),
                    "to", plugin.schema().masked(settings)));
            audit.record(actor, "admin.plugin_changed", null, "plugin", pluginId, details);
        });
        settingsByTenant.invalidate(tenant.id());
        if (enabled) {
            storage.migrate(tenant, plugin.id(), host.classLoader(plugin.id()));
        }
        return after;
    }

    /** Plugins that keep tables get them (or their upgrades) in every ready studio that enabled them. */
    @EventListener
    void on(TenantReady event) {
        Tenant tenant = event.tenant();
        settingsByTenant.invalidate(tenant.id());
        settingsByTenant.get(tenant.id()).values().stream()
                .filter(PluginSetting::enabled)
                .filter(setting -> host.find(setting.pluginId()).map(InstalledPlugin::started).orElse(false))
                .forEach(setting -> storage.migrate(tenant, setting.pluginId(), host.classLoader(setting.pluginId())));
    }

    private Map<String, PluginSetting> load(UUID tenantId) {
        Map<String, PluginSetting> settings = new LinkedHashMap<>();
        jdbc.sql("SELECT plugin_id, enabled, settings::text FROM platform.tenant_plugins WHERE tenant_id = ? ORDER BY plugin_id")
                .param(tenantId)
                .query((rs, row) -> new PluginSetting(rs.getString(1), rs.getBoolean(2), json.readValue(rs.getString(3), SETTINGS)))
                .list()
                .forEach(setting -> settings.put(setting.pluginId(), setting));
        return Map.copyOf(settings);
    }

    private Optional<ExtensionContext> context(Tenant tenant, InstalledPlugin plugin, PluginSetting setting) {
        Map<String, String> resolved = new HashMap<>();
        List<String> missing = new ArrayList<>();
        setting.settings().forEach((key, value) -> {
            if (SettingsSchema.isReference(value)) {
                String variable = value.substring(2, value.length() - 1);
                String found = environment.getProperty(variable);
                if (found == null || found.isBlank()) {
                    missing.add(key + " -> " + variable);
                } else {
                    resolved.put(key, found);
                }
            } else {
                resolved.put(key, value);
            }
        });
        Map<String, String> problems = plugin.schema().problems(resolved);
        if (!missing.isEmpty() || !problems.isEmpty()) {
            calls.failed(plugin.id(), "configure", "settings not usable: unresolved " + missing + ", invalid " + problems.keySet());
            return Optional.empty();
        }
        PluginSettings applied = plugin.schema().apply(resolved);
        DataSource storageView = schemas.dataSource(tenant.schemaName());
        return Optional.of(new StudioContext(tenant.slug(), applied, clock, storageView));
    }

    /** The context one studio's calls carry. */
    private record StudioContext(String tenant, PluginSettings settings, Clock clock, DataSource storage) implements ExtensionContext {}
}
