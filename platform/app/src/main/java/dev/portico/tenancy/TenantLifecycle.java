package dev.portico.tenancy;

import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.portico.jobs.Jobs;
import dev.portico.web.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Offboarding: archiving a studio stops serving it at once (its host answers 404, as an unknown host does) and keeps
 * its schema; a durable job drops the schema (on the database the studio is placed on) and the registry row when
 * {@code portico.tenancy.offboarding-grace} has passed, unless the studio was restored before. Every step is written
 * to {@link PlatformAudit}.
 */
@Service
public class TenantLifecycle {

    static final String DROP_TASK = "tenant-schema-drop";

    private static final Logger log = LoggerFactory.getLogger(TenantLifecycle.class);

    private final PlatformJdbc jdbc;
    private final TenantSchemas schemas;
    private final TenantRegistry registry;
    private final TenantMigrations migrations;
    private final Jobs jobs;
    private final Clock clock;
    private final Duration grace;
    private final PlatformAudit audit;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;

    TenantLifecycle(PlatformJdbc jdbc, TenantSchemas schemas, TenantRegistry registry, TenantMigrations migrations, Jobs jobs,
            Clock clock, TenancyProperties properties, PlatformAudit audit, TransactionTemplate transactions,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.schemas = schemas;
        this.registry = registry;
        this.migrations = migrations;
        this.jobs = jobs;
        this.clock = clock;
        this.grace = properties.tenancy().offboardingGrace();
        this.audit = audit;
        this.transactions = transactions;
        this.events = events;
    }

    /** An archived studio and when its schema goes. */
    public record Archived(String slug, Instant archivedAt, Instant dropsAt) {}

    private record Row(UUID id, String schema, @Nullable String placement, TenantStatus status, Instant archivedAt) {}

