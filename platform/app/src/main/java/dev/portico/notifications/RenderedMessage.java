package dev.portico.notifications;

import org.jspecify.annotations.Nullable;

/**
 * A message rendered for one channel, ready to queue.
 *
 * @param subject one line: the email subject, or a title for channels that show one
 * @param text    plain text: the SMS or WhatsApp body, or the email's text part
 * @param html    the email's HTML part; null for every other channel
 */
public record RenderedMessage(String subject, String text, @Nullable String html) {}
