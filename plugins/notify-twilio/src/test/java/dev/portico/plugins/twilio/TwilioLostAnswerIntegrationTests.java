package dev.portico.plugins.twilio;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.testkit.Conformance;
import dev.portico.plugin.testkit.PluginTestHost;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Twilio has no idempotency key for messages, so the plugin keeps its own record of attempts in the studio's schema
 * and, when an earlier attempt's answer was lost, asks Twilio's message list before sending again. The plugin's jar
 * runs through PF4J with its migrations applied to an embedded PostgreSQL, the real SDK against WireMock.
 */
class TwilioLostAnswerIntegrationTests {

    private static final String ACCOUNT_SID = "AC00000000000000000000000000000003";
    private static final String AUTH_TOKEN = "tok_0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String FROM = "+15005550006";
    private static final String TO = "+971501234567";
    private static final String TEXT = "Yin Yoga tomorrow at 7:00. Reply STOP to opt out.";
    private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final String SCHEMA = "tenant_test_studio";
    private static final Map<String, String> SETTINGS = Map.of("accountSid", ACCOUNT_SID, "authToken", AUTH_TOKEN,
            "fromNumber", FROM);
    private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z", Locale.US)
            .withZone(ZoneOffset.UTC);

    static EmbeddedPostgres postgres;
    static DataSource storage;
    static WireMockServer twilio;
    static PluginTestHost host;
    static NotificationChannel channel;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("unix_socket_directories", "").start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + SCHEMA);
        }
        // The host hands a plugin connections whose current schema is the studio's.
        storage = postgres.getPostgresDatabase(Map.of("currentSchema", SCHEMA));
        twilio = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        twilio.start();
        System.setProperty(TwilioChannel.API_BASE_URL_PROPERTY, twilio.baseUrl());
        host = PluginTestHost.forThisModule();
        channel = host.extension(NotificationChannel.class);
        assertThat(host.migrate(storage, SCHEMA)).isEqualTo(1);
    }

    @AfterAll
    static void stop() throws Exception {
        System.clearProperty(TwilioChannel.API_BASE_URL_PROPERTY);
        if (host != null) {
            host.close();
        }
        if (twilio != null) {
            twilio.stop();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void startClean() throws SQLException {
        twilio.resetAll();
        sql("TRUNCATE notify_twilio_attempts");
    }

    @Test
    void anOrdinarySendAsksTwilioNothingAndARepeatedCallGetsTheSameSidWithoutSending() throws SQLException {
        twilio.stubFor(post(MESSAGES).willReturn(created("SMfirst")));

        DeliveryResult first = send("msg-1", T);
        DeliveryResult repeated = send("msg-1", T.plusSeconds(30));

        assertThat(first).isEqualTo(new DeliveryResult.Delivered("SMfirst"));
        assertThat(repeated).isEqualTo(first);
        assertThat(recordedSid("msg-1")).isEqualTo("SMfirst");
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        twilio.verify(0, getRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @ParameterizedTest(name = "answer lost as {0}")
    @ValueSource(strings = {"dropped connection", "502 after acceptance"})
    void anAnswerLostAfterTwilioTookTheMessageIsFoundAndTheMessageIsNotSentAgain(String loss) throws SQLException {
        twilio.stubFor(post(MESSAGES).willReturn(loss.startsWith("502")
                ? aResponse().withStatus(502).withHeader("Content-Type", "text/html").withBody("<html>Bad gateway</html>")
                : aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page(
                listed("SMnewer", "Another text", T.plusSeconds(40)),
                listed("SMlost", TEXT, T.plusSeconds(1)),
                listed("SMolder", "Older text", T.minus(Duration.ofDays(1))))));

        DeliveryResult lost = send("msg-2", T);
        DeliveryResult retried = send("msg-2", T.plusSeconds(15));
        DeliveryResult again = send("msg-2", T.plusSeconds(45));

        assertThat(lost).isInstanceOf(DeliveryResult.Retryable.class);
        assertThat(retried).isEqualTo(new DeliveryResult.Delivered("SMlost"));
        assertThat(again).isEqualTo(retried);
        assertThat(recordedSid("msg-2")).isEqualTo("SMlost");
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES))
                .withQueryParam("To", equalTo(TO))
                .withQueryParam("From", equalTo(FROM))
                .withQueryParam("PageSize", equalTo("20")));
    }

    @Test
    void theLookupFollowsTwilioPagesPastNewerMessages() {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        String[] newer = new String[20];
        for (int i = 0; i < newer.length; i++) {
            newer[i] = listed("SMnewer" + i, "Another text " + i, T.plusSeconds(60 + i));
        }
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(pageThen(
                MESSAGES + "?To=%2B971501234567&From=%2B15005550006&PageSize=20&Page=1&PageToken=PAnext", newer)));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).withQueryParam("PageToken", equalTo("PAnext"))
                .willReturn(page(listed("SMsecondPage", TEXT, T.plusSeconds(1)))));

        send("msg-14", T);
        DeliveryResult retried = send("msg-14", T.plusSeconds(90));

        assertThat(retried).isEqualTo(new DeliveryResult.Delivered("SMsecondPage"));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        twilio.verify(2, getRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void anAnswerLostBeforeTwilioCreatedTheMessageIsSentOnceMore() throws SQLException {
        sql("INSERT INTO notify_twilio_attempts (idempotency_key, recipient, sender, started_at, message_sid) "
                + "VALUES ('other-message', '" + TO + "', '" + FROM + "', now(), 'SMothers')");
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        DeliveryResult lost = send("msg-3", T);
        twilio.stubFor(post(MESSAGES).willReturn(created("SMsecond")));
        // Nothing of this attempt: the same text yesterday, another text now, the same text recorded for another message.
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page(
                listed("SMothers", TEXT, T.plusSeconds(2)),
                listed("SMnewer", "Another text", T.plusSeconds(1)),
                listed("SMyesterday", TEXT, T.minus(Duration.ofDays(1))))));

        DeliveryResult retried = send("msg-3", T.plusSeconds(15));

        assertThat(lost).isInstanceOf(DeliveryResult.Retryable.class);
        assertThat(retried).isEqualTo(new DeliveryResult.Delivered("SMsecond"));
        assertThat(recordedSid("msg-3")).isEqualTo("SMsecond");
        twilio.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
        twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void whenTwilioCannotBeAskedTheMessageIsNotSentAgainUntilItCanBe() throws SQLException {
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        send("msg-4", T);
        twilio.stubFor(post(MESSAGES).willReturn(created("SMafter")));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withStatus(500)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"code\": 20500, \"message\": \"Internal Server Error\", \"status\": 500}")));

        DeliveryResult unasked = send("msg-4", T.plusSeconds(15));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        DeliveryResult unreachable = send("msg-4", T.plusSeconds(45));

        assertThat(List.of(unasked, unreachable)).allSatisfy(result -> assertThat(result)
                .isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> assertThat(retryable.reason())
                        .contains("not sent again").doesNotContain(AUTH_TOKEN)));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));

        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page()));
        DeliveryResult answered = send("msg-4", T.plusSeconds(120));

        assertThat(answered).isEqualTo(new DeliveryResult.Delivered("SMafter"));
        twilio.verify(2, postRequestedFor(urlEqualTo(MESSAGES)));
        twilio.verify(3, getRequestedFor(urlPathEqualTo(MESSAGES)));
        assertThat(recordedSid("msg-4")).isEqualTo("SMafter");
    }

    @Test
    void aWhatsappMessageIsLookedUpBetweenTheWhatsappAddressesItWasSentBetween() {
        Map<String, String> settings = new HashMap<>(SETTINGS);
        settings.put("whatsappFrom", "+14155238886");
        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page(listed("SMwhatsapp", TEXT, T.plusSeconds(3)))));
        OutboundMessage message = message("msg-5", ChannelKind.WHATSAPP);

        DeliveryResult lost = Conformance.channelSend(channel, message, host.context(settings, at(T), storage));
        DeliveryResult retried = Conformance.channelSend(channel, message, host.context(settings, at(T.plusSeconds(15)), storage));

        assertThat(lost).isInstanceOf(DeliveryResult.Retryable.class);
        assertThat(retried).isEqualTo(new DeliveryResult.Delivered("SMwhatsapp"));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withFormParam("To", equalTo("whatsapp:" + TO)));
        twilio.verify(1, getRequestedFor(urlPathEqualTo(MESSAGES))
                .withQueryParam("To", equalTo("whatsapp:" + TO))
                .withQueryParam("From", equalTo("whatsapp:+14155238886")));
    }

    @Test
    void aRefusalLeavesNothingToAskAboutButARefusalAfterALostAnswerDoesNotClearIt() throws SQLException {
        twilio.stubFor(post(MESSAGES).willReturn(error(429, 20429, "Too Many Requests")));
        DeliveryResult limited = send("msg-6", T);
        twilio.stubFor(post(MESSAGES).willReturn(created("SMlater")));
        DeliveryResult sent = send("msg-6", T.plusSeconds(15));

        assertThat(limited).isInstanceOf(DeliveryResult.Retryable.class);
        assertThat(sent).isEqualTo(new DeliveryResult.Delivered("SMlater"));
        twilio.verify(0, getRequestedFor(urlPathEqualTo(MESSAGES)));

        twilio.stubFor(post(MESSAGES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        send("msg-7", T);
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page()));
        twilio.stubFor(post(MESSAGES).willReturn(error(429, 20429, "Too Many Requests")));
        DeliveryResult limitedAfterLoss = send("msg-7", T.plusSeconds(15));
        // Twilio may list the first attempt's message only now: the next call must still ask.
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page(listed("SMfirstAfterAll", TEXT, T.plusSeconds(1)))));
        DeliveryResult found = send("msg-7", T.plusSeconds(45));

        assertThat(limitedAfterLoss).isInstanceOf(DeliveryResult.Retryable.class);
        assertThat(found).isEqualTo(new DeliveryResult.Delivered("SMfirstAfterAll"));
        twilio.verify(2, getRequestedFor(urlPathEqualTo(MESSAGES)));
        twilio.verify(2 + 2, postRequestedFor(urlEqualTo(MESSAGES)));
        assertThat(recordedSid("msg-7")).isEqualTo("SMfirstAfterAll");
    }

    @Test
    void twoCallsAtOnceForOneMessageSendItOnce() throws Exception {
        twilio.stubFor(post(MESSAGES).willReturn(created("SMonce").withFixedDelay(1_500)));
        int calls = 6;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<DeliveryResult>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(calls)) {
            for (int i = 0; i < calls; i++) {
                results.add(pool.submit(() -> {
                    go.await();
                    return send("msg-8", T);
                }));
            }
            go.countDown();
        }
        Map<Class<?>, Long> kinds = new HashMap<>();
        for (Future<DeliveryResult> result : results) {
            kinds.merge(result.get().getClass(), 1L, Long::sum);
        }

        assertThat(kinds).containsEntry(DeliveryResult.Delivered.class, 1L).containsEntry(DeliveryResult.Retryable.class, calls - 1L);
        assertThat(results.stream().map(this::done).filter(DeliveryResult.Retryable.class::isInstance)
                .map(r -> ((DeliveryResult.Retryable) r).reason()).collect(Collectors.toSet()))
                .containsExactly("another attempt to send this message is under way");
        assertThat(send("msg-8", T.plusSeconds(5))).isEqualTo(new DeliveryResult.Delivered("SMonce"));
        twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
        twilio.verify(0, getRequestedFor(urlPathEqualTo(MESSAGES)));
    }

    @Test
    void anAttemptWhoseCallDiedIsLeftAloneWhileClaimedAndAskedAboutAfterwards() throws SQLException {
        // A node that died between recording its attempt and hearing Twilio's answer leaves a claimed row behind.
        sql("INSERT INTO notify_twilio_attempts (idempotency_key, recipient, sender, started_at, claimed_by, claimed_until) "
                + "VALUES ('msg-9', '" + TO + "', '" + FROM + "', '" + T + "', gen_random_uuid(), '" + T.plus(Attempts.CLAIM) + "')");
        twilio.stubFor(get(urlPathEqualTo(MESSAGES)).willReturn(page(listed("SMdied", TEXT, T.plusSeconds(1)))));
        twilio.stubFor(post(MESSAGES).willReturn(created("SMduplicate")));

        DeliveryResult whileClaimed = send("msg-9", T.plusSeconds(30));
        DeliveryResult afterwards = send("msg-9", T.plus(Attempts.CLAIM).plusSeconds(1));

        assertThat(whileClaimed).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable ->
                assertThat(retryable.retryAfter()).isEqualTo(Attempts.CLAIM.minusSeconds(30)));
        assertThat(afterwards).isEqualTo(new DeliveryResult.Delivered("SMdied"));
        twilio.verify(0, postRequestedFor(urlEqualTo(MESSAGES)));
    }

    @Test
    void whenTheAttemptCannotBeRecordedNothingIsSent() {
        twilio.stubFor(post(MESSAGES).willReturn(created("SMunrecorded")));
        DataSource broken = postgres.getDatabase("postgres", "no_such_database");

        DeliveryResult result = Conformance.channelSend(channel, message("msg-10", ChannelKind.SMS),
                host.context(SETTINGS, at(T), broken));

        assertThat(result).isInstanceOfSatisfying(DeliveryResult.Retryable.class, retryable -> assertThat(retryable.reason())
                .contains("could not record the attempt", "nothing was sent"));
        assertThat(twilio.getAllServeEvents()).isEmpty();
    }

    @Test
    void attemptsOlderThanAWeekAreForgotten() throws SQLException {
        twilio.stubFor(post(MESSAGES).willReturn(created("SMweek")));
        send("msg-11", T);
        send("msg-12", T.plus(Attempts.KEPT).minusSeconds(1));

        assertThat(recordedSid("msg-11")).isEqualTo("SMweek");
        send("msg-13", T.plus(Attempts.KEPT).plusSeconds(1));

        assertThat(recordedSid("msg-11")).isNull();
        assertThat(recordedSid("msg-12")).isEqualTo("SMweek");
    }

    private DeliveryResult done(Future<DeliveryResult> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static DeliveryResult send(String key, Instant now) {
        return Conformance.channelSend(channel, message(key, ChannelKind.SMS), host.context(SETTINGS, at(now), storage));
    }

    private static OutboundMessage message(String key, ChannelKind kind) {
        return new OutboundMessage(key, kind, TO, "Reminder", TEXT, null, "en", Map.of("event", "reminder"));
    }

    private static Clock at(Instant now) {
        return Clock.fixed(now, ZoneOffset.UTC);
    }

    private static @Nullable String recordedSid(String key) throws SQLException {
        try (Connection connection = storage.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT message_sid FROM notify_twilio_attempts WHERE idempotency_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    private static void sql(String statement) throws SQLException {
        try (Connection connection = storage.getConnection(); Statement run = connection.createStatement()) {
            run.execute(statement);
        }
    }

    private static ResponseDefinitionBuilder created(String sid) {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                {"sid": "%s", "account_sid": "%s", "from": "%s", "to": "%s", "body": "%s", "status": "queued",
                 "direction": "outbound-api", "api_version": "2010-04-01", "num_segments": "1"}"""
                .formatted(sid, ACCOUNT_SID, FROM, TO, TEXT));
    }

    private static ResponseDefinitionBuilder error(int status, int code, String message) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody("""
                {"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
                .formatted(code, message, code, status));
    }

    /** A message as Twilio lists it: queued ones have no date_sent yet, hence the plugin goes by date_created. */
    private static String listed(String sid, String body, Instant created) {
        return """
                {"sid": "%s", "account_sid": "%s", "from": "%s", "to": "%s", "body": "%s", "status": "queued",
                 "direction": "outbound-api", "date_created": "%s", "date_sent": null, "date_updated": "%s"}"""
                .formatted(sid, ACCOUNT_SID, FROM, TO, body, RFC_2822.format(created), RFC_2822.format(created));
    }

    private static ResponseDefinitionBuilder page(String... messages) {
        return pageThen(null, messages);
    }

    /** A page of Twilio's message list; {@code next} is the next page's URI, if there is one. */
    private static ResponseDefinitionBuilder pageThen(@Nullable String next, String... messages) {
        String uri = MESSAGES + "?PageSize=20&Page=0";
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
                {"messages": [%s], "uri": "%s", "first_page_uri": "%s", "next_page_uri": %s, "previous_page_uri": null,
                 "page": 0, "page_size": 20, "start": 0, "end": %d}"""
                .formatted(String.join(",", messages), uri, uri, next == null ? "null" : "\"" + next + "\"",
                        Math.max(0, messages.length - 1)));
    }
}
