package dev.portico.plugins.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.BasicCredentials;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.SettingType;
import dev.portico.plugin.api.SettingsSchema;
import dev.portico.plugin.testkit.Conformance;
import dev.portico.plugin.testkit.PluginTestHost;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plugin's jar, loaded through PF4J, drives the real Twilio SDK against WireMock standing in for
 * api.twilio.com; the operator's endpoint property points the plugin's HTTP transport at it.
 */
class TwilioChannelTests {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    private static final String AUTH_TOKEN = "tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0";
    private static final String FROM = "+15005550006";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final Map<String, String> SETTINGS = Map.of("accountSid", ACCOUNT_SID, "authToken", AUTH_TOKEN,
            "fromNumber", FROM);

    static WireMockServer twilio;
    static PluginTestHost host;
    static NotificationChannel channel;

    @BeforeAll
    static void start() {
        twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        twilio.start();
        // Read when PF4J creates the extension, as the host's JVM would have it from start-up.
        System.setProperty(TwilioChannel.API_BASE_URL_PROPERTY, twilio.baseUrl());
        host = PluginTestHost.forThisModule();
        channel = host.extension(NotificationChannel.class);
    }

    @AfterAll
    static void stop() {
        System.clearProperty(TwilioChannel.API_BASE_URL_PROPERTY);
        if (host != null) {
            host.close();
        }
        if (twilio != null) {
            twilio.stop();
        }
    }

    @BeforeEach
    void forgetEarlierRequests() {
        twilio.resetAll();
    }

    @Test
    void theChannelComesFromThePluginJarAndSendsSmsAndWhatsapp() {
        assertThat(channel.getClass().getClassLoader()).isSameAs(host.pluginClassLoader());
        assertThat(channel.kinds()).containsExactlyInAnyOrder(ChannelKind.SMS, ChannelKind.WHATSAPP);
    }

    @Test
    void settingsSchemaIsWellFormedAndKeepsTheSecretsSecret() {
        Conformance.settingsSchema(host);
        SettingsSchema schema = host.schema();

        assertThat(schema.settings().values()).filteredOn(SettingDescriptor::secret).extracting(SettingDescriptor::key)
                .containsExactlyInAnyOrder("authToken", "apiKeySecret");
        assertThat(schema.settings().values()).filteredOn(SettingDescriptor::required).extracting(SettingDescriptor::key)
                .containsExactlyInAnyOrder("accountSid", "fromNumber");
        assertThat(schema.settings().get("fromNumber").type()).isEqualTo(SettingType.PHONE);
        assertThat(schema.settings().get("statusCallbackUrl").type()).isEqualTo(SettingType.URL);
        assertThat(schema.problems(Map.of("accountSid", ACCOUNT_SID, "fromNumber", "0501234567")))
                .containsOnlyKeys("fromNumber");
    }

