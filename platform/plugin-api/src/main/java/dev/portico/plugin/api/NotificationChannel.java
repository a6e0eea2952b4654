package dev.portico.plugin.api;

import java.util.Set;

/** Delivers rendered messages to customers over one or more kinds of channel (email, SMS, WhatsApp, ...). */
public interface NotificationChannel extends PorticoExtension {

    /** The kinds of address this channel delivers to. */
    Set<ChannelKind> kinds();

    /**
     * Delivers one message. Must not throw for provider failures: report them as a {@link DeliveryResult}.
     * Implementations pass {@link OutboundMessage#idempotencyKey()} to the provider so a retry never sends twice.
     */
    DeliveryResult send(OutboundMessage message, ExtensionContext context);
}
