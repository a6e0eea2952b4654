package dev.portico.plugins.twilio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The studio's record of messages the plugin tried to send ({@code notify_twilio_attempts}), one row per
 * idempotency key. Every statement commits on its own, so a row written before a POST survives whatever happens to
 * the POST. A row without a message SID is an attempt whose outcome is not known; a row is claimed by one call at a
 * time, so two calls for one key never both ask and send.
 */
final class Attempts {

    /**
     * Well beyond what one call takes (at most {@value TwilioChannel#LOOKUP_PAGES} list requests for each of two
     * address pairs and one POST, each bounded by the transport's timeouts), and short against the host's half hour of
     * retries: how long a call that died keeps others off the key.
     */
    static final Duration CLAIM = Duration.ofMinutes(5);

    /** Rows are kept this long: far longer than the host retries a message (8 attempts, about half an hour). */
    static final Duration KEPT = Duration.ofDays(7);

    private final DataSource storage;
    private final Clock clock;
    private final UUID caller = UUID.randomUUID();

    Attempts(DataSource storage, Clock clock) {
        this.storage = storage;
        this.clock = clock;
    }

    /** Where a message goes, exactly as posted to Twilio. */
    record Address(String to, String from) {}

    /** What a call may do with a key. */
    sealed interface Claim {

        /** No earlier attempt: send. */
        record Fresh() implements Claim {}

        /** An earlier attempt, begun at {@code startedAt}, has no known outcome: ask Twilio before sending. */
        record Unknown(Instant startedAt, Address address) implements Claim {}

        /** Twilio accepted the message already. */
        record Sent(String messageSid) implements Claim {}

        /** Another call is working on the key until {@code until}. */
        record Busy(Instant until) implements Claim {}
    }

    /** Records this call's attempt for {@code key}, or tells why it must not send now. */
    Claim claim(String key, Address address) throws SQLException {
        Instant now = clock.instant();
        Timestamp until = Timestamp.from(now.plus(CLAIM));
        try (Connection connection = open()) {
            try (PreparedStatement forget = connection.prepareStatement(
                    "DELETE FROM notify_twilio_attempts WHERE started_at < ?")) {
                forget.setTimestamp(1, Timestamp.from(now.minus(KEPT)));
                forget.executeUpdate();
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    INSERT INTO notify_twilio_attempts (idempotency_key, recipient, sender, started_at, claimed_by, claimed_until)
                    VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (idempotency_key) DO NOTHING
                    """)) {
                insert.setString(1, key);
                insert.setString(2, address.to());
                insert.setString(3, address.from());
                insert.setTimestamp(4, Timestamp.from(now));
                insert.setObject(5, caller);
                insert.setTimestamp(6, until);
                if (insert.executeUpdate() == 1) {
                    return new Claim.Fresh();
                }
            }
            try (PreparedStatement take = connection.prepareStatement("""
                    UPDATE notify_twilio_attempts SET claimed_by = ?, claimed_until = ?
                     WHERE idempotency_key = ? AND message_sid IS NULL AND (claimed_until IS NULL OR claimed_until <= ?)
                    RETURNING started_at, recipient, sender
                    """)) {
                take.setObject(1, caller);
                take.setTimestamp(2, until);
                take.setString(3, key);
                take.setTimestamp(4, Timestamp.from(now));
                try (ResultSet row = take.executeQuery()) {
                    if (row.next()) {
                        return new Claim.Unknown(row.getTimestamp(1).toInstant(), new Address(row.getString(2), row.getString(3)));
                    }
                }
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT message_sid, claimed_until FROM notify_twilio_attempts WHERE idempotency_key = ?")) {
                read.setString(1, key);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        // Deleted by another call since the insert found it: that call heard a refusal; try later.
                        return new Claim.Busy(now);
                    }
                    String messageSid = row.getString(1);
                    Timestamp busy = row.getTimestamp(2);
                    if (messageSid != null) {
                        return new Claim.Sent(messageSid);
                    }
                    return new Claim.Busy(busy == null ? now : busy.toInstant());
                }
            }
        }
    }

    /** Twilio accepted the message as {@code messageSid}: no later call for the key asks or sends. */
    void sent(String key, String messageSid) throws SQLException {
        execute("UPDATE notify_twilio_attempts SET message_sid = ?, claimed_by = NULL, claimed_until = NULL WHERE idempotency_key = ?",
                messageSid, key);
    }

    /** This call's attempt has no known outcome: the next call asks Twilio first. */
    void unknown(String key) throws SQLException {
        execute("UPDATE notify_twilio_attempts SET claimed_by = NULL, claimed_until = NULL WHERE idempotency_key = ? AND claimed_by = ?",
                key, caller);
    }

    /** Twilio answered that it did not take this call's message, and no earlier attempt is in doubt: nothing to ask later. */
    void refused(String key) throws SQLException {
        execute("DELETE FROM notify_twilio_attempts WHERE idempotency_key = ? AND message_sid IS NULL AND claimed_by = ?",
                key, caller);
    }

    /** Whether another key's message was recorded as {@code messageSid}, so it cannot be this key's. */
    boolean belongsToAnother(String messageSid, String key) throws SQLException {
        try (Connection connection = open();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT 1 FROM notify_twilio_attempts WHERE message_sid = ? AND idempotency_key <> ?")) {
            select.setString(1, messageSid);
            select.setString(2, key);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    /** A connection whose every statement commits at once, whatever the host's pool defaults to. */
    private Connection open() throws SQLException {
        Connection connection = storage.getConnection();
        try {
            connection.setAutoCommit(true);
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private void execute(String sql, Object... parameters) throws SQLException {
        try (Connection connection = open(); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
