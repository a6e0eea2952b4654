package dev.portico.plugin.api;

import java.time.Instant;

/**
 * A message a {@link SentMessageLog} kept.
 *
 * @param to      the address it went to
 * @param kind    the channel kind used
 * @param subject subject line
 * @param body    plain-text body
 * @param sentAt  when it was sent
 */
public record SentMessage(String to, ChannelKind kind, String subject, String body, Instant sentAt) {}
