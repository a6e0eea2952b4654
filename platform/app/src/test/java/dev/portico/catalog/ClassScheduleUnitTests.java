package dev.portico.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A weekly timetable keeps its local times through daylight-saving changes. */
class ClassScheduleUnitTests {

    static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void eighteenHundredStaysEighteenHundredLocalWhenTheClocksGoForward() {
        // British Summer Time starts on Sunday 28 March 2027.
        List<ZonedDateTime> starts = ClassSchedule.occurrences(Set.of(DayOfWeek.SATURDAY, DayOfWeek.MONDAY), LocalTime.of(18, 0),
                LocalDate.of(2027, 3, 22), LocalDate.of(2027, 4, 4), LONDON);

        assertThat(starts).extracting(ZonedDateTime::toInstant).containsExactly(
                Instant.parse("2027-03-22T18:00:00Z"), Instant.parse("2027-03-27T18:00:00Z"),
                Instant.parse("2027-03-29T17:00:00Z"), Instant.parse("2027-04-03T17:00:00Z"));
        assertThat(starts).extracting(ZonedDateTime::toLocalTime).containsOnly(LocalTime.of(18, 0));
    }

    @Test
    void aTimeTheClocksSkipMovesForwardAndARepeatedTimeTakesTheEarlierOne() {
        List<ZonedDateTime> spring = ClassSchedule.occurrences(Set.of(DayOfWeek.SUNDAY), LocalTime.of(1, 30),
                LocalDate.of(2027, 3, 28), LocalDate.of(2027, 3, 28), LONDON);
        List<ZonedDateTime> autumn = ClassSchedule.occurrences(Set.of(DayOfWeek.SUNDAY), LocalTime.of(1, 30),
                LocalDate.of(2026, 10, 25), LocalDate.of(2026, 10, 25), LONDON);

        assertThat(spring).extracting(ZonedDateTime::toInstant).containsExactly(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(autumn).extracting(ZonedDateTime::toInstant).containsExactly(Instant.parse("2026-10-25T00:30:00Z"));
    }

    @Test
    void onlyTheChosenWeekdaysInTheWindowBothEndsIncluded() {
        List<ZonedDateTime> starts = ClassSchedule.occurrences(Set.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY), LocalTime.of(7, 0),
                LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 29), ZoneId.of("Asia/Dubai"));

        assertThat(starts).hasSize(9);
        assertThat(starts.getFirst().toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 1));
        assertThat(starts.getLast().toLocalDate()).isEqualTo(LocalDate.of(2026, 12, 29));
        assertThat(starts).extracting(ZonedDateTime::getDayOfWeek).containsOnly(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY);
    }
}
