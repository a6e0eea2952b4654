package dev.portico.booking;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes iCalendar (RFC 5545) for bookings: UTC times, escaped text, lines folded at 75 octets, CRLF endings. A
 * booking keeps its UID for life; SEQUENCE grows when it moves or is cancelled, so calendars update in place.
 */
final class IcsCalendar {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** Control characters TEXT may not hold (all but HTAB), once line breaks are escaped. */
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");

    /** One booking as a calendar event. */
    record Event(String uid, Instant start, Instant end, String summary, String location, boolean cancelled, int sequence) {}

    private IcsCalendar() {
    }

    static String write(String calendarName, List<Event> events, Instant stamp) {
        StringBuilder ics = new StringBuilder();
        line(ics, "BEGIN:VCALENDAR");
        line(ics, "VERSION:2.0");
        line(ics, "PRODID:-//Portico//Client Portal//EN");
        line(ics, "CALSCALE:GREGORIAN");
        line(ics, "X-WR-CALNAME:" + text(calendarName));
        for (Event event : events) {
            line(ics, "BEGIN:VEVENT");
            line(ics, "UID:" + event.uid());
            line(ics, "DTSTAMP:" + UTC.format(stamp));
            line(ics, "DTSTART:" + UTC.format(event.start()));
            line(ics, "DTEND:" + UTC.format(event.end()));
            line(ics, "SUMMARY:" + text(event.summary()));
            line(ics, "LOCATION:" + text(event.location()));
            line(ics, "STATUS:" + (event.cancelled() ? "CANCELLED" : "CONFIRMED"));
            line(ics, "SEQUENCE:" + event.sequence());
            line(ics, "END:VEVENT");
        }
        line(ics, "END:VCALENDAR");
        return ics.toString();
    }

    /**
     * TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11), a lone CR included, and
     * drop the other control characters TEXT may not hold: stored text can never start a line of its own.
     */
    static String text(String value) {
        String escaped = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
                .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n");
        return CONTROL.matcher(escaped).replaceAll("");
    }

    /** Folds a content line into 75-octet pieces without splitting a UTF-8 character (RFC 5545, 3.1). */
    private static void line(StringBuilder ics, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                ics.append("\r\n ");
                octets = 1;
                limit = 75;
            }
            ics.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        ics.append("\r\n");
    }
}
