package dev.portico.availability;

import static dev.portico.availability.AvailabilityFixtures.ANNA;
import static dev.portico.availability.AvailabilityFixtures.appointment;
import static dev.portico.availability.AvailabilityFixtures.appointments;
import static dev.portico.availability.AvailabilityFixtures.at;
import static dev.portico.availability.AvailabilityFixtures.daily;
import static dev.portico.availability.AvailabilityFixtures.hours;
import static dev.portico.availability.AvailabilityFixtures.instants;
import static dev.portico.availability.AvailabilityFixtures.interval;
import static dev.portico.availability.AvailabilityFixtures.minutes;
import static dev.portico.availability.AvailabilityFixtures.staff;
import static dev.portico.availability.AvailabilityFixtures.starts;
import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.SUNDAY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Working hours are local, appointments are instants: these pin down what happens on the nights the two disagree.
 * Europe/London springs forward at 01:00 GMT on 2026-03-29 and falls back at 01:00 GMT (02:00 BST) on 2026-10-25.
 */
class AvailabilityEngineDstUnitTests {

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final ZoneId DUBAI = ZoneId.of("Asia/Dubai");

    final AvailabilityEngine engine = new AvailabilityEngine();

    /** Night block and day block every day, one-hour appointments on a half-hour grid. */
    final StaffSchedule anna = staff(ANNA, concat(daily("00:30", "03:30"), daily("09:00", "17:00")));

    @Test
    void springForwardNightLosesTheMissingHour() {
        // Monday 23 March 00:00 GMT to Tuesday 31 March 00:00 BST.
        List<Slot> slots = engine.slots(appointments(LONDON, at("2026-03-20T00:00:00Z"), at("2026-03-23T00:00:00Z"),
                at("2026-03-30T23:00:00Z"), appointment(minutes(60)), minutes(30), Set.of(), anna));

        // Saturday night, still GMT: the block is three real hours.
        assertThat(startsBetween(slots, "2026-03-28T00:00:00Z", "2026-03-28T06:00:00Z")).containsExactlyElementsOf(instants(
                "2026-03-28T00:30:00Z", "2026-03-28T01:00:00Z", "2026-03-28T01:30:00Z", "2026-03-28T02:00:00Z",
                "2026-03-28T02:30:00Z"));
        // The night of the change: 00:30 GMT to 03:30 BST is two real hours; 02:00 and 02:30 BST follow 00:30 GMT.
        assertThat(startsBetween(slots, "2026-03-29T00:00:00Z", "2026-03-29T06:00:00Z")).containsExactlyElementsOf(instants(
                "2026-03-29T00:30:00Z", "2026-03-29T01:00:00Z", "2026-03-29T01:30:00Z"));
        assertThat(localTimes(slots, "2026-03-29T00:00:00Z", "2026-03-29T06:00:00Z"))
                .containsExactly("00:30Z", "02:00+01:00", "02:30+01:00");
        // Monday night, BST: 00:30 BST is 23:30 GMT the evening before.
        assertThat(startsBetween(slots, "2026-03-29T22:00:00Z", "2026-03-30T06:00:00Z")).containsExactlyElementsOf(instants(
                "2026-03-29T23:30:00Z", "2026-03-30T00:00:00Z", "2026-03-30T00:30:00Z", "2026-03-30T01:00:00Z",
                "2026-03-30T01:30:00Z"));
        // Day blocks: 09:00 local is 09:00Z on Saturday and 08:00Z on Sunday.
        assertThat(startsBetween(slots, "2026-03-28T06:00:00Z", "2026-03-28T20:00:00Z"))
                .hasSize(15).startsWith(at("2026-03-28T09:00:00Z")).endsWith(at("2026-03-28T16:00:00Z"));
        assertThat(startsBetween(slots, "2026-03-29T06:00:00Z", "2026-03-29T20:00:00Z"))
                .hasSize(15).startsWith(at("2026-03-29T08:00:00Z")).endsWith(at("2026-03-29T15:00:00Z"));

        // Eight days of 5 night and 15 day starts, less the two lost on the night of the change.
        assertThat(slots).hasSize(8 * 20 - 2);
        assertStrictlyIncreasingOnTheLocalGrid(slots, LONDON);
    }

