package dev.portico.notifications;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.portico.audit.Actor;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugins.TenantPlugins;
import dev.portico.support.DemoStudiosTest;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Durable delivery through a real channel plugin (notify-webhook) against a provider that fails: retried with
 * back-off until delivered, dead-lettered with the reason when it will never work, never duplicated.
 */
@DemoStudiosTest
@TestPropertySource(properties = {"portico.notifications.first-retry=1s", "portico.jobs.polling-interval=1s"})
class DeliveryIntegrationTests {

    @Autowired
    Messages messages;

    @Autowired
    MessageDelivery delivery;

    @Autowired
    TenantPlugins plugins;

    @Autowired
    TenantRegistry registry;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcClient jdbc;

    WireMockServer provider;
    Tenant serenity;

    @BeforeEach
    void useTheWebhookChannel() {
        provider = new WireMockServer(options().dynamicPort());
        provider.start();
        serenity = registry.findBySlug("serenity").orElseThrow();
        TenantContext.runAs(serenity, () -> {
            plugins.configure("notify-dev-inbox", false, Map.of(), Actor.system("test"));
            plugins.configure("notify-webhook", true, Map.of("url", "http://127.0.0.1:" + provider.port() + "/hook",
                    "signingSecret", "whsec-test", "timeout", "PT2S"), Actor.system("test"));
        });
    }

    @AfterEach
    void restore() {
        TenantContext.runAs(serenity, () -> {
            plugins.configure("notify-webhook", false, Map.of(), Actor.system("test"));
            plugins.configure("notify-dev-inbox", true, Map.of(), Actor.system("test"));
        });
        provider.stop();
    }

    @Test
    void aProviderOutageIsRetriedUntilDeliveredWithOneIdempotencyKey() {
        provider.stubFor(post("/hook").inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        provider.stubFor(post("/hook").inScenario("outage").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withHeader("X-Request-Id", "hook-1")));

        UUID id = enqueue("outage@example.com");

        await().atMost(Duration.ofSeconds(20)).until(() -> status(id).startsWith("SENT"));
        assertThat(status(id)).isEqualTo("SENT/2/hook-1");
        provider.verify(2, postRequestedFor(urlEqualTo("/hook")).withHeader("X-Portico-Event-Id", equalTo(id.toString())));
    }

    @Test
    void aPermanentFailureIsDeadLetteredWithTheReason() {
        provider.stubFor(post("/hook").willReturn(aResponse().withStatus(400)));

        UUID id = enqueue("refused@example.com");

        await().atMost(Duration.ofSeconds(15)).until(() -> status(id).startsWith("DEAD"));
        assertThat(jdbc.sql("SELECT last_error FROM tenant_serenity.outbound_messages WHERE id = ?").param(id).query(String.class).single())
                .contains("400");
        provider.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }

    @Test
    void aMessageAlreadySentIsNeverSentAgainWhenItsJobRunsTwice() {
        provider.stubFor(post("/hook").willReturn(aResponse().withStatus(200)));
        UUID id = enqueue("once@example.com");
        await().atMost(Duration.ofSeconds(15)).until(() -> status(id).startsWith("SENT"));

        // A node that died after sending comes back and runs the job again.
        delivery.deliver("serenity:" + id);

        provider.verify(1, postRequestedFor(urlEqualTo("/hook")));
    }

    private UUID enqueue(String to) {
        return TenantContext.callAs(serenity, () -> transactions.execute(status -> messages.enqueue(new OutgoingMessage(
                "test.delivery", null, ChannelKind.EMAIL, to, "Hello", "Body", null, "en"))));
    }

    private String status(UUID id) {
        return jdbc.sql("SELECT status || '/' || attempts || coalesce('/' || provider_message_id, '') FROM tenant_serenity.outbound_messages WHERE id = ?")
                .param(id).query(String.class).single();
    }
}
