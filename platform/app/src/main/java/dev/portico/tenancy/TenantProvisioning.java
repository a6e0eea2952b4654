package dev.portico.tenancy;

import dev.portico.web.ApiException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Brings studios into being: imports {@code tenant-config/*.yaml} into the registry (idempotently), creates
 * and migrates their schemas, and announces each ready studio with {@link TenantReady}.
 */
@Service
public class TenantProvisioning {

    private static final Logger log = LoggerFactory.getLogger(TenantProvisioning.class);

    private final TenantConfigReader reader;
    private final TenantRegistry registry;
    private final TenantMigrations migrations;
    private final PlatformJdbc jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final ApplicationEventPublisher events;
    private final boolean demoProfile;

    TenantProvisioning(TenantConfigReader reader, TenantRegistry registry, TenantMigrations migrations, PlatformJdbc jdbc,
            TransactionTemplate transactions, JsonMapper json, ApplicationEventPublisher events, Environment environment) {
        this.reader = reader;
        this.registry = registry;
        this.migrations = migrations;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json.rebuild().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
        this.events = events;
        this.demoProfile = environment.acceptsProfiles(Profiles.of("demo"));
    }

    /**
     * Imports every {@code *.yaml} / {@code *.yml} file in {@code dir}. A malformed file is reported with file, line
     * and field and leaves its studio as it was; it never stops the other files from loading.
     */
    public ImportReport importConfigs(Path dir) {
        List<String> created = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<ConfigProblem> problems = new ArrayList<>();
        Map<String, String> fileBySlug = new HashMap<>();

        for (Path file : configFiles(dir, problems)) {
            String source = file.getFileName().toString();
            TenantConfigReader.Result result = reader.read(file);
            if (!result.ok()) {
                problems.addAll(result.problems());
                continue;
            }
            TenantConfig config = result.config();
            if (config.demo() && !demoProfile) {
                skipped.add(source);
                continue;
            }
            String earlier = fileBySlug.putIfAbsent(config.slug(), source);
            if (earlier != null) {
                problems.add(new ConfigProblem(source, null, "slug", "'" + config.slug() + "' is already defined in " + earlier));
                continue;
            }
            try {
                switch (upsert(config, source)) {
                    case CREATED -> created.add(config.slug());
                    case UPDATED -> updated.add(config.slug());
                    case UNCHANGED -> unchanged.add(config.slug());
                }
            } catch (DuplicateKeyException e) {
                problems.add(new ConfigProblem(source, null, "domains", "a domain is already used by another studio"));
            } catch (PlacementFixed e) {
                problems.add(new ConfigProblem(source, null, "placement", e.getMessage()));
            }
        }
        problems.forEach(problem -> log.error("Tenant config not imported: {}", problem));
        registry.invalidate();
        return new ImportReport(created, updated, unchanged, skipped, problems);
    }

    /** Migrates every registered studio's schema and announces the ones that are ready. */
    public void migrateAndAnnounceAll() {
        migrations.migrateAll(registry.findAll(),
                migrated -> registry.findBySlug(migrated.slug()).filter(Tenant::isActive).ifPresent(this::announce));
        registry.invalidate();
    }

    /**
     * Onboards a new studio without a restart: registers it, creates and migrates its schema and announces it, so its
     * host is served as soon as this returns (on other nodes within {@code portico.tenancy.cache-ttl}).
     *
     * @throws ApiException 409 {@code TENANT_EXISTS} when the slug is registered (archived studios included),
     *                      409 {@code DOMAIN_TAKEN} when another studio uses one of its domains
     */
    public Tenant onboard(TenantConfig config, String source) {
        if (registry.findBySlug(config.slug()).isPresent()) {
            throw new ApiException(HttpStatus.CONFLICT, "TENANT_EXISTS", "Studio exists",
                    "A studio with the slug '" + config.slug() + "' already exists.");
        }
        for (String domain : config.domains()) {
            if (jdbc.sql("SELECT count(*) FROM platform.tenant_domains WHERE domain = ?").param(domain).query(Long.class).single() > 0) {
                throw domainTaken(domain);
            }
        }
        try {
            upsert(config, source);
        } catch (DuplicateKeyException | PlacementFixed e) {
            // The slug or a domain was registered meanwhile, by another node or request.
            throw new ApiException(HttpStatus.CONFLICT, "TENANT_EXISTS", "Studio exists",
                    "A studio with the slug '" + config.slug() + "' or one of its domains already exists.");
        }
        registry.invalidate();
        Tenant tenant = registry.findBySlug(config.slug()).orElseThrow();
        migrations.migrate(tenant);
        registry.invalidate();
        Tenant after = registry.findBySlug(config.slug()).orElseThrow();
        if (after.isActive()) {
            announce(after);
        }
        return after;
    }

    /**
     * Re-imports the tenant-config folder as at start-up: new files become studios (created, migrated, announced),
     * changed files update theirs; studios whose file is unchanged are left alone, and archived studios stay archived.
     */
    public ImportReport reload(Path dir) {
        ImportReport report = importConfigs(dir);
        List<String> touched = new ArrayList<>(report.created());
        touched.addAll(report.updated());
        for (String slug : touched) {
            registry.findBySlug(slug).ifPresent(tenant -> {
                migrations.migrate(tenant);
                registry.invalidate();
                registry.findBySlug(slug).filter(Tenant::isActive).ifPresent(this::announce);
            });
        }
        return report;
    }

    private static ApiException domainTaken(String domain) {
        return new ApiException(HttpStatus.CONFLICT, "DOMAIN_TAKEN", "Domain taken", "The domain " + domain + " is already used by another studio.");
    }

    /** Registers or updates one studio from a validated config, migrates its schema and announces it. */
    public Optional<Tenant> provision(TenantConfig config, String source) {
        upsert(config, source);
        registry.invalidate();
        Tenant tenant = registry.findBySlug(config.slug()).orElseThrow();
        TenantStatus status = migrations.migrate(tenant);
        registry.invalidate();
        if (status != TenantStatus.ACTIVE) {
            return Optional.empty();
        }
        Tenant ready = registry.findBySlug(config.slug()).orElseThrow();
        announce(ready);
        return Optional.of(ready);
    }

    private void announce(Tenant tenant) {
        TenantContext.runAs(tenant, () -> events.publishEvent(new TenantReady(tenant)));
    }

    private enum Outcome { CREATED, UPDATED, UNCHANGED }

    private Outcome upsert(TenantConfig config, String source) {
        String configJson = json.writeValueAsString(config);
        String hash = sha256(configJson);
        return transactions.execute(status -> {
            record Existing(String hash, @Nullable String placement) {}
            Optional<Existing> existing = jdbc.sql(
                            "SELECT coalesce(source_hash, ''), placement FROM platform.tenants WHERE slug = ? FOR UPDATE")
                    .param(config.slug()).query((rs, n) -> new Existing(rs.getString(1), rs.getString(2))).optional();
            if (existing.isPresent() && existing.get().hash().equals(hash)) {
                return Outcome.UNCHANGED;
            }
            String moveRefused = existing.map(e -> Placements.moveRefused(e.placement(), config.placement())).orElse(null);
            if (moveRefused != null) {
                throw new PlacementFixed(moveRefused);
            }
            // The placement is written once, with the row: an update never moves a studio.
            java.util.UUID id = jdbc.sql("""
                    INSERT INTO platform.tenants (slug, schema_name, placement, name, config, source_name, source_hash)
                    VALUES (:slug, :schema, :placement, :name, cast(:config AS jsonb), :source, :hash)
                    ON CONFLICT (slug) DO UPDATE
                       SET name = excluded.name, config = excluded.config, source_name = excluded.source_name,
                           source_hash = excluded.source_hash, updated_at = now(), version = platform.tenants.version + 1
                    RETURNING id
                    """)
                    .param("slug", config.slug())
                    .param("schema", Tenant.schemaFor(config.slug()))
                    .param("placement", config.placement())
                    .param("name", config.name())
                    .param("config", configJson)
                    .param("source", source)
                    .param("hash", hash)
                    .query(java.util.UUID.class).single();
            jdbc.sql("DELETE FROM platform.tenant_domains WHERE tenant_id = ?").param(id).update();
            for (String domain : config.domains()) {
                jdbc.sql("INSERT INTO platform.tenant_domains (domain, tenant_id) VALUES (?, ?)").params(domain, id).update();
            }
            jdbc.sql("DELETE FROM platform.tenant_plugins WHERE tenant_id = ?").param(id).update();
            config.plugins().forEach((pluginId, plugin) -> jdbc.sql("""
                    INSERT INTO platform.tenant_plugins (tenant_id, plugin_id, enabled, settings)
                    VALUES (?, ?, ?, cast(? AS jsonb))
                    """).params(id, pluginId, plugin.enabled(), json.writeValueAsString(plugin.settings())).update());
            log.info("{} studio {} from {}", existing.isPresent() ? "Updated" : "Registered", config.slug(), source);
            return existing.isPresent() ? Outcome.UPDATED : Outcome.CREATED;
        });
    }

    /** A config that would move an existing studio to another database; the studio is left as it was. */
    private static final class PlacementFixed extends RuntimeException {

        PlacementFixed(String message) {
            super(message);
        }
    }

    private static List<Path> configFiles(Path dir, List<ConfigProblem> problems) {
        if (!Files.isDirectory(dir)) {
            log.warn("Tenant config folder {} does not exist; no studios imported", dir.toAbsolutePath());
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml$"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            problems.add(new ConfigProblem(dir.toString(), null, "", "folder cannot be listed: " + e.getMessage()));
            return List.of();
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
