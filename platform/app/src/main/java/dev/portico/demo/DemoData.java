package dev.portico.demo;

import dev.portico.admin.AdminAccounts;
import dev.portico.security.AdminRole;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantReady;
import dev.portico.tenancy.TenantSchemas;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Fills a demo studio ({@code demo: true} in its tenant config) with realistic data relative to today.
 * {@code db/demo/<slug>/schedule.sql} runs on every start and only adds the class sessions that are missing,
 * so there are always four weeks ahead; {@code seed.sql} runs once per studio, so a restart never overwrites
 * what users changed.
 */
@Component
@Profile("demo")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final TenantSchemas schemas;
    private final AdminAccounts admins;

    DemoData(TenantSchemas schemas, AdminAccounts admins) {
        this.schemas = schemas;
        this.admins = admins;
    }

    @EventListener
    void on(TenantReady event) {
        Tenant tenant = event.tenant();
        if (!tenant.config().demo()) {
            return;
        }
        // Demo owners, as the README lists them: owner@<slug>.example / <slug>-demo.
        admins.createIfAbsent("owner@" + tenant.slug() + ".example", tenant.slug() + "-demo", AdminRole.OWNER);
        admins.createIfAbsent("desk@" + tenant.slug() + ".example", tenant.slug() + "-demo", AdminRole.FRONT_DESK);
        Optional<String> schedule = script(tenant.slug(), "schedule.sql");
        Optional<String> seed = script(tenant.slug(), "seed.sql");
        if (schedule.isEmpty() && seed.isEmpty()) {
            log.warn("Demo studio {} has no demo data in db/demo/{}", tenant.slug(), tenant.slug());
            return;
        }
        try {
            schemas.inSchema(tenant.schemaName(), connection -> {
                try (Statement statement = connection.createStatement()) {
                    if (schedule.isPresent()) {
                        statement.execute(schedule.get());
                    }
                    // The marker commits with the seed, in one transaction on the studio's database (a placement has a
                    // demo_seeds table of its own): a crash leaves neither.
                    boolean firstSeed;
                    try (PreparedStatement mark = connection.prepareStatement(
                            "INSERT INTO platform.demo_seeds (tenant_slug) VALUES (?) ON CONFLICT DO NOTHING")) {
                        mark.setString(1, tenant.slug());
                        firstSeed = mark.executeUpdate() == 1;
                    }
                    if (firstSeed && seed.isPresent()) {
                        statement.execute(seed.get());
                        log.info("Filled demo studio {} with demo data", tenant.slug());
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            log.error("Demo data for {} could not be loaded: {}", tenant.slug(), e.getMessage());
        }
    }

    private static Optional<String> script(String slug, String name) {
        ClassPathResource resource = new ClassPathResource("db/demo/" + slug + "/" + name);
        if (!resource.exists()) {
            return Optional.empty();
        }
        try (InputStream in = resource.getInputStream()) {
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }
}
