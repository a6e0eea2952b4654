package dev.portico.plugins.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.PluginSettings;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.SettingType;
import dev.portico.plugin.api.SettingsSchema;
import dev.portico.plugin.testkit.Conformance;
import dev.portico.plugin.testkit.PluginTestHost;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The webhook channel as the host runs it: loaded through PF4J, posting to a studio's endpoint on a local port. */
class WebhookChannelTests {

    private static final String SECRET = "whsec_serenity_test";
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static PluginTestHost host;
    private static NotificationChannel channel;

    private StubReceiver receiver;

    @BeforeAll
    static void loadPlugin() {
        host = PluginTestHost.forThisModule();
        channel = host.extension(NotificationChannel.class);
    }

    @AfterAll
    static void unloadPlugin() {
        host.close();
    }

    @BeforeEach
    void startReceiver() {
        receiver = new StubReceiver();
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void loadsThroughPf4jAsNotifyWebhook() {
        assertThat(host.pluginId()).isEqualTo("notify-webhook");
        assertThat(channel.getClass().getClassLoader()).isSameAs(host.pluginClassLoader());
        assertThat(channel.kinds()).containsExactlyInAnyOrder(ChannelKind.EMAIL, ChannelKind.SMS, ChannelKind.WHATSAPP);
    }

    @Test
    void postsTheMessageAsJson() {
        OutboundMessage message = new OutboundMessage("msg-42", ChannelKind.EMAIL, "maya@example.com",
                "Class \"Vinyasa\" moved", "Hi Maya,\nsee you at 18:00 \u2014 bring water.\t\\o/ \u0001 \u0645\u0631\u062d\u0628\u0627",
                "<p>Hi Maya</p>", "en", Map.of("event", "appointment.rescheduled", "customerId", "c-7"));

        channel.send(message, studio());

        StubReceiver.Received request = receiver.onlyRequest();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/portico");
        assertThat(request.headers()).containsEntry("content-type", "application/json");
        assertThat(request.body()).isEqualTo("{"
                + "\"idempotencyKey\":\"msg-42\","
                + "\"kind\":\"EMAIL\","
                + "\"to\":\"maya@example.com\","
                + "\"subject\":\"Class \\\"Vinyasa\\\" moved\","
                + "\"text\":\"Hi Maya,\\nsee you at 18:00 \u2014 bring water.\\t\\\\o/ \\u0001 \u0645\u0631\u062d\u0628\u0627\","
                + "\"html\":\"<p>Hi Maya</p>\","
                + "\"locale\":\"en\","
                + "\"metadata\":{\"customerId\":\"c-7\",\"event\":\"appointment.rescheduled\"},"
                + "\"tenant\":\"test-studio\","
                + "\"sentAt\":\"2026-12-01T10:00:00Z\"}");
    }

    @Test
    void sendsNullHtmlAndEmptyMetadataAsSuch() {
        OutboundMessage message = new OutboundMessage("msg-43", ChannelKind.SMS, "+971501234567", "Reminder",
                "Vinyasa tomorrow at 07:00", null, "ar", Map.of());

        channel.send(message, studio());

        assertThat(receiver.onlyRequest().body())
                .contains("\"kind\":\"SMS\"", "\"html\":null", "\"locale\":\"ar\"", "\"metadata\":{}");
    }

    @Test
    void signsTimestampAndBodyWithTheStudiosSecret() throws Exception {
        channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"), studio());

        StubReceiver.Received request = receiver.onlyRequest();
        String timestamp = request.headers().get("x-portico-timestamp");
        assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
        assertThat(request.headers().get("x-portico-signature"))
                .isEqualTo("v1=" + hmacSha256Hex(SECRET, timestamp + "." + request.body()));
        assertThat(request.headers().get("x-portico-signature"))
                .isNotEqualTo("v1=" + hmacSha256Hex("another-secret", timestamp + "." + request.body()));
    }

    @Test
    void everyAttemptAtOneMessageCarriesItsIdempotencyKey() {
        OutboundMessage message = Conformance.sampleMessage(ChannelKind.WHATSAPP, "+971501234567");
        receiver.answers(503, Map.of());

        channel.send(message, studio());
        channel.send(message, studio());

        assertThat(receiver.received()).hasSize(2)
                .allSatisfy(request -> assertThat(request.headers())
                        .containsEntry("x-portico-event-id", message.idempotencyKey()));
    }

    @Test
    void okIsDeliveredUnderTheReceiversRequestId() {
        receiver.answers(200, Map.of("X-Request-Id", "rcv-981"));

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"), studio());

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("rcv-981"));
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 202, 204})
    void successWithoutARequestIdIsDeliveredUnderTheIdempotencyKey(int status) {
        receiver.answers(status, Map.of());

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.SMS, "+971501234567"), studio());

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("conformance-sms"));
    }

    @ParameterizedTest
    @ValueSource(ints = {408, 429, 500, 502, 503})
    void transientAnswersAreRetried(int status) {
        receiver.answers(status, Map.of());

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"), studio());

        assertThat(result).isEqualTo(new DeliveryResult.Retryable("webhook answered HTTP " + status, null));
    }

    @ParameterizedTest
    @CsvSource({"503, 7, PT7S", "429, ' 120 ', PT2M", "503, 'Wed, 21 Oct 2026 07:28:00 GMT', ", "500, -1, "})
    void retryHonoursTheReceiversRetryAfterSeconds(int status, String retryAfter, Duration expected) {
        receiver.answers(status, Map.of("Retry-After", retryAfter));

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"), studio());

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class,
                retryable -> assertThat(retryable.retryAfter()).isEqualTo(expected));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 410, 422, 301})
    void otherAnswersArePermanent(int status) {
        receiver.answers(status, Map.of("Location", "http://elsewhere.example/"));

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"), studio());

        assertThat(result).isEqualTo(new DeliveryResult.Permanent("webhook answered HTTP " + status));
        assertThat(receiver.received()).hasSize(1);
    }

    @Test
    void slowReceiverIsRetriedOnceTheTimeoutPasses() {
        receiver.delays(Duration.ofSeconds(5));
        long started = System.nanoTime();

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"),
                studio(Map.of("timeout", "PT0.5S")));

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
        assertThat(result).isEqualTo(new DeliveryResult.Retryable("webhook did not answer within PT0.5S", null));
    }

    @Test
    void unreachableReceiverIsRetried() {
        ExtensionContext context = studio();
        receiver.close();

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"), context);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class,
                retryable -> assertThat(retryable.reason()).startsWith("webhook unreachable"));
    }

    @Test
    void unusableUrlIsPermanentAndNotQuoted() {
        // The host validates settings before calling; this context skips that to show the plugin still answers.
        ExtensionContext resolved = withSettings(studio(), Map.of("url", "not a url?token=s3cret", "signingSecret", SECRET));

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"), resolved);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Permanent.class,
                permanent -> assertThat(permanent.reason()).doesNotContain("s3cret"));
    }

    @ParameterizedTest
    @CsvSource({"EMAIL, maya@example.com", "SMS, +971501234567", "WHATSAPP, +971501234567"})
    void keepsTheChannelContractForEveryKind(ChannelKind kind, String to) {
        DeliveryResult result = Conformance.channelSend(channel, Conformance.sampleMessage(kind, to), studio());

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("conformance-" + kind.name().toLowerCase()));
        assertThat(receiver.onlyRequest().body()).contains("\"kind\":\"" + kind + "\"", "\"to\":\"" + to + "\"");
    }

    @Test
    void keepsTheChannelContractWhenTheReceiverIsDown() {
        ExtensionContext context = studio();
        receiver.close();

        DeliveryResult result = Conformance.channelSend(channel,
                Conformance.sampleMessage(ChannelKind.EMAIL, "maya@example.com"), context);

        assertThat(result).isInstanceOf(DeliveryResult.Retryable.class);
    }

    @Test
    void settingsSchemaIsWellFormed() {
        Conformance.settingsSchema(host);

        SettingsSchema schema = host.schema();
        assertThat(schema.settings().keySet()).containsExactly("url", "signingSecret", "timeout");
        assertThat(schema.settings().get("url")).extracting(SettingDescriptor::type, SettingDescriptor::required)
                .containsExactly(SettingType.URL, true);
        assertThat(schema.settings().get("signingSecret")).extracting(SettingDescriptor::secret,
                SettingDescriptor::required, SettingDescriptor::defaultValue).containsExactly(true, true, null);
        assertThat(schema.settings().get("timeout")).extracting(SettingDescriptor::type, SettingDescriptor::defaultValue)
                .containsExactly(SettingType.DURATION, "PT5S");
    }

    @Test
    void hostRefusesMissingOrMalformedSettingsAndMasksTheSecret() {
        SettingsSchema schema = host.schema();

        assertThat(schema.problems(Map.of())).containsOnlyKeys("url", "signingSecret");
        assertThat(schema.problems(Map.of("url", "ftp://studio.example", "signingSecret", SECRET, "timeout", "10s")))
                .containsOnlyKeys("url", "timeout");
        assertThat(schema.problems(Map.of("url", receiver.url(), "signingSecret", "${SERENITY_WEBHOOK_SECRET}")))
                .isEmpty();
        assertThat(schema.masked(Map.of("url", receiver.url(), "signingSecret", SECRET)))
                .containsEntry("signingSecret", SettingsSchema.MASK);
    }

    private ExtensionContext studio() {
        return studio(Map.of());
    }

    private ExtensionContext studio(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(Map.of("url", receiver.url(), "signingSecret", SECRET));
        settings.putAll(overrides);
        return host.context(settings, CLOCK, null);
    }

    /** The context the host builds once it has resolved {@code ${ENV_VAR}} references to {@code resolved}. */
    private static ExtensionContext withSettings(ExtensionContext context, Map<String, String> resolved) {
        PluginSettings settings = host.schema().apply(resolved);
        return new ExtensionContext() {
            @Override
            public String tenant() {
                return context.tenant();
            }

            @Override
            public PluginSettings settings() {
                return settings;
            }

            @Override
            public Clock clock() {
                return context.clock();
            }

            @Override
            public DataSource storage() {
                return context.storage();
            }
        };
    }

    /** Computed here, independently of the plugin, the way a receiver would. */
    private static String hmacSha256Hex(String secret, String payload) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    }
}
