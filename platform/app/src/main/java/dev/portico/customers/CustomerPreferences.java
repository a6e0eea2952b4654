package dev.portico.customers;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * How each customer of the current studio wants to be contacted. A customer who never saved preferences has no row
 * and gets the table's column defaults, so senders need not care whether a row exists. Changes are audited with
 * what changed, and withdrawing or giving marketing consent is timestamped, as consent law asks.
 */
@Service
public class CustomerPreferences {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    CustomerPreferences(JdbcClient jdbc, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A customer's contact preferences.
     *
     * @param emailOptIn          messages by email are welcome
     * @param smsOptIn            messages by SMS are welcome
     * @param whatsappOptIn       messages by WhatsApp are welcome
     * @param marketingConsent    offers and news may be sent, not only service messages
     * @param reminderHoursBefore how long before a booking the reminder goes out, 0 to 168 hours
     */
    public record Preferences(boolean emailOptIn, boolean smsOptIn, boolean whatsappOptIn, boolean marketingConsent,
            int reminderHoursBefore) {

        /** The column defaults of {@code customer_notification_preferences} (tenant migration V1); keep them equal. */
        public static final Preferences DEFAULTS = new Preferences(true, true, false, false, 24);
    }

    /** The customer's preferences in the current studio, or {@link Preferences#DEFAULTS} when they never chose. */
    public Preferences forCustomer(UUID customerId) {
        return stored(customerId, false).map(Stored::preferences).orElse(Preferences.DEFAULTS);
    }

    /**
     * Saves the customer's choice (creating their row the first time) and audits what changed; a save that changes
     * nothing writes no audit row. The row is locked while we compare, so two saves cannot both claim the same change.
     */
    @Transactional
    Preferences update(UUID customerId, Preferences wanted, Actor actor) {
        Optional<Stored> stored = stored(customerId, true);
        Preferences old = stored.map(Stored::preferences).orElse(Preferences.DEFAULTS);
        Map<String, Map<String, Object>> changes = diff(old, wanted);
        if (changes.isEmpty() && stored.isPresent()) {
            return old;
        }
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp consentUpdatedAt = old.marketingConsent() != wanted.marketingConsent()
                ? now
                : stored.map(Stored::marketingConsentUpdatedAt).orElse(null);
        String schema = TenantContext.require().schemaName();
        // A new row copies the customer's time zone and language, which the table also keeps for senders.
        jdbc.sql("""
                INSERT INTO %1$s.customer_notification_preferences AS p
                       (customer_id, email_opt_in, sms_opt_in, whatsapp_opt_in, marketing_consent, marketing_consent_updated_at,
                        reminder_hours_before, timezone, locale, created_at, updated_at)
                SELECT c.id, ?, ?, ?, ?, ?, ?, c.timezone, c.locale, ?, ?
                  FROM %1$s.customers c WHERE c.id = ?
                ON CONFLICT (customer_id) DO UPDATE
                   SET email_opt_in = excluded.email_opt_in, sms_opt_in = excluded.sms_opt_in,
                       whatsapp_opt_in = excluded.whatsapp_opt_in, marketing_consent = excluded.marketing_consent,
                       marketing_consent_updated_at = excluded.marketing_consent_updated_at,
                       reminder_hours_before = excluded.reminder_hours_before,
                       updated_at = excluded.updated_at, version = p.version + 1
                """.formatted(schema))
                .params(wanted.emailOptIn(), wanted.smsOptIn(), wanted.whatsappOptIn(), wanted.marketingConsent(), consentUpdatedAt,
                        wanted.reminderHoursBefore(), now, now, customerId)
                .update();
        if (!changes.isEmpty()) {
            audit.record(actor, "customer.preferences_updated", customerId, "customer", customerId.toString(), changes);
        }
        return wanted;
    }

    /** Keeps the copy of the customer's time zone and language on their preferences row in step with their profile. */
    void followProfile(UUID customerId, String timezone, String locale) {
        jdbc.sql("UPDATE " + TenantContext.require().schemaName()
                        + ".customer_notification_preferences SET timezone = ?, locale = ?, updated_at = ? WHERE customer_id = ?")
                .params(timezone, locale, Timestamp.from(clock.instant()), customerId)
                .update();
    }

    private record Stored(Preferences preferences, @Nullable Timestamp marketingConsentUpdatedAt) {}

    private Optional<Stored> stored(UUID customerId, boolean forUpdate) {
        return jdbc.sql("SELECT email_opt_in, sms_opt_in, whatsapp_opt_in, marketing_consent, reminder_hours_before, "
                        + "marketing_consent_updated_at FROM " + TenantContext.require().schemaName()
                        + ".customer_notification_preferences WHERE customer_id = ?" + (forUpdate ? " FOR UPDATE" : ""))
                .param(customerId)
                .query((rs, n) -> new Stored(new Preferences(rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getInt(5)), rs.getTimestamp(6)))
                .optional();
    }

    private static Map<String, Map<String, Object>> diff(Preferences old, Preferences wanted) {
        Map<String, Map<String, Object>> changes = new LinkedHashMap<>();
        change(changes, "emailOptIn", old.emailOptIn(), wanted.emailOptIn());
        change(changes, "smsOptIn", old.smsOptIn(), wanted.smsOptIn());
        change(changes, "whatsappOptIn", old.whatsappOptIn(), wanted.whatsappOptIn());
        change(changes, "marketingConsent", old.marketingConsent(), wanted.marketingConsent());
        change(changes, "reminderHoursBefore", old.reminderHoursBefore(), wanted.reminderHoursBefore());
        return changes;
    }

    private static void change(Map<String, Map<String, Object>> changes, String field, Object old, Object wanted) {
        if (!old.equals(wanted)) {
            changes.put(field, Map.of("old", old, "new", wanted));
        }
    }
}
