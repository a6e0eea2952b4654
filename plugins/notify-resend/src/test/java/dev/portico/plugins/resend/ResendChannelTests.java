package dev.portico.plugins.resend;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.SettingType;
import dev.portico.plugin.api.SettingsSchema;
import dev.portico.plugin.testkit.Conformance;
import dev.portico.plugin.testkit.PluginTestHost;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The plugin's jar, loaded through PF4J, drives the real Resend SDK against a local stand-in for api.resend.com. */
class ResendChannelTests {

    private static final String API_KEY = "re_test_Zk3v9Q2mL8xTnB4w";
    private static final String FROM = "Lotus Yoga <hello@lotus.example>";
    private static final Map<String, String> SETTINGS = Map.of("apiKey", API_KEY, "from", FROM);

    @TempDir
    static Path workDir;

    static ResendApiStub resend;
    static PluginTestHost host;
    static NotificationChannel channel;

    @BeforeAll
    static void start() throws Exception {
        resend = ResendApiStub.start(workDir);
        host = PluginTestHost.forThisModule();
        channel = host.extension(NotificationChannel.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (host != null) {
            host.close();
        }
        if (resend != null) {
            resend.close();
        }
    }

    @BeforeEach
    void forgetEarlierRequests() {
        resend.server().resetAll();
    }

    @Test
    void theChannelComesFromThePluginJarAndSendsEmail() {
        assertThat(channel.getClass().getClassLoader()).isSameAs(host.pluginClassLoader());
        assertThat(channel.kinds()).containsExactly(ChannelKind.EMAIL);
    }

    @Test
    void settingsSchemaIsWellFormedAndKeepsTheApiKeySecret() {
        Conformance.settingsSchema(host);
        SettingsSchema schema = host.schema();

        assertThat(schema.settings().get("apiKey")).extracting(SettingDescriptor::required, SettingDescriptor::secret)
                .containsExactly(true, true);
        assertThat(schema.settings().get("from")).extracting(SettingDescriptor::type, SettingDescriptor::required)
                .containsExactly(SettingType.STRING, true);
        assertThat(schema.settings().get("replyTo")).extracting(SettingDescriptor::type, SettingDescriptor::required)
                .containsExactly(SettingType.EMAIL, false);
        assertThat(schema.problems(Map.of())).containsOnlyKeys("apiKey", "from");
        assertThat(schema.masked(SETTINGS)).containsEntry("apiKey", SettingsSchema.MASK).containsEntry("from", FROM);
    }

    @Test
    void sendsTheEmailToResendWithTheMessagesIdempotencyKeyAndReportsResendsId() {
        resend.server().stubFor(post("/emails").willReturn(okJson("{\"id\":\"49a3999c-0ce1-4ea6-ab68-afcd6dc2e794\"}")));
        OutboundMessage message = new OutboundMessage("booking-confirmed/7f3c", ChannelKind.EMAIL, "ada@example.com",
                "Your class is booked", "See you on Monday at 7:00.", "<p>See you on <b>Monday</b> at 7:00.</p>", "en",
                Map.of("event", "booking.confirmed", "customerId", "cus 42/a"));

        DeliveryResult result = Conformance.channelSend(channel, message,
                host.context(Map.of("apiKey", API_KEY, "from", FROM, "replyTo", "desk@lotus.example")));

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("49a3999c-0ce1-4ea6-ab68-afcd6dc2e794"));
        assertThat(resend.tunnelledTo()).contains("api.resend.com:443");
        resend.server().verify(1, postRequestedFor(urlEqualTo("/emails"))
                .withHost(equalTo("api.resend.com"))
                .withHeader("Authorization", equalTo("Bearer " + API_KEY))
                .withHeader("Idempotency-Key", equalTo("booking-confirmed/7f3c"))
                .withHeader("Content-Type", equalTo("application/json; charset=utf-8"))
                .withRequestBody(equalToJson("""
                        {
                          "from": "Lotus Yoga <hello@lotus.example>",
                          "to": ["ada@example.com"],
                          "subject": "Your class is booked",
                          "text": "See you on Monday at 7:00.",
                          "html": "<p>See you on <b>Monday</b> at 7:00.</p>",
                          "reply_to": ["desk@lotus.example"],
                          "tags": [
                            {"name": "customerId", "value": "cus_42_a"},
                            {"name": "event", "value": "booking_confirmed"}
                          ]
                        }""")));
    }