    @Test
    void fallBackNightOffersTheRepeatedHourOnce() {
        // Monday 19 October 00:00 BST to Tuesday 27 October 00:00 GMT.
        List<Slot> slots = engine.slots(appointments(LONDON, at("2026-10-15T00:00:00Z"), at("2026-10-18T23:00:00Z"),
                at("2026-10-27T00:00:00Z"), appointment(minutes(60)), minutes(30), Set.of(), anna));

        // 00:30 BST to 03:30 GMT is four real hours: 01:00 and 01:30 appear once in each offset, in time order.
        assertThat(startsBetween(slots, "2026-10-24T22:00:00Z", "2026-10-25T06:00:00Z")).containsExactlyElementsOf(instants(
                "2026-10-24T23:30:00Z", "2026-10-25T00:00:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:00:00Z",
                "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z"));
        assertThat(localTimes(slots, "2026-10-24T22:00:00Z", "2026-10-25T06:00:00Z")).containsExactly(
                "00:30+01:00", "01:00+01:00", "01:30+01:00", "01:00Z", "01:30Z", "02:00Z", "02:30Z");
        // The nights either side keep three hours.
        assertThat(startsBetween(slots, "2026-10-23T22:00:00Z", "2026-10-24T06:00:00Z")).containsExactlyElementsOf(instants(
                "2026-10-23T23:30:00Z", "2026-10-24T00:00:00Z", "2026-10-24T00:30:00Z", "2026-10-24T01:00:00Z",
                "2026-10-24T01:30:00Z"));
        assertThat(startsBetween(slots, "2026-10-25T22:00:00Z", "2026-10-26T06:00:00Z")).containsExactlyElementsOf(instants(
                "2026-10-26T00:30:00Z", "2026-10-26T01:00:00Z", "2026-10-26T01:30:00Z", "2026-10-26T02:00:00Z",
                "2026-10-26T02:30:00Z"));
        assertThat(startsBetween(slots, "2026-10-24T06:00:00Z", "2026-10-24T20:00:00Z"))
                .hasSize(15).startsWith(at("2026-10-24T08:00:00Z")).endsWith(at("2026-10-24T15:00:00Z"));
        assertThat(startsBetween(slots, "2026-10-25T06:00:00Z", "2026-10-25T20:00:00Z"))
                .hasSize(15).startsWith(at("2026-10-25T09:00:00Z")).endsWith(at("2026-10-25T16:00:00Z"));

        assertThat(slots).hasSize(8 * 20 + 2);
        assertStrictlyIncreasingOnTheLocalGrid(slots, LONDON);
    }

    @Test
    void aBookingInTheFirstPassOfTheRepeatedHourLeavesTheSecondFree() {
        // 01:00 BST to 01:00 GMT: the first pass of the repeated hour.
        StaffSchedule booked = staff(ANNA, daily("00:30", "03:30"), List.of(),
                List.of(interval("2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z")));
        AvailabilityRequest request = appointments(LONDON, at("2026-10-15T00:00:00Z"), at("2026-10-24T22:00:00Z"),
                at("2026-10-25T06:00:00Z"), appointment(minutes(60)), minutes(30), Set.of(), booked);

        assertThat(starts(engine.slots(request))).containsExactlyElementsOf(instants(
                "2026-10-25T01:00:00Z", "2026-10-25T01:30:00Z", "2026-10-25T02:00:00Z", "2026-10-25T02:30:00Z"));
        assertThat(engine.slotAt(request, at("2026-10-25T01:00:00Z"), ANNA)).isPresent();
        assertThat(engine.slotAt(request, at("2026-10-25T00:30:00Z"), ANNA)).isEmpty();
    }

