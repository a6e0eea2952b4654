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
}
