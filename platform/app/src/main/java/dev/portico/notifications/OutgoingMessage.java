package dev.portico.notifications;

import dev.portico.plugin.api.ChannelKind;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A rendered message to queue for a customer.
 *
 * @param event      what caused it, e.g. {@code auth.login_link}
 * @param customerId who it is for, when known
 * @param kind       the channel kind to use
 * @param to         email address or E.164 phone
 * @param subject    subject line
 * @param body       plain-text body
 * @param html       HTML body, for email
 * @param locale     the language it was rendered in
 */
public record OutgoingMessage(String event, @Nullable UUID customerId, ChannelKind kind, String to, String subject,
        String body, @Nullable String html, String locale) {}
