package dev.portico.notifications.templates;

import java.util.Locale;

/** A part of a message, each its own template file: {@code <language>.<part>.mustache}. */
public enum Part {

    SUBJECT(false),
    /** Plain text: the email's text part, and SMS or WhatsApp when the event ships no {@link #SMS} part. */
    TEXT(false),
    /** A short plain-text form for SMS and WhatsApp; optional. */
    SMS(false),
    /** The email's HTML part; optional. */
    HTML(true);

    private final boolean html;

    Part(boolean html) {
        this.html = html;
    }

    /** Whether values are HTML-escaped in this part. */
    public boolean html() {
        return html;
    }

    String fileName(String language) {
        return language + "." + name().toLowerCase(Locale.ROOT) + ".mustache";
    }
}
