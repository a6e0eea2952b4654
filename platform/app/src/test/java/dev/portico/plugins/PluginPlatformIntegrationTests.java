package dev.portico.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.portico.audit.Actor;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugin.api.PolicyRule;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginClassLoader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Plugins as studios use them: loaded from their jars, enabled per studio, configured and audited. */
@DemoStudiosTest
class PluginPlatformIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    TenantPlugins plugins;

    @Autowired
    TenantRegistry registry;

    @Autowired
    JdbcClient jdbc;

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
    void everyFirstPartyPluginIsLoadedFromItsJarThroughPf4j() {
        assertThat(plugins.installed()).extracting(InstalledPlugin::id).contains(
                "notify-dev-inbox", "notify-resend", "notify-webhook", "pay-stripe", "policy-standard");
        assertThat(plugins.installed()).allSatisfy(plugin -> assertThat(plugin.started()).as(plugin.id()).isTrue());
        TenantContext.runAs(serenity, () -> assertThat(plugins.enabled(NotificationChannel.class))
                .allSatisfy(e -> assertThat(e.extension().getClass().getClassLoader()).isInstanceOf(PluginClassLoader.class)));
        assertThat(plugins.installed("pay-stripe").orElseThrow().extensionPoints()).containsExactly("PaymentProvider");
        assertThat(plugins.installed("policy-standard").orElseThrow().extensionPoints()).containsExactly("PolicyRule");
    }

    @Test
    void aStudioSeesOnlyThePluginsItEnabled() {
        TenantContext.runAs(serenity, () -> {
            assertThat(plugins.enabled(NotificationChannel.class)).extracting(EnabledExtension::pluginId).containsExactly("notify-dev-inbox");
            assertThat(plugins.enabled(PolicyRule.class)).extracting(EnabledExtension::pluginId).containsExactly("policy-standard");
            assertThat(plugins.enabled(PaymentProvider.class)).isEmpty();
        });
    }

    @Test
    void enablingAPluginAtOneStudioChangesNothingAtTheOther() {
        Map<String, String> webhook = Map.of("url", "https://hooks.serenity.example/portico", "signingSecret", "whsec-serenity");
        TenantContext.runAs(serenity, () -> plugins.configure("notify-webhook", true, webhook, Actor.system("test")));
        try {
            TenantContext.runAs(serenity, () -> assertThat(plugins.enabled(NotificationChannel.class))
                    .extracting(EnabledExtension::pluginId).contains("notify-webhook"));
            TenantContext.runAs(ironworks, () -> assertThat(plugins.enabled(NotificationChannel.class))
                    .extracting(EnabledExtension::pluginId).doesNotContain("notify-webhook"));
        } finally {
            TenantContext.runAs(serenity, () -> plugins.configure("notify-webhook", false, webhook, Actor.system("test")));
        }
        TenantContext.runAs(serenity, () -> assertThat(plugins.enabled(NotificationChannel.class))
                .extracting(EnabledExtension::pluginId).doesNotContain("notify-webhook"));
    }

    @Test
    void aChangeMadeOnAnotherNodeAppliesWithinTheCacheBound() {
        TenantContext.runAs(ironworks, () -> assertThat(plugins.enabled(PolicyRule.class)).hasSize(1));
        // What another node's admin API would have written.
        jdbc.sql("UPDATE platform.tenant_plugins SET enabled = false WHERE tenant_id = ? AND plugin_id = 'policy-standard'")
                .param(ironworks.id()).update();
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    TenantContext.runAs(ironworks, () -> assertThat(plugins.enabled(PolicyRule.class)).isEmpty()));
        } finally {
            jdbc.sql("UPDATE platform.tenant_plugins SET enabled = true WHERE tenant_id = ? AND plugin_id = 'policy-standard'")
                    .param(ironworks.id()).update();
        }
    }

    @Test
    void devInboxShowsWhatWasSentWithTheLinkAndOnlyAtItsStudio() {
        String to = "inbox-" + UUID.randomUUID() + "@example.com";
        DeliveryResult result = TenantContext.callAs(serenity, () -> plugins.enabled(NotificationChannel.class).getFirst()
                .call("send", (channel, context) -> channel.send(new OutboundMessage("test-" + to, ChannelKind.EMAIL, to,
                        "Your Serenity login link", "Log in: http://serenity.localhost:8080/portal/auth/callback?token=AbC_123-x",
                        null, "en", Map.of()), context)));

        StudioHttp.Response atSerenity = http.get("serenity.localhost", "/api/dev/inbox?to=" + to);
        StudioHttp.Response atIronworks = http.get("ironworks.localhost", "/api/dev/inbox?to=" + to);

        assertThat(result).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(atSerenity.status()).isEqualTo(200);
        assertThat(atSerenity.json().path("items")).hasSize(1);
        assertThat(atSerenity.json().path("items").get(0).path("link").asString())
                .isEqualTo("http://serenity.localhost:8080/portal/auth/callback?token=AbC_123-x");
        assertThat(atSerenity.json().path("items").get(0).path("channel").asString()).isEqualTo("email");
        assertThat(atIronworks.json().path("items")).isEmpty();
    }

    @Test
    void devInboxRefusesAnAddressThatIsNeitherEmailNorPhone() {
        StudioHttp.Response response = http.get("serenity.localhost", "/api/dev/inbox?to=not-an-address");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asString()).isEqualTo("to");
    }

    @Test
    void pluginTablesLiveInEachStudiosOwnSchema() {
        List<String> schemas = jdbc.sql("""
                SELECT table_schema FROM information_schema.tables WHERE table_name = 'notify_dev_inbox_messages' ORDER BY 1
                """).query(String.class).list();

        assertThat(schemas).containsExactly("tenant_ironworks", "tenant_serenity");
    }
}
