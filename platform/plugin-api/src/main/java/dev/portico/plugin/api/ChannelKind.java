package dev.portico.plugin.api;

/** How a notification reaches a customer; a channel plugin serves one kind. */
public enum ChannelKind {
    EMAIL,
    SMS,
    WHATSAPP,
    /** Anything else, e.g. a studio's own webhook or a push service. */
    OTHER
}
