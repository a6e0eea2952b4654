package dev.portico.plugin.api;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A message already rendered by the host, ready for a channel to deliver.
 *
 * @param idempotencyKey the same for every attempt to deliver one message; pass it to the provider
 * @param kind           which of the channel's kinds to use
 * @param to             an email address or an E.164 phone number, as the kind requires
 * @param subject        subject line (email) or a short title
 * @param text           plain-text body
 * @param html           HTML body, for channels that support it
 * @param locale         BCP 47 language tag the message was rendered in
 * @param metadata       event name, customer id and similar, for providers that accept tags
 */
public record OutboundMessage(String idempotencyKey, ChannelKind kind, String to, String subject, String text,
        @Nullable String html, String locale, Map<String, String> metadata) {

    public OutboundMessage {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(locale, "locale");
        metadata = Map.copyOf(metadata);
    }
}
