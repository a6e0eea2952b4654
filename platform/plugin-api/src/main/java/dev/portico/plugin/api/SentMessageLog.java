package dev.portico.plugin.api;

import java.util.List;

/** A channel that keeps what it sends so people can read it, such as the development inbox. */
public interface SentMessageLog extends PorticoExtension {

    /** Messages sent to {@code to} (an email or E.164 phone), newest first, at most {@code limit}. */
    List<SentMessage> sentTo(String to, int limit, ExtensionContext context);
}