    @Test
    void aPlainTextMessageGoesWithoutHtmlOrReplyTo() {
        resend.server().stubFor(post("/emails").willReturn(okJson("{\"id\":\"plain-1\"}")));

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "ada@example.com"),
                host.context(SETTINGS));

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("plain-1"));
        resend.server().verify(postRequestedFor(urlEqualTo("/emails")).withRequestBody(equalToJson("""
                {
                  "from": "Lotus Yoga <hello@lotus.example>",
                  "to": ["ada@example.com"],
                  "subject": "Your login link",
                  "text": "Tap to log in: https://studio.example/portal/auth/callback?token=abc",
                  "tags": [{"name": "event", "value": "conformance"}]
                }""")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            422 | validation_error           | Invalid `to` field. The email address needs to follow the `email@example.com` format.
            403 | validation_error           | The lotus.example domain is not verified. Please, add and verify your domain.
            401 | missing_api_key            | Missing API key in the authorization header.
            400 | invalid_idempotency_key    | The key must be between 1-256 chars.
            409 | invalid_idempotent_request | Same idempotency key used with a different request payload.
            """)
    void anEmailResendRefusesFailsPermanentlyWithResendsReason(int status, String name, String message) {
        resend.server().stubFor(post("/emails").willReturn(error(status, name, message)));

        DeliveryResult result = send();

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Permanent.class, permanent -> assertThat(permanent.reason())
                .contains(Integer.toString(status), name, message));
    }

    @Test
    void theApiKeyNeverReachesAReasonEvenWhenResendQuotesIt() {
        resend.server().stubFor(post("/emails").willReturn(error(403, "invalid_api_key", "API key " + API_KEY + " is invalid.")));

        DeliveryResult result = send();

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Permanent.class, permanent -> assertThat(permanent.reason())
                .doesNotContain(API_KEY).contains("API key " + SettingsSchema.MASK + " is invalid."));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            429 | rate_limit_exceeded            | Too many requests. You can only make 2 requests per second.
            429 | daily_quota_exceeded           | You have reached your daily email sending quota.
            500 | internal_server_error          | An unexpected error occurred.
            503 | service_unavailable            | Service unavailable.
            409 | concurrent_idempotent_requests | Same idempotency key used while original request is still in progress.
            """)
    void aRateLimitAnOutageOrAnUnfinishedFirstAttemptIsRetried(int status, String name, String message) {
        resend.server().stubFor(post("/emails").willReturn(error(status, name, message)));

        DeliveryResult result = send();

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> assertThat(retryable.reason())
                .contains(Integer.toString(status), message));
    }

    @Test
    void aDroppedConnectionIsRetried() {
        resend.server().stubFor(post("/emails").willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        DeliveryResult result = send();

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> assertThat(retryable.reason())
                .startsWith("Resend could not be reached"));
    }

    @Test
    void anAnswerSlowerThanTheSdksTenSecondTimeoutIsRetried() {
        // The SDK offers no timeout setting: its OkHttp client gives up reading after OkHttp's default 10 seconds.
        resend.server().stubFor(post("/emails").willReturn(okJson("{\"id\":\"too-late\"}").withFixedDelay(11_000)));
        long started = System.nanoTime();

        DeliveryResult result = send();

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> assertThat(retryable.reason())
                .contains("SocketTimeoutException"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    }

    @Test
    void aRetryAfterAnOutageCarriesTheSameIdempotencyKeySoResendSendsOnce() {
        resend.server().stubFor(post("/emails").inScenario("outage").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(error(500, "internal_server_error", "An unexpected error occurred.")).willSetStateTo("recovered"));
        resend.server().stubFor(post("/emails").inScenario("outage").whenScenarioStateIs("recovered")
                .willReturn(okJson("{\"id\":\"after-retry\"}")));
        OutboundMessage message = Conformance.sampleMessage(ChannelKind.EMAIL, "ada@example.com");

        DeliveryResult first = channel.send(message, host.context(SETTINGS));
        DeliveryResult second = channel.send(message, host.context(SETTINGS));

        assertThat(first).isInstanceOf(DeliveryResult.Retryable.class);
        assertThat(second).isEqualTo(new DeliveryResult.Delivered("after-retry"));
        resend.server().verify(2, postRequestedFor(urlEqualTo("/emails"))
                .withHeader("Idempotency-Key", equalTo(message.idempotencyKey())));
    }

    @Test
    void aMessageForAnotherKindIsRefusedWithoutCallingResend() {
        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.SMS, "+971501234567"), host.context(SETTINGS));

        assertThat(result).isInstanceOf(DeliveryResult.Permanent.class);
        assertThat(resend.server().getAllServeEvents()).isEmpty();
    }

    private static DeliveryResult send() {
        return Conformance.channelSend(channel, Conformance.sampleMessage(ChannelKind.EMAIL, "ada@example.com"),
                host.context(SETTINGS));
    }

    private static ResponseDefinitionBuilder error(int status, String name, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"statusCode\":" + status + ",\"name\":\"" + name + "\",\"message\":\"" + message.replace("\"", "\\\"") + "\"}");
    }
}