    /**
     * Archives a studio: no longer served, schema kept, dropped after the grace period.
     *
     * @throws ApiException 404 for an unknown slug, 409 {@code TENANT_ARCHIVED} when it is archived already
     */
    public Archived archive(String slug, String actor) {
        Archived archived = transactions.execute(status -> {
            Row row = lock(slug).orElseThrow(() -> ApiException.notFound("Studio " + slug));
            if (row.status() == TenantStatus.ARCHIVED) {
                throw new ApiException(HttpStatus.CONFLICT, "TENANT_ARCHIVED", "Studio archived",
                        "The studio " + slug + " is archived already; its schema is dropped at " + row.archivedAt().plus(grace) + ".");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            jdbc.sql("""
                    UPDATE platform.tenants SET status = 'ARCHIVED', archived_at = ?, updated_at = now(), version = version + 1
                     WHERE id = ?
                    """).params(now.atOffset(ZoneOffset.UTC), row.id()).update();
            Instant dropsAt = now.plus(grace);
            jobs.schedule(new TaskInstance<>(DROP_TASK, instanceId(slug, now)), dropsAt);
            audit.record("PLATFORM", actor, "tenant.archived", slug, Map.of("from", row.status().name(), "dropsAt", dropsAt.toString()));
            return new Archived(slug, now, dropsAt);
        });
        registry.invalidate();
        log.info("Archived studio {}; its schema is dropped at {} unless it is restored", slug, archived.dropsAt());
        return archived;
    }

    /**
     * Brings an archived studio back within the grace period: its schema is migrated and it is served again.
     *
     * @throws ApiException 404 for an unknown slug (or one whose schema was dropped), 409 {@code TENANT_NOT_ARCHIVED}
     */
    public Tenant restore(String slug, String actor) {
        transactions.executeWithoutResult(status -> {
            Row row = lock(slug).orElseThrow(() -> ApiException.notFound("Studio " + slug));
            if (row.status() != TenantStatus.ARCHIVED) {
                throw new ApiException(HttpStatus.CONFLICT, "TENANT_NOT_ARCHIVED", "Studio not archived",
                        "The studio " + slug + " is not archived.");
            }
            jdbc.sql("""
                    UPDATE platform.tenants SET status = 'PROVISIONING', archived_at = NULL, updated_at = now(), version = version + 1
                     WHERE id = ?
                    """).param(row.id()).update();
            TaskInstanceId job = TaskInstanceId.of(DROP_TASK, instanceId(slug, row.archivedAt()));
            if (jobs.client().getScheduledExecution(job).isPresent()) {
                jobs.client().cancel(job);
            }
            audit.record("PLATFORM", actor, "tenant.restored", slug, Map.of("archivedAt", row.archivedAt().toString()));
        });
        registry.invalidate();
        Tenant tenant = registry.findBySlug(slug).orElseThrow();
        migrations.migrate(tenant);
        registry.invalidate();
        Tenant restored = registry.findBySlug(slug).orElseThrow();
        if (restored.isActive()) {
            TenantContext.runAs(restored, () -> events.publishEvent(new TenantReady(restored)));
        }
        log.info("Restored studio {}", slug);
        return restored;
    }

    /**
     * The drop job: drops the schema and forgets the studio if it is still archived since the time the job was
     * scheduled for and the grace period has passed; a studio restored (or archived again) since is left alone.
     */
    void dropIfDue(String instanceId) {
        int colon = instanceId.lastIndexOf(':');
        String slug = instanceId.substring(0, colon);
        Instant archivedAt = Instant.ofEpochMilli(Long.parseLong(instanceId.substring(colon + 1)));
        boolean dropped = Boolean.TRUE.equals(transactions.execute(status -> {
            Optional<Row> row = lock(slug);
            if (row.isEmpty() || row.get().status() != TenantStatus.ARCHIVED || !row.get().archivedAt().equals(archivedAt)) {
                log.info("Studio {} is no longer archived since {}; its schema is kept", slug, archivedAt);
                return false;
            }
            if (clock.instant().isBefore(archivedAt.plus(grace))) {
                log.warn("Studio {} was due to be dropped before its grace period ended; kept", slug);
                return false;
            }
            String schema = row.get().schema();
            if (!schema.matches("^tenant_[a-z0-9_]{1,62}$")) {
                throw new IllegalStateException("not a tenant schema: " + schema);
            }
            dropSchema(row.get(), slug);
            jdbc.sql("DELETE FROM platform.tenants WHERE id = ?").param(row.get().id()).update();
            audit.record("SYSTEM", DROP_TASK, "tenant.dropped", slug, Map.of("schema", schema, "archivedAt", archivedAt.toString()));
            return true;
        }));
        if (dropped) {
            registry.invalidate();
            log.info("Dropped the schema of studio {}, archived at {}", slug, archivedAt);
        }
    }

    /**
     * Drops the studio's schema and its demo-data marker where they live. On the primary database that is in the
     * caller's transaction, with the registry row. On a placement each commits at once, before the registry row goes:
     * should the rest then fail, the job runs again and finds nothing left to drop there.
     */
    private void dropSchema(Row row, String slug) {
        String drop = "DROP SCHEMA IF EXISTS " + row.schema() + " CASCADE";
        String unmark = "DELETE FROM platform.demo_seeds WHERE tenant_slug = ?";
        if (row.placement() == null) {
            jdbc.sql(drop).update();
            jdbc.sql(unmark).param(slug).update();
        } else {
            JdbcClient placement = JdbcClient.create(schemas.database(row.placement()));
            placement.sql(drop).update();
            placement.sql(unmark).param(slug).update();
        }
    }

    private Optional<Row> lock(String slug) {
        return jdbc.sql("SELECT id, schema_name, placement, status, archived_at FROM platform.tenants WHERE slug = ? FOR UPDATE")
                .param(slug)
                .query((rs, n) -> {
                    OffsetDateTime at = rs.getObject(5, OffsetDateTime.class);
                    return new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), TenantStatus.valueOf(rs.getString(4)),
                            at == null ? Instant.EPOCH : at.toInstant());
                })
                .optional();
    }

    private static String instanceId(String slug, Instant archivedAt) {
        return slug + ":" + archivedAt.toEpochMilli();
    }

    /** The drop job, run by whichever node picks it up. */
    @Configuration(proxyBeanMethods = false)
    static class DropJob {

        @Bean
        OneTimeTask<Void> tenantSchemaDropTask(TenantLifecycle lifecycle) {
            return Tasks.oneTime(DROP_TASK).execute((instance, context) -> lifecycle.dropIfDue(instance.getId()));
        }
    }
}