    @Test
    void sendsAnSmsAsTwilioFormWithBasicAuthAndReportsTheMessageSid() {
        twilio.stubFor(post(MESSAGES).willReturn(created("SM5ef8732a3c49700934481addd5ce1659")));
        OutboundMessage message = new OutboundMessage("reminder/8812", ChannelKind.SMS, "+971501234567", "Reminder",
                "Yin Yoga tomorrow at 7:00. Reply STOP to opt out.", null, "en", Map.of("event", "reminder"));

        DeliveryResult result = Conformance.channelSend(channel, message, host.context(with(
                "statusCallbackUrl", "https://portal.example/hooks/twilio/status")));

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("SM5ef8732a3c49700934481addd5ce1659"));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials(ACCOUNT_SID, AUTH_TOKEN))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded; charset=UTF-8"))
                .withHeader("I-Twilio-Idempotency-Token", equalTo("reminder/8812"))
                .withFormParam("To", equalTo("+971501234567"))
                .withFormParam("From", equalTo(FROM))
                .withFormParam("Body", equalTo("Yin Yoga tomorrow at 7:00. Reply STOP to opt out."))
                .withFormParam("StatusCallback", equalTo("https://portal.example/hooks/twilio/status")));
    }

    @Test
    void aWhatsappMessageGoesBetweenWhatsappAddressesFromTheWhatsappSender() {
        twilio.stubFor(post(MESSAGES).willReturn(created("SMwhatsapp1")));

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.WHATSAPP, "+971501234567"),
                host.context(with("whatsappFrom", "+14155238886")));

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("SMwhatsapp1"));
        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withFormParam("To", equalTo("whatsapp:+971501234567"))
                .withFormParam("From", equalTo("whatsapp:+14155238886")));
    }

    @Test
    void withoutAWhatsappSenderWhatsappGoesFromTheSmsNumber() {
        twilio.stubFor(post(MESSAGES).willReturn(created("SMwhatsapp2")));

        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.WHATSAPP, "whatsapp:+971501234567"),
                host.context(SETTINGS));

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("SMwhatsapp2"));
        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withFormParam("To", equalTo("whatsapp:+971501234567"))
                .withFormParam("From", equalTo("whatsapp:" + FROM)));
    }

    @Test
    void anApiKeyAuthenticatesInsteadOfTheAuthTokenForTheSameAccount() {
        twilio.stubFor(post(MESSAGES).willReturn(created("SMkey")));
        Map<String, String> settings = Map.of("accountSid", ACCOUNT_SID, "fromNumber", FROM,
                "apiKeySid", "SK00000000000000000000000000000002", "apiKeySecret", "key-secret-1234");

        DeliveryResult result = send(settings);

        assertThat(result).isEqualTo(new DeliveryResult.Delivered("SMkey"));
        twilio.verify(postRequestedFor(urlEqualTo(MESSAGES))
                .withBasicAuth(new BasicCredentials("SK00000000000000000000000000000002", "key-secret-1234")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            no credentials         |                 |                                    | set authToken, or apiKeySid and apiKeySecret
            half an API key        | token-given     | SK00000000000000000000000000000002 | only apiKeySid is set
            """)
    void unusableCredentialsFailPermanentlyWithoutCallingTwilio(String situation, String token, String keySid, String problem) {
        Map<String, String> settings = new HashMap<>(Map.of("accountSid", ACCOUNT_SID, "fromNumber", FROM));
        if (token != null) {
            settings.put("authToken", token);
        }
        if (keySid != null) {
            settings.put("apiKeySid", keySid);
        }

        DeliveryResult result = send(settings);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Permanent.class, permanent -> assertThat(permanent.reason())
                .contains(problem));
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest(name = "{0} error {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            400 | 21211 | The 'To' number +971501234567 is not a valid phone number.
            400 | 21610 | Attempt to send to unsubscribed recipient
            401 | 20003 | Authenticate
            403 | 20003 | Permission Denied
            """)
    void aMessageTwilioRefusesFailsPermanentlyWithTwilioCodeAndMessage(int status, int code, String message) {
        twilio.stubFor(post(MESSAGES).willReturn(error(status, code, message)));

        DeliveryResult result = send(SETTINGS);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Permanent.class, permanent -> assertThat(permanent.reason())
                .contains(Integer.toString(status), Integer.toString(code), message,
                        "https://www.twilio.com/docs/errors/" + code)
                .doesNotContain(AUTH_TOKEN));
    }

    @Test
    void theAuthTokenNeverReachesAReasonEvenWhenTwilioQuotesIt() {
        twilio.stubFor(post(MESSAGES).willReturn(error(401, 20003, "Token " + AUTH_TOKEN + " rejected")));

        DeliveryResult result = send(SETTINGS);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Permanent.class, permanent -> assertThat(permanent.reason())
                .doesNotContain(AUTH_TOKEN).contains("Token " + SettingsSchema.MASK + " rejected"));
    }

    @ParameterizedTest(name = "{0} error {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            429 | 20429 | Too Many Requests
            400 | 21611 | This 'From' number has exceeded the maximum number of queued messages
            500 | 20500 | Internal Server Error
            503 | 20503 | Service Unavailable
            """)
    void aRateLimitAFullQueueOrAnOutageIsRetriedAfterExactlyOneRequest(int status, int code, String message) {
        twilio.stubFor(post(MESSAGES).willReturn(error(status, code, message).withHeader("Retry-After", "7")));

        DeliveryResult result = send(SETTINGS);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> {
            assertThat(retryable.reason()).contains(Integer.toString(status), Integer.toString(code), message);
            assertThat(retryable.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        });
        // Neither the SDK (3 tries on 5xx) nor Apache HttpClient (429, 503) may post the message again by itself.
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void anOutageAnsweredWithoutJsonIsRetriedByItsHttpStatus() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(502)
                .withHeader("Content-Type", "text/html").withBody("<html><body>Bad gateway</body></html>")));

        DeliveryResult result = send(SETTINGS);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> assertThat(retryable.reason())
                .startsWith("Twilio answered 502"));
    }

    @Test
    void aDroppedConnectionIsRetried() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        DeliveryResult result = send(SETTINGS);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> assertThat(retryable.reason())
                .startsWith("Twilio could not be reached"));
    }

    @Test
    void anAnswerSlowerThanTheTenSecondResponseTimeoutIsRetried() {
        twilio.stubFor(post(MESSAGES).willReturn(created("SMlate").withFixedDelay(11_000)));
        long started = System.nanoTime();

        DeliveryResult result = send(SETTINGS);

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> assertThat(retryable.reason())
                .contains("SocketTimeoutException"));
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11));
    }

    @Test
    void anEmailIsRefusedWithoutCallingTwilio() {
        DeliveryResult result = channel.send(Conformance.sampleMessage(ChannelKind.EMAIL, "ada@example.com"), host.context(SETTINGS));

        assertThat(result).isInstanceOf(DeliveryResult.Permanent.class);
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    private static DeliveryResult send(Map<String, String> settings) {
        return Conformance.channelSend(channel, Conformance.sampleMessage(ChannelKind.SMS, "+971501234567"),
                host.context(settings));
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put(key, value);
        return settings;
    }

    private static ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"sid": "%s", "account_sid": "%s", "from": "%s", "to": "+971501234567", "status": "queued",
                 "direction": "outbound-api", "api_version": "2010-04-01", "num_segments": "1"}""".formatted(sid, ACCOUNT_SID, FROM));
    }

    private static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
                .formatted(code, message, code, status));
    }
}
