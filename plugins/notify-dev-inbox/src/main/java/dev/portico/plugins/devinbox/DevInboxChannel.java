package dev.portico.plugins.devinbox;

import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.SentMessage;
import dev.portico.plugin.api.SentMessageLog;
import dev.portico.plugin.api.SettingDescriptor;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Delivers email, SMS and WhatsApp messages into a table of the studio's own schema
 * ({@code notify_dev_inbox_messages}) and reads them back, newest first. A message is kept once per
 * idempotency key, so a retried delivery never shows twice.
 */
@Extension
public class DevInboxChannel implements NotificationChannel, SentMessageLog {

    @Override
    public List<SettingDescriptor> settings() {
        return List.of();
    }

    @Override
    public Set<ChannelKind> kinds() {
        return EnumSet.of(ChannelKind.EMAIL, ChannelKind.SMS, ChannelKind.WHATSAPP);
    }

    @Override
    public DeliveryResult send(OutboundMessage message, ExtensionContext context) {
        try (Connection connection = context.storage().getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO notify_dev_inbox_messages (idempotency_key, kind, recipient, subject, body, html, locale, sent_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = excluded.idempotency_key
                        RETURNING id
                        """)) {
            insert.setString(1, message.idempotencyKey());
            insert.setString(2, message.kind().name());
            insert.setString(3, message.to());
            insert.setString(4, message.subject());
            insert.setString(5, message.text());
            insert.setString(6, message.html());
            insert.setString(7, message.locale());
            insert.setTimestamp(8, Timestamp.from(context.clock().instant()));
            try (ResultSet id = insert.executeQuery()) {
                id.next();
                return new DeliveryResult.Delivered("dev-inbox-" + id.getLong(1));
            }
        } catch (SQLException e) {
            return new DeliveryResult.Retryable("dev inbox storage failed: " + e.getSQLState(), null);
        }
    }

    @Override
    public List<SentMessage> sentTo(String to, int limit, ExtensionContext context) {
        try (Connection connection = context.storage().getConnection();
                PreparedStatement select = connection.prepareStatement("""
                        SELECT recipient, kind, subject, body, sent_at FROM notify_dev_inbox_messages
                         WHERE recipient = ? ORDER BY sent_at DESC, id DESC LIMIT ?
                        """)) {
            select.setString(1, to);
            select.setInt(2, Math.max(1, Math.min(limit, 200)));
            List<SentMessage> messages = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    messages.add(new SentMessage(rows.getString(1), ChannelKind.valueOf(rows.getString(2)), rows.getString(3),
                            rows.getString(4), rows.getTimestamp(5).toInstant()));
                }
            }
            return messages;
        } catch (SQLException e) {
            throw new IllegalStateException("dev inbox storage failed: " + e.getSQLState(), e);
        }
    }
}
