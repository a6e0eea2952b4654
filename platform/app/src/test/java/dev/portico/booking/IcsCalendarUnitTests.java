package dev.portico.booking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

class IcsCalendarUnitTests {

    @Test
    void longTextWithSpecialCharactersIsEscapedFoldedAndReadBackIntact() throws Exception {
        String summary = "يوغا فينياسا, Reformer; Pilates \\ with Layla — a very long title that certainly needs folding to fit";
        String ics = IcsCalendar.write("Serenity Yoga & Pilates", List.of(new IcsCalendar.Event("abc@serenity.portico",
                Instant.parse("2026-12-01T14:00:00Z"), Instant.parse("2026-12-01T15:00:00Z"), summary, "Villa 14, Al Wasl Road",
                false, 0)), Instant.parse("2026-11-25T10:00:00Z"));

        assertThat(ics.split("\r\n")).allSatisfy(line -> assertThat(line.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(75));
        assertThat(ics).doesNotContain("\n\n").endsWith("END:VCALENDAR\r\n");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        VEvent event = (VEvent) calendar.getComponents("VEVENT").getFirst();
        assertThat(event.getProperty("SUMMARY").orElseThrow().getValue()).isEqualTo(summary);
        assertThat(event.getProperty("LOCATION").orElseThrow().getValue()).isEqualTo("Villa 14, Al Wasl Road");
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
    }

    /**
     * Stored text cannot add lines to a calendar (CRLF injection): whatever line breaks and control characters a
     * service, location or studio name holds, the only line breaks in the feed are the writer's own CRLFs, no line
     * but the writer's own starts a property, and the text reads back as one value.
     */
    @Test
    void lineBreaksAndControlCharactersInStoredTextCannotAddProperties() throws Exception {
        String hostile = "Yoga\rX-INJECTED-CR:1\nX-INJECTED-LF:2\r\nX-INJECTED-CRLF:3\u0000\u000b\u001b[31m\u007f<script>alert(1)</script>";
        String ics = IcsCalendar.write(hostile, List.of(new IcsCalendar.Event("abc@serenity.portico", Instant.parse("2026-12-01T14:00:00Z"),
                Instant.parse("2026-12-01T15:00:00Z"), hostile, hostile, false, 0)), Instant.parse("2026-11-25T10:00:00Z"));

        assertThat(ics.replace("\r\n", "")).as("line breaks other than the writer's CRLFs").doesNotContain("\r").doesNotContain("\n");
        assertThat(ics.chars().filter(c -> c < 0x20 && c != '\r' && c != '\n' || c == 0x7f)).as("control characters").isEmpty();
        assertThat(ics.split("\r\n")).noneMatch(line -> line.startsWith("X-INJECTED"));
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        VEvent event = (VEvent) calendar.getComponents("VEVENT").getFirst();
        assertThat(event.getProperty("SUMMARY").orElseThrow().getValue()).startsWith("Yoga").contains("X-INJECTED-CRLF:3");
        assertThat(event.getProperties().stream().map(p -> ((net.fortuna.ical4j.model.Property) p).getName())).noneMatch(name -> name.startsWith("X-INJECTED"));
    }
}
