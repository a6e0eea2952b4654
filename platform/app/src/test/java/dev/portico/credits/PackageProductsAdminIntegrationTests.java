package dev.portico.credits;

import static dev.portico.credits.CustomerPackagesAdminIntegrationTests.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The packages a studio sells, managed by its owner over real HTTP; the front desk may only read them. */
@DemoStudiosTest
class PackageProductsAdminIntegrationTests {

    static final String SERENITY = "serenity.localhost";
    static final String IRONWORKS = "ironworks.localhost";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens tokens;

    StudioHttp http;
    String owner;
    String desk;

    @BeforeEach
    void logIn() {
        http = new StudioHttp(port);
        owner = http.adminToken(SERENITY, "owner@serenity.example", "serenity-demo");
        desk = http.adminToken(SERENITY, "desk@serenity.example", "serenity-demo");
    }

    @Test
    void theOwnerCreatesEditsAndTakesAProductOffSale() {
        UUID service = jdbc.sql("SELECT id FROM tenant_serenity.services WHERE kind = 'CLASS' ORDER BY name LIMIT 1").query(UUID.class).single();
        String name = "Test pack " + UUID.randomUUID().toString().substring(0, 6);

        StudioHttp.Response created = http.json("POST", SERENITY, "/api/admin/package-products", owner, "{\"name\":\"" + name
                + "\",\"credits\":8,\"validityDays\":60,\"priceMinor\":40000,\"serviceIds\":[\"" + service + "\"]}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode product = created.json();
        String id = product.path("id").asString();
        assertThat(product.path("currency").asString()).as("the studio's").isEqualTo("AED");
        assertThat(product.path("onSale").asBoolean()).isTrue();
        assertThat(product.path("serviceIds").get(0).asString()).isEqualTo(service.toString());
        assertThat(product.path("version").asLong()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.audit_logs WHERE action = 'package_product.created' AND target_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(1);
        assertThat(portalOffers(name)).isTrue();

        StudioHttp.Response edited = http.json("PUT", SERENITY, "/api/admin/package-products/" + id, owner, "{\"name\":\"" + name
                + "\",\"credits\":10,\"validityDays\":60,\"priceMinor\":45000,\"serviceIds\":[],\"version\":0}");
        assertThat(edited.status()).as(edited.body()).isEqualTo(200);
        assertThat(edited.json().path("credits").asInt()).isEqualTo(10);
        assertThat(edited.json().path("serviceIds").size()).isZero();
        assertThat(edited.json().path("version").asLong()).isEqualTo(1);
        String diff = jdbc.sql("SELECT cast(details AS text) FROM tenant_serenity.audit_logs WHERE action = 'package_product.updated' AND target_id = ?")
                .param(id).query(String.class).single();
        assertThat(diff).contains("credits", "priceMinor", "serviceIds").doesNotContain("validityDays", "\"name\"");

        StudioHttp.Response stale = http.json("PUT", SERENITY, "/api/admin/package-products/" + id, owner, "{\"name\":\"Other\","
                + "\"credits\":1,\"validityDays\":1,\"priceMinor\":1,\"version\":0}");
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().path("code").asString()).isEqualTo("VERSION_CONFLICT");
        assertThat(stale.json().path("detail").asString()).isEqualTo("This package product was changed by someone else. Reload it and try again.");

        StudioHttp.Response off = http.json("POST", SERENITY, "/api/admin/package-products/" + id + "/deactivate", owner, null);
        assertThat(off.status()).isEqualTo(200);
        assertThat(off.json().path("onSale").asBoolean()).isFalse();
        assertThat(portalOffers(name)).isFalse();
        assertThat(names("?onSale=false")).contains(name);
        assertThat(names("?onSale=true")).doesNotContain(name);
    }

    @Test
    void theFrontDeskReadsButMayNotChangeProducts() {
        assertThat(http.json("GET", SERENITY, "/api/admin/package-products", desk, null).status()).isEqualTo(200);
        StudioHttp.Response create = http.json("POST", SERENITY, "/api/admin/package-products", desk,
                "{\"name\":\"Desk pack\",\"credits\":8,\"validityDays\":60,\"priceMinor\":40000}");
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.json().path("code").asString()).isEqualTo("FORBIDDEN");
        UUID existing = jdbc.sql("SELECT id FROM tenant_serenity.package_products ORDER BY name LIMIT 1").query(UUID.class).single();
        assertThat(http.json("POST", SERENITY, "/api/admin/package-products/" + existing + "/deactivate", desk, null).status()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM tenant_serenity.package_products WHERE name = 'Desk pack'").query(Long.class).single()).isZero();
    }

    @Test
    void badInputIsRefusedFieldByField() {
        StudioHttp.Response bad = http.json("POST", SERENITY, "/api/admin/package-products", owner,
                "{\"name\":\"\",\"credits\":0,\"validityDays\":-1,\"priceMinor\":-5,\"currency\":\"aed\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("code").asString()).isEqualTo("VALIDATION_FAILED");
        assertThat(fields(bad)).containsExactlyInAnyOrder("name", "credits", "validityDays", "priceMinor", "currency");

        StudioHttp.Response unknownService = http.json("POST", SERENITY, "/api/admin/package-products", owner,
                "{\"name\":\"Pack\",\"credits\":1,\"validityDays\":1,\"priceMinor\":1,\"serviceIds\":[\"" + UUID.randomUUID() + "\"]}");
        assertThat(unknownService.status()).isEqualTo(400);
        assertThat(fields(unknownService)).containsExactly("serviceIds[0]");

        UUID existing = jdbc.sql("SELECT id FROM tenant_serenity.package_products ORDER BY name LIMIT 1").query(UUID.class).single();
        StudioHttp.Response noVersion = http.json("PUT", SERENITY, "/api/admin/package-products/" + existing, owner,
                "{\"name\":\"Pack\",\"credits\":1,\"validityDays\":1,\"priceMinor\":1}");
        assertThat(noVersion.status()).isEqualTo(400);
        assertThat(fields(noVersion)).containsExactly("version");
    }

    @Test
    void productsPageByNameAndStayInTheirStudio() {
        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = http.json("GET", SERENITY, "/api/admin/package-products?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), desk, null).json();
            page.path("items").forEach(item -> all.add(item.path("name").asString()));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asString() : null;
        } while (cursor != null);
        List<String> stored = jdbc.sql("SELECT name FROM tenant_serenity.package_products ORDER BY lower(name), id").query(String.class).list();
        assertThat(all).containsAll(stored.subList(0, Math.min(stored.size(), 2)));
        assertThat(all).hasSizeGreaterThanOrEqualTo(2).doesNotHaveDuplicates();

        UUID ironworksProduct = jdbc.sql("SELECT id FROM tenant_ironworks.package_products LIMIT 1").query(UUID.class).single();
        assertThat(http.json("GET", SERENITY, "/api/admin/package-products/" + ironworksProduct, owner, null).status()).isEqualTo(404);
        assertThat(http.json("POST", SERENITY, "/api/admin/package-products/" + ironworksProduct + "/deactivate", owner, null).status())
                .isEqualTo(404);
        assertThat(http.json("GET", IRONWORKS, "/api/admin/package-products", owner, null).status()).isEqualTo(401);
    }

    private boolean portalOffers(String name) {
        List<String> names = new ArrayList<>();
        String maya = tokens.issue(Audience.CUSTOMER, "serenity", "5e000010-0000-4000-8000-000000000001", Duration.ofMinutes(5),
                Map.of("role", "CUSTOMER")).value();
        http.json("GET", SERENITY, "/api/client-portal/package-products", maya, null).json().path("items").forEach(item -> names.add(item.path("name").asString()));
        return names.contains(name);
    }

    private List<String> names(String query) {
        List<String> names = new ArrayList<>();
        http.json("GET", SERENITY, "/api/admin/package-products" + query + (query.contains("?") ? "&" : "?") + "limit=200", desk, null)
                .json().path("items").forEach(item -> names.add(item.path("name").asString()));
        return names;
    }
}
