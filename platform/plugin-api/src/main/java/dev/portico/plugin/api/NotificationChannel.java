package dev.portico.plugin.api;

/** Delivers rendered messages to customers over one kind of channel (email, SMS, WhatsApp, ...). */
public interface NotificationChannel extends PorticoExtension {

    /** The kind of address this channel delivers to. */
    ChannelKind kind();

    /**
     * Delivers one message. Must not throw for provider failures: report them as a {@link DeliveryResult}.
     * Implementations pass {@link OutboundMessage#idempotencyKey()} to the provider so a retry never sends twice.
     */
    DeliveryResult send(OutboundMessage message, PluginSettings settings);
}
