package dev.portico.plugin.api;

/** What a customer is trying to do with a booking. */
public enum PolicyAction {
    BOOK,
    CANCEL,
    RESCHEDULE
}