    @Test
    void aBlockStartingInTheGapStartsWhenZonedDateTimePutsIt() {
        // 01:30 does not exist on 29 March; ZonedDateTime moves it an hour later, to 02:30 BST (01:30Z).
        LocalDate changeDay = LocalDate.of(2026, 3, 29);
        StaffSchedule gap = staff(ANNA, List.of(hours(SUNDAY, "01:30", "03:30", changeDay, changeDay)));
        AvailabilityRequest request = appointments(LONDON, at("2026-03-20T00:00:00Z"), at("2026-03-28T00:00:00Z"),
                at("2026-03-31T00:00:00Z"), appointment(minutes(30)), minutes(30), Set.of(), gap);

        assertThat(starts(engine.slots(request))).containsExactlyElementsOf(instants(
                "2026-03-29T01:30:00Z", "2026-03-29T02:00:00Z"));
        assertThat(engine.slotAt(request, at("2026-03-29T01:30:00Z"), null)).isPresent();
        assertThat(engine.slotAt(request, at("2026-03-29T00:30:00Z"), null)).isEmpty();
    }

    @Test
    void slotAtAgreesAcrossTheSpringForwardNight() {
        AvailabilityRequest request = appointments(LONDON, at("2026-03-20T00:00:00Z"), at("2026-03-23T00:00:00Z"),
                at("2026-03-30T23:00:00Z"), appointment(minutes(60)), minutes(30), Set.of(), anna);

        assertThat(engine.slotAt(request, at("2026-03-29T01:00:00Z"), ANNA)).map(Slot::endsAt)
                .contains(at("2026-03-29T02:00:00Z"));
        assertThat(engine.slotAt(request, at("2026-03-29T00:45:00Z"), ANNA)).isEmpty();
        assertThat(engine.slotAt(request, at("2026-03-29T02:00:00Z"), ANNA)).isEmpty();
    }

    @Test
    void dubaiHasNoChangeAndLocalWeekdays() {
        StaffSchedule dubai = staff(ANNA, concat(daily("09:00", "17:00"), List.of(hours(FRIDAY, "00:30", "01:30"))));

        List<Slot> slots = engine.slots(appointments(DUBAI, at("2026-03-20T00:00:00Z"), at("2026-03-22T20:00:00Z"),
                at("2026-03-29T20:00:00Z"), appointment(minutes(60)), minutes(30), Set.of(), dubai));

        assertThat(slots).hasSize(7 * 15 + 1);
        // Friday 00:30 in Dubai is Thursday 20:30 UTC.
        assertThat(slots).extracting(Slot::startsAt).contains(at("2026-03-26T20:30:00Z"));
        assertThat(startsBetween(slots, "2026-03-29T00:00:00Z", "2026-03-29T20:00:00Z"))
                .hasSize(15).startsWith(at("2026-03-29T05:00:00Z")).endsWith(at("2026-03-29T12:00:00Z"));
        assertStrictlyIncreasingOnTheLocalGrid(slots, DUBAI);
    }

    private static List<Instant> startsBetween(List<Slot> slots, String from, String to) {
        return starts(slots).stream().filter(start -> !start.isBefore(at(from)) && start.isBefore(at(to))).toList();
    }

    private static List<String> localTimes(List<Slot> slots, String from, String to) {
        return startsBetween(slots, from, to).stream()
                .map(start -> start.atZone(LONDON).toOffsetDateTime().toOffsetTime().toString()).toList();
    }

    private static void assertStrictlyIncreasingOnTheLocalGrid(List<Slot> slots, ZoneId zone) {
        for (int i = 1; i < slots.size(); i++) {
            assertThat(slots.get(i).startsAt()).isAfter(slots.get(i - 1).startsAt());
        }
        assertThat(slots).allSatisfy(slot -> {
            LocalTime local = slot.startsAt().atZone(zone).toLocalTime();
            assertThat(local.getMinute() % 30).isZero();
            assertThat(local.getSecond()).isZero();
        });
    }

    @SafeVarargs
    private static <T> List<T> concat(List<T>... lists) {
        List<T> all = new ArrayList<>();
        for (List<T> list : lists) {
            all.addAll(list);
        }
        return all;
    }
}
