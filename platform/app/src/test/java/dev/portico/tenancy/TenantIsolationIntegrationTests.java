package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.catalog.Location;
import dev.portico.catalog.Locations;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/** Two demo studios on one database: each request and each query sees one studio's schema only. */
@DemoStudiosTest
class TenantIsolationIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TenantRegistry registry;

    @Autowired
    Locations locations;

    @Autowired
    EntityManager entityManager;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    DataSource dataSource;

    StudioHttp http;
    Tenant serenity;
    Tenant ironworks;

    @BeforeEach
    void setUp() {
        http = new StudioHttp(port);
        serenity = registry.findBySlug("serenity").orElseThrow();
        ironworks = registry.findBySlug("ironworks").orElseThrow();
    }

    @Test
    void eachHostAnswersWithItsOwnStudioAndItsOwnRows() {
        StudioHttp.Response atSerenity = http.get("serenity.localhost:" + port, "/api/client-portal/branding");
        StudioHttp.Response atIronworks = http.get("ironworks.localhost", "/api/client-portal/branding");

        assertThat(atSerenity.status()).isEqualTo(200);
        assertThat(atSerenity.json().path("studioName").asString()).isEqualTo("Serenity Yoga & Pilates");
        assertThat(atSerenity.json().path("theme").path("pack").asString()).isEqualTo("calm");
        assertThat(atSerenity.json().path("locations").toString()).contains("Jumeirah").doesNotContain("Shoreditch");

        assertThat(atIronworks.status()).isEqualTo(200);
        assertThat(atIronworks.json().path("studioName").asString()).isEqualTo("Ironworks Gym");
        assertThat(atIronworks.json().path("theme").path("pack").asString()).isEqualTo("forge");
        assertThat(atIronworks.json().path("locations").toString()).contains("Shoreditch").doesNotContain("Jumeirah");
    }

    @Test
    void customDomainFromConfigResolvesToItsStudio() {
        StudioHttp.Response response = http.get("serenity.portico.example", "/api/client-portal/branding");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().path("studioName").asString()).isEqualTo("Serenity Yoga & Pilates");
    }

    @Test
    void unknownHostIsNotFoundWithNoFallbackStudio() {
        for (String host : List.of("nowhere.localhost", "localhost", "serenity.localhost.evil.example", "serenity-x.localhost", "127.0.0.1")) {
            StudioHttp.Response response = http.get(host, "/api/client-portal/branding");

            assertThat(response.status()).as(host).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().path("code").asString()).isEqualTo("NOT_FOUND");
            assertThat(response.body()).doesNotContain("Serenity", "Ironworks");
        }
    }

    @Test
    void sameRepositorySameQueryReturnsOnlyTheCurrentStudiosRows() {
        List<UUID> serenityIds = TenantContext.callAs(serenity, () -> locations.findAll().stream().map(Location::getId).toList());
        List<UUID> ironworksIds = TenantContext.callAs(ironworks, () -> locations.findAll().stream().map(Location::getId).toList());

        assertThat(serenityIds).isNotEmpty();
        assertThat(ironworksIds).isNotEmpty();
        assertThat(serenityIds).doesNotContainAnyElementsOf(ironworksIds);
        TenantContext.runAs(serenity, () -> assertThat(locations.findAllById(ironworksIds)).isEmpty());
    }

    @Test
    void aStudiosSessionSearchesItsOwnSchemaAndNothingElse() {
        String searchPath = TenantContext.callAs(serenity, () -> transactions.execute(status ->
                (String) entityManager.createNativeQuery("SELECT current_setting('search_path')").getSingleResult()));

        assertThat(searchPath).isEqualTo("tenant_serenity");
    }

    @Test
    void tenantDataOutsideAnyStudioIsUnreachable() {
        assertThatThrownBy(() -> locations.findAll())
                .hasMessageContaining("relation \"locations\" does not exist");
    }

    @Test
    void everyPooledConnectionReturnsToTheNeutralSchema() throws Exception {
        TenantContext.runAs(ironworks, () -> assertThat(locations.count()).isPositive());
        TenantContext.runAs(serenity, () -> assertThat(locations.count()).isPositive());

        // Borrow the whole pool (8 in tests): not one idle connection may still point at a studio.
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                borrowed.add(dataSource.getConnection());
            }
            for (Connection connection : borrowed) {
                try (var rs = connection.createStatement().executeQuery("SELECT current_setting('search_path')")) {
                    rs.next();
                    assertThat(rs.getString(1)).doesNotContain("tenant_");
                }
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
    }
}
