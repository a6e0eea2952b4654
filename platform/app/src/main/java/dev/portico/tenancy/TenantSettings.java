package dev.portico.tenancy;

import dev.portico.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The current studio's live configuration, as the admin API reads and edits it: every change is validated by the
 * same {@link TenantConfigValidator} (and its checks) as an import, written only over the version it was based on,
 * and seen by this node at once and by every other node within {@code portico.tenancy.cache-ttl} (the registry's
 * cache bound, {@link #visibleEverywhereWithin()}).
 *
 * <p>Plugins are configured through their own API (rows in {@code platform.tenant_plugins}); the config stored here
 * carries a copy, refreshed from those rows on every change and on export, so an exported file holds what is live.
 */
@Service
public class TenantSettings {

    private static final TypeReference<Map<String, String>> SETTINGS = new TypeReference<>() {};

    private final PlatformJdbc jdbc;
    private final JsonMapper json;
    private final TenantConfigValidator validator;
    private final TenantRegistry registry;
    private final TransactionTemplate transactions;
    private final TenancyProperties properties;

    TenantSettings(PlatformJdbc jdbc, JsonMapper json, TenantConfigValidator validator, TenantRegistry registry,
            TransactionTemplate transactions, TenancyProperties properties) {
        this.jdbc = jdbc;
        this.json = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        this.validator = validator;
        this.registry = registry;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** A studio's configuration and the version of its registry row, which a change must name. */
    public record Versioned(TenantConfig config, long version) {}

    /** One accepted change, handed to the caller inside its transaction (to audit it). */
    public record Change(TenantConfig before, TenantConfig after, long version) {}

    /** How long another node may still serve the previous configuration after a change. */
    public Duration visibleEverywhereWithin() {
        return properties.tenancy().cacheTtl();
    }

    /** The current studio's configuration as stored now (not as cached), with its live plugin settings. */
    public Versioned current() {
        UUID id = TenantContext.require().id();
        Versioned stored = jdbc.sql("SELECT config::text, version FROM platform.tenants WHERE id = ?").param(id)
                .query((rs, n) -> new Versioned(json.readValue(rs.getString(1), TenantConfig.class), rs.getLong(2)))
                .single();
        return new Versioned(withPlugins(stored.config(), livePlugins(id)), stored.version());
    }

    /**
     * Changes the current studio's configuration.
     *
     * @param expectedVersion the version the change was based on; another one → 409 {@code VERSION_CONFLICT}
     * @param change          the new configuration, from the stored one
     * @param fieldPrefix     stripped from the config's field paths in validation errors, so they name the request's
     *                        fields (e.g. {@code policies.}); errors outside it keep their full path
     * @param thing           what the caller edits, for the conflict message ("This <thing> was changed by someone else")
     * @param inTransaction   runs in the change's transaction before it commits (the audit row commits with it)
     * @throws ApiException 400 naming each invalid field; 409 {@code VERSION_CONFLICT}; 409 {@code DOMAIN_TAKEN}
     */
    public Change update(long expectedVersion, UnaryOperator<TenantConfig> change, String fieldPrefix, String thing,
            Consumer<Change> inTransaction) {
        UUID id = TenantContext.require().id();
        Change done;
        try {
            done = transactions.execute(status -> {
                Versioned stored = jdbc.sql("SELECT config::text, version FROM platform.tenants WHERE id = ? FOR UPDATE").param(id)
                        .query((rs, n) -> new Versioned(json.readValue(rs.getString(1), TenantConfig.class), rs.getLong(2)))
                        .single();
                if (stored.version() != expectedVersion) {
                    throw new ApiException(HttpStatus.CONFLICT, "VERSION_CONFLICT", "Version conflict",
                            "This " + thing + " was changed by someone else. Reload it and try again.");
                }
                Map<String, TenantConfig.PluginConfig> plugins = livePlugins(id);
                TenantConfig before = withPlugins(stored.config(), plugins);
                TenantConfig after = withPlugins(change.apply(before), plugins);
                List<ApiException.FieldProblem> problems = new ArrayList<>();
                for (TenantConfigCheck.FieldError error : validator.validate(after)) {
                    String field = error.field().startsWith(fieldPrefix) ? error.field().substring(fieldPrefix.length()) : error.field();
                    problems.add(new ApiException.FieldProblem(field, error.message()));
                }
                if (!problems.isEmpty()) {
                    throw ApiException.validation(problems);
                }
                long version = jdbc.sql("""
                        UPDATE platform.tenants SET config = cast(? AS jsonb), name = ?, version = version + 1, updated_at = now()
                         WHERE id = ? RETURNING version
                        """).params(json.writeValueAsString(after), after.name(), id).query(Long.class).single();
                if (!before.domains().equals(after.domains())) {
                    jdbc.sql("DELETE FROM platform.tenant_domains WHERE tenant_id = ?").param(id).update();
                    for (String domain : after.domains()) {
                        jdbc.sql("INSERT INTO platform.tenant_domains (domain, tenant_id) VALUES (?, ?)").params(domain, id).update();
                    }
                }
                Change accepted = new Change(before, after, version);
                inTransaction.accept(accepted);
                return accepted;
            });
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "DOMAIN_TAKEN", "Domain taken",
                    "One of these domains is already used by another studio.");
        } finally {
            registry.invalidate();
        }
        return Objects.requireNonNull(done);
    }

    /**
     * The current studio's configuration as a {@code tenant-config/<slug>.yaml} file that re-imports to the same state:
     * the stored config with its live plugin settings. Secrets stay {@code ${ENV_VAR}} references (the plugins API
     * accepts nothing else for a secret), so the file never holds a secret's value.
     */
    public String exportYaml() {
        TenantConfig config = current().config();
        Object tree = withoutNulls(json.convertValue(config, Object.class));
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setWidth(120);
        options.setSplitLines(false);
        String header = "# Studio " + config.slug() + ", exported from Portico. Secrets are ${ENV_VAR} references; set them on the\n"
                + "# nodes that import this file.\n";
        return header + new Yaml(options).dump(tree);
    }

    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> kept = new LinkedHashMap<>();
            map.forEach((key, child) -> {
                if (child != null) {
                    kept.put(String.valueOf(key), withoutNulls(child));
                }
            });
            return kept;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(TenantSettings::withoutNulls).toList();
        }
        return value;
    }

    /**
     * The fields that differ between two values of the same shape, as dotted paths to {@code {from, to}}: nested maps
     * are compared key by key, anything else (lists, text) as a whole.
     */
    public Map<String, Object> diff(Object before, Object after) {
        Map<String, Object> changes = new LinkedHashMap<>();
        diff("", json.convertValue(before, Object.class), json.convertValue(after, Object.class), changes);
        return changes;
    }

    private static void diff(String path, Object before, Object after, Map<String, Object> changes) {
        if (before instanceof Map<?, ?> from && after instanceof Map<?, ?> to) {
            Set<Object> keys = new TreeSet<>(Comparator.comparing(String::valueOf));
            keys.addAll(from.keySet());
            keys.addAll(to.keySet());
            for (Object key : keys) {
                diff(path.isEmpty() ? String.valueOf(key) : path + "." + key, from.get(key), to.get(key), changes);
            }
        } else if (!Objects.equals(before, after)) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("from", before);
            change.put("to", after);
            changes.put(path, change);
        }
    }

    /** The plugin rows of a studio, as config: what the plugins API last stored. */
    Map<String, TenantConfig.PluginConfig> livePlugins(UUID tenantId) {
        Map<String, TenantConfig.PluginConfig> plugins = new LinkedHashMap<>();
        jdbc.sql("SELECT plugin_id, enabled, settings::text FROM platform.tenant_plugins WHERE tenant_id = ? ORDER BY plugin_id")
                .param(tenantId)
                .query((rs, n) -> Map.entry(rs.getString(1), new TenantConfig.PluginConfig(rs.getBoolean(2), json.readValue(rs.getString(3), SETTINGS))))
                .list()
                .forEach(entry -> plugins.put(entry.getKey(), entry.getValue()));
        return plugins;
    }

    static TenantConfig withPlugins(TenantConfig c, Map<String, TenantConfig.PluginConfig> plugins) {
        return new TenantConfig(c.slug(), c.name(), c.domains(), c.publicBaseUrl(), c.timezone(), c.locale(), c.locales(),
                c.currency(), c.loginChannels(), c.loginLinkMinutes(), c.theme(), c.policies(), c.notifications(), c.templates(),
                plugins, c.demo(), c.placement());
    }
}
