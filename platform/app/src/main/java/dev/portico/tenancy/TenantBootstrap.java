package dev.portico.tenancy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Migrates the placement databases' platform tables, imports tenant config and migrates every studio's schema before
 * the web server starts taking requests and the job runners start (both in later lifecycle phases), so no request sees
 * a half-provisioned studio.
 */
@Component
class TenantBootstrap implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TenantBootstrap.class);

    private final Placements placements;
    private final TenantProvisioning provisioning;
    private final TenancyProperties properties;
    private volatile boolean running;

    TenantBootstrap(Placements placements, TenantProvisioning provisioning, TenancyProperties properties) {
        this.placements = placements;
        this.provisioning = provisioning;
        this.properties = properties;
    }

    @Override
    public void start() {
        long started = System.nanoTime();
        placements.migrate();
        ImportReport report = provisioning.importConfigs(properties.tenantConfigPath());
        provisioning.migrateAndAnnounceAll();
        running = true;
        log.info("Tenant config imported from {}: {} created, {} updated, {} unchanged, {} skipped, {} with problems; ready in {} ms",
                properties.tenantConfigPath().toAbsolutePath().normalize(), report.created().size(), report.updated().size(), report.unchanged().size(),
                report.skipped().size(), report.problems().size(), (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return 0;
    }
}
