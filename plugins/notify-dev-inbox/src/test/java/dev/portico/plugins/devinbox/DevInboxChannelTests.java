package dev.portico.plugins.devinbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.SentMessage;
import dev.portico.plugin.api.SentMessageLog;
import dev.portico.plugin.testkit.Conformance;
import dev.portico.plugin.testkit.PluginTestHost;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The plugin loaded through PF4J, writing to a real PostgreSQL schema as the host would give it. */
class DevInboxChannelTests {

    static EmbeddedPostgres postgres;
    static PluginTestHost host;

    @BeforeAll
    static void start() throws Exception {
        postgres = EmbeddedPostgres.builder().setServerConfig("unix_socket_directories", "").start();
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.createStatement().execute(Files.readString(
                    Path.of("src/main/resources/db/migration/notify-dev-inbox/V1__messages.sql")));
        }
        host = PluginTestHost.forThisModule();
    }

    @AfterAll
    static void stop() throws IOException {
        host.close();
        postgres.close();
    }

    ExtensionContext at(String instant) {
        return host.context(Map.of(), Clock.fixed(Instant.parse(instant), ZoneOffset.UTC), postgres.getPostgresDatabase());
    }

    @Test
    void isOneExtensionServingEveryKindAndLoadedFromThePluginJar() {
        NotificationChannel channel = host.extension(NotificationChannel.class);

        assertThat(channel.kinds()).containsExactlyInAnyOrder(ChannelKind.EMAIL, ChannelKind.SMS, ChannelKind.WHATSAPP);
        assertThat(channel.getClass().getClassLoader()).isSameAs(host.pluginClassLoader());
        assertThat(host.extension(SentMessageLog.class).getClass()).isSameAs(channel.getClass());
        Conformance.settingsSchema(host);
    }

    @Test
    void keepsMessagesAndReadsThemBackNewestFirst() {
        NotificationChannel channel = host.extension(NotificationChannel.class);
        DeliveryResult first = Conformance.channelSend(channel, message("k-1", "maya@example.com", "First"), at("2026-11-25T10:00:00Z"));
        Conformance.channelSend(channel, message("k-2", "maya@example.com", "Second"), at("2026-11-25T11:00:00Z"));
        Conformance.channelSend(channel, message("k-3", "sam@example.com", "Other"), at("2026-11-25T12:00:00Z"));

        List<SentMessage> inbox = host.extension(SentMessageLog.class).sentTo("maya@example.com", 10, at("2026-11-25T13:00:00Z"));

        assertThat(first).isInstanceOf(DeliveryResult.Delivered.class);
        assertThat(inbox).extracting(SentMessage::subject).containsExactly("Second", "First");
        assertThat(inbox.getFirst().sentAt()).isEqualTo(Instant.parse("2026-11-25T11:00:00Z"));
    }

    @Test
    void aRetriedMessageIsKeptOnce() {
        NotificationChannel channel = host.extension(NotificationChannel.class);
        DeliveryResult once = channel.send(message("retry-key", "twice@example.com", "Hello"), at("2026-11-25T10:00:00Z"));
        DeliveryResult again = channel.send(message("retry-key", "twice@example.com", "Hello"), at("2026-11-25T10:00:05Z"));

        assertThat(again).isEqualTo(once);
        assertThat(host.extension(SentMessageLog.class).sentTo("twice@example.com", 10, at("2026-11-25T11:00:00Z"))).hasSize(1);
    }

    @Test
    void storageFailureIsRetryableNotAnException() {
        ExtensionContext broken = host.context(Map.of(), Clock.systemUTC(), postgres.getDatabase("postgres", "no_such_database"));

        assertThat(host.extension(NotificationChannel.class).send(message("x", "a@example.com", "Hi"), broken))
                .isInstanceOf(DeliveryResult.Retryable.class);
    }

    private static OutboundMessage message(String key, String to, String subject) {
        return new OutboundMessage(key, ChannelKind.EMAIL, to, subject, "Body of " + subject, null, "en", Map.of());
    }
}
