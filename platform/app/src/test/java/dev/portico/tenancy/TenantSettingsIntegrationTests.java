package dev.portico.tenancy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.portico.support.DemoStudiosTest;
import dev.portico.web.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.json.JsonMapper;

/**
 * Live config edits: this node serves a change at once, another node within the registry's cache bound
 * ({@code portico.tenancy.cache-ttl}) and not before it has to; a failed change leaves the row as it was.
 */
@DemoStudiosTest
class TenantSettingsIntegrationTests {

    @Autowired
    TenantSettings settings;

    @Autowired
    TenantRegistry registry;

    @Autowired
    TenantProvisioning provisioning;

    @Autowired
    TenantConfigReader reader;

    @Autowired
    PlatformJdbc platform;

    @Autowired
    JsonMapper json;

    @Autowired
    TenancyProperties properties;

    @Test
    void aChangeIsServedHereAtOnceAndOnAnotherNodeWithinTheCacheBound() {
        Tenant spruce = provisioning.provision(reader.read("spruce.yaml", "slug: spruce\nname: Spruce\ncurrency: AED\n").config(), "test")
                .orElseThrow();
        Duration bound = Duration.ofMillis(700);
        TenantRegistry otherNode = new TenantRegistry(platform, json, new TenancyProperties(properties.baseDomain(),
                properties.defaultPublicBaseUrl(), properties.tenantConfigDir(), new TenancyProperties.Tuning(1, bound, null)));
        assertThat(otherNode.findByHost("spruce.localhost").orElseThrow().config().name()).isEqualTo("Spruce");
        assertThat(settings.visibleEverywhereWithin()).isEqualTo(properties.tenancy().cacheTtl()).isEqualTo(Duration.ofSeconds(30));

        List<TenantSettings.Change> audited = new ArrayList<>();
        TenantContext.runAs(spruce, () -> {
            long version = settings.current().version();
            settings.update(version, c -> rename(c, "Spruce & Pine"), "", "configuration", audited::add);
        });
        long changedAt = System.nanoTime();

        assertThat(audited).singleElement().satisfies(change -> {
            assertThat(change.before().name()).isEqualTo("Spruce");
            assertThat(change.after().name()).isEqualTo("Spruce & Pine");
        });
        assertThat(registry.findByHost("spruce.localhost").orElseThrow().config().name()).isEqualTo("Spruce & Pine");
        String seenByOtherNode = otherNode.findByHost("spruce.localhost").orElseThrow().config().name();
        if (System.nanoTime() - changedAt < bound.toNanos()) {
            assertThat(seenByOtherNode).isEqualTo("Spruce");
        }
        // Within the cache bound (plus a little scheduling slack), the other node serves the change.
        await().atMost(bound.plusMillis(500)).until(
                () -> otherNode.findByHost("spruce.localhost").orElseThrow().config().name().equals("Spruce & Pine"));
    }

    @Test
    void aStaleOrInvalidChangeLeavesTheStudioAsItWas() {
        Tenant aspen = provisioning.provision(reader.read("aspen.yaml", "slug: aspen\nname: Aspen\ncurrency: AED\n").config(), "test")
                .orElseThrow();
        TenantContext.runAs(aspen, () -> {
            long version = settings.current().version();
            assertThatThrownBy(() -> settings.update(version + 1, c -> rename(c, "Stale"), "", "configuration", change -> {}))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("VERSION_CONFLICT"));
            assertThatThrownBy(() -> settings.update(version, c -> rename(c, ""), "", "configuration", change -> {}))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(ApiException.FieldProblem::field)
                            .containsExactly("name"));
            assertThatThrownBy(() -> settings.update(version, c -> rename(c, "Audit fails"), "", "configuration", change -> {
                throw new IllegalStateException("audit failed");
            })).isInstanceOf(IllegalStateException.class);
            assertThat(settings.current().version()).isEqualTo(version);
            assertThat(settings.current().config().name()).isEqualTo("Aspen");
        });
        assertThat(registry.findByHost("aspen.localhost").orElseThrow().config().name()).isEqualTo("Aspen");
    }

    private static TenantConfig rename(TenantConfig c, String name) {
        return new TenantConfig(c.slug(), name, c.domains(), c.publicBaseUrl(), c.timezone(), c.locale(), c.locales(), c.currency(),
                c.loginChannels(), c.loginLinkMinutes(), c.theme(), c.policies(), c.notifications(), c.templates(), c.plugins(), c.demo(),
                c.placement());
    }
}
