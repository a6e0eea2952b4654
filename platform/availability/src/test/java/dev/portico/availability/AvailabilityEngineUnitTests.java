package dev.portico.availability;

import static dev.portico.availability.AvailabilityFixtures.ANNA;
import static dev.portico.availability.AvailabilityFixtures.BEN;
import static dev.portico.availability.AvailabilityFixtures.CARA;
import static dev.portico.availability.AvailabilityFixtures.appointment;
import static dev.portico.availability.AvailabilityFixtures.appointments;
import static dev.portico.availability.AvailabilityFixtures.at;
import static dev.portico.availability.AvailabilityFixtures.classes;
import static dev.portico.availability.AvailabilityFixtures.hours;
import static dev.portico.availability.AvailabilityFixtures.instants;
import static dev.portico.availability.AvailabilityFixtures.interval;
import static dev.portico.availability.AvailabilityFixtures.minutes;
import static dev.portico.availability.AvailabilityFixtures.session;
import static dev.portico.availability.AvailabilityFixtures.staff;
import static dev.portico.availability.AvailabilityFixtures.starts;
import static dev.portico.availability.AvailabilityFixtures.yogaClass;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AvailabilityEngineUnitTests {

    static final ZoneId UTC = ZoneId.of("UTC");
    // Sunday night before the week the tests book into; 2026-03-02 is a Monday.
    static final Instant NOW = at("2026-03-01T00:00:00Z");

    final AvailabilityEngine engine = new AvailabilityEngine();

    @Nested
    class Classes {

        final ServiceSpec yoga = yogaClass(Duration.ZERO, Duration.ofDays(30));

        @Test
        void aSessionOffersItsFreePlaces() {
            ClassSession session = session(ANNA, "2026-03-02T18:00:00Z", 12, 5, false);

            List<Slot> slots = engine.slots(classes(NOW, NOW, at("2026-03-03T00:00:00Z"), yoga, Set.of(), session));

            assertThat(slots).containsExactly(
                    new Slot(session.startsAt(), session.endsAt(), ANNA, 7, session.id()));
        }

        @Test
        void fullAndCancelledSessionsAreNotOffered() {
            ClassSession open = session(ANNA, "2026-03-02T07:00:00Z", 10, 9, false);
            ClassSession full = session(ANNA, "2026-03-02T09:00:00Z", 10, 10, false);
            ClassSession overbooked = session(ANNA, "2026-03-02T11:00:00Z", 10, 11, false);
            ClassSession cancelled = session(BEN, "2026-03-02T18:00:00Z", 10, 0, true);

            List<Slot> slots = engine.slots(classes(NOW, NOW, at("2026-03-03T00:00:00Z"), yoga, Set.of(),
                    cancelled, full, open, overbooked));

            assertThat(slots).extracting(Slot::classSessionId).containsExactly(open.id());
            assertThat(slots.getFirst().spotsLeft()).isEqualTo(1);
        }

        @Test
        void onlyTheRequestedTeachersAreOffered() {
            ClassSession anna = session(ANNA, "2026-03-02T07:00:00Z", 10, 0, false);
            ClassSession ben = session(BEN, "2026-03-02T08:00:00Z", 10, 0, false);
            ClassSession cara = session(CARA, "2026-03-02T09:00:00Z", 10, 0, false);

            List<Slot> slots = engine.slots(classes(NOW, NOW, at("2026-03-03T00:00:00Z"), yoga, Set.of(ANNA, CARA),
                    cara, ben, anna));

            assertThat(slots).extracting(Slot::staffId).containsExactly(ANNA, CARA);
        }

        @Test
        void sessionsAreOfferedFromTheWindowStartUpToButExcludingItsEnd() {
            ClassSession atFrom = session(ANNA, "2026-03-02T07:00:00Z", 10, 0, false);
            ClassSession beforeFrom = session(ANNA, "2026-03-02T06:59:59Z", 10, 0, false);
            ClassSession atTo = session(ANNA, "2026-03-02T20:00:00Z", 10, 0, false);

            List<Slot> slots = engine.slots(classes(NOW, at("2026-03-02T07:00:00Z"), at("2026-03-02T20:00:00Z"), yoga,
                    Set.of(), atTo, beforeFrom, atFrom));

            assertThat(starts(slots)).containsExactly(at("2026-03-02T07:00:00Z"));
        }

        @Test
        void minNoticeAndMaxAdvanceBoundariesAreInclusive() {
            ServiceSpec rules = yogaClass(Duration.ofHours(2), Duration.ofDays(7));
            Instant now = at("2026-03-02T08:00:00Z");
            ClassSession tooSoon = session(ANNA, "2026-03-02T09:59:59.999Z", 10, 0, false);
            ClassSession firstBookable = session(ANNA, "2026-03-02T10:00:00Z", 10, 0, false);
            ClassSession lastBookable = session(BEN, "2026-03-09T08:00:00Z", 10, 0, false);
            ClassSession tooFar = session(BEN, "2026-03-09T08:00:00.000000001Z", 10, 0, false);

            List<Slot> slots = engine.slots(classes(now, now, at("2026-03-31T00:00:00Z"), rules, Set.of(),
                    tooSoon, firstBookable, lastBookable, tooFar));

            assertThat(starts(slots)).containsExactly(firstBookable.startsAt(), lastBookable.startsAt());
        }

        @Test
        void twoSessionsAtTheSameTimeAreBothOffered() {
            ClassSession studioA = session(ANNA, "2026-03-02T07:00:00Z", 10, 0, false);
            ClassSession studioB = new ClassSession(UUID.fromString("00000000-0000-0000-0000-0000000000b2"), ANNA,
                    studioA.startsAt(), studioA.endsAt(), 8, 2, false);

            List<Slot> slots = engine.slots(classes(NOW, NOW, at("2026-03-03T00:00:00Z"), yoga, Set.of(),
                    studioA, studioB, studioA));

            assertThat(slots).extracting(Slot::classSessionId).containsExactlyInAnyOrder(studioA.id(), studioB.id());
        }

        @Test
        void slotAtFindsABookableSession() {
            ClassSession open = session(ANNA, "2026-03-02T07:00:00Z", 10, 4, false);
            ClassSession full = session(BEN, "2026-03-02T09:00:00Z", 10, 10, false);
            AvailabilityRequest request = classes(NOW, NOW, at("2026-03-03T00:00:00Z"), yoga, Set.of(), open, full);

            assertThat(engine.slotAt(request, open.startsAt(), ANNA)).hasValueSatisfying(
                    slot -> assertThat(slot.spotsLeft()).isEqualTo(6));
            assertThat(engine.slotAt(request, open.startsAt(), BEN)).isEmpty();
            assertThat(engine.slotAt(request, full.startsAt(), null)).isEmpty();
        }
    }

    @Nested
    class Window {

        @Test
        void anEmptyOrInvertedWindowGivesNothing() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "17:00")));
            ServiceSpec massage = appointment(minutes(60));

            assertThat(engine.slots(appointments(UTC, NOW, at("2026-03-02T09:00:00Z"), at("2026-03-02T09:00:00Z"),
                    massage, minutes(15), Set.of(), anna))).isEmpty();
            assertThat(engine.slots(appointments(UTC, NOW, at("2026-03-03T00:00:00Z"), at("2026-03-02T00:00:00Z"),
                    massage, minutes(15), Set.of(), anna))).isEmpty();
        }

        @Test
        void theFirstStartIsExactlyNowPlusMinNotice() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "13:00")));
            ServiceSpec massage = appointment(minutes(60), Duration.ZERO, Duration.ZERO, Duration.ofHours(2), Duration.ofDays(30));

            Instant onTheDot = at("2026-03-02T08:00:00Z");
            Instant aNanoLater = onTheDot.plusNanos(1);

            assertThat(engine.slots(appointments(UTC, onTheDot, onTheDot, at("2026-03-03T00:00:00Z"), massage,
                    minutes(15), Set.of(), anna))).first().extracting(Slot::startsAt).isEqualTo(at("2026-03-02T10:00:00Z"));
            assertThat(engine.slots(appointments(UTC, aNanoLater, aNanoLater, at("2026-03-03T00:00:00Z"), massage,
                    minutes(15), Set.of(), anna))).first().extracting(Slot::startsAt).isEqualTo(at("2026-03-02T10:15:00Z"));
        }

        @Test
        void theLastStartIsExactlyNowPlusMaxAdvance() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "13:00")));
            ServiceSpec massage = appointment(minutes(60), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofDays(1));

            Instant now = at("2026-03-01T10:30:00Z");
            List<Slot> slots = engine.slots(appointments(UTC, now, now, at("2026-03-31T00:00:00Z"), massage, minutes(15),
                    Set.of(), anna));

            assertThat(slots).last().extracting(Slot::startsAt).isEqualTo(at("2026-03-02T10:30:00Z"));
        }

        @Test
        void aWindowStartingBetweenGridPointsMovesToTheNextOne() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:10", "11:00")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, at("2026-03-02T09:17:00Z"), at("2026-03-03T00:00:00Z"),
                    appointment(minutes(30)), minutes(20), Set.of(), anna));

            assertThat(starts(slots)).containsExactlyElementsOf(instants(
                    "2026-03-02T09:30:00Z", "2026-03-02T09:50:00Z", "2026-03-02T10:10:00Z", "2026-03-02T10:30:00Z"));
        }
    }

    @Nested
    class Appointments {

        final Instant monday = at("2026-03-02T00:00:00Z");
        final Instant tuesday = at("2026-03-03T00:00:00Z");

        @Test
        void startsFollowTheStepFromTheBlockStartAndEndInsideTheBlock() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:10", "11:00")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, appointment(minutes(45)), minutes(20),
                    Set.of(), anna));

            assertThat(starts(slots)).containsExactlyElementsOf(instants(
                    "2026-03-02T09:10:00Z", "2026-03-02T09:30:00Z", "2026-03-02T09:50:00Z", "2026-03-02T10:10:00Z"));
            assertThat(slots).allSatisfy(slot -> {
                assertThat(slot.endsAt()).isEqualTo(slot.startsAt().plus(minutes(45)));
                assertThat(slot.spotsLeft()).isEqualTo(1);
                assertThat(slot.classSessionId()).isNull();
                assertThat(slot.staffId()).isEqualTo(ANNA);
            });
        }

        @Test
        void aLunchBreakSplitsTheDayIntoTwoBlocks() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "13:00", "15:00"), hours(MONDAY, "09:00", "12:00")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, appointment(minutes(60)), minutes(30),
                    Set.of(), anna));

            assertThat(starts(slots)).containsExactlyElementsOf(instants(
                    "2026-03-02T09:00:00Z", "2026-03-02T09:30:00Z", "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z",
                    "2026-03-02T11:00:00Z", "2026-03-02T13:00:00Z", "2026-03-02T13:30:00Z", "2026-03-02T14:00:00Z"));
        }

        @Test
        void bookingsAreKeptClearByBothBuffers() {
            // 10 minutes before and 5 after: a new appointment needs 15 minutes either side of an existing one.
            ServiceSpec massage = appointment(minutes(60), minutes(10), minutes(5), Duration.ZERO, Duration.ofDays(30));
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "14:00")), List.of(),
                    List.of(interval("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, massage, minutes(15), Set.of(), anna));

            assertThat(starts(slots)).containsExactlyElementsOf(instants(
                    "2026-03-02T09:00:00Z", "2026-03-02T09:15:00Z", "2026-03-02T09:30:00Z", "2026-03-02T09:45:00Z",
                    "2026-03-02T12:15:00Z", "2026-03-02T12:30:00Z", "2026-03-02T12:45:00Z", "2026-03-02T13:00:00Z"));
        }

        @Test
        void timeOffIsKeptClearOfTheBufferedAppointment() {
            ServiceSpec massage = appointment(minutes(60), minutes(10), minutes(5), Duration.ZERO, Duration.ofDays(30));
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "11:00", "16:00")),
                    List.of(interval("2026-03-02T13:00:00Z", "2026-03-02T14:00:00Z")), List.of());

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, massage, minutes(15), Set.of(), anna));

            // 11:55 would be the latest start before (its after-buffer ends at 13:00); 14:10 the earliest after.
            assertThat(starts(slots)).containsExactlyElementsOf(instants(
                    "2026-03-02T11:00:00Z", "2026-03-02T11:15:00Z", "2026-03-02T11:30:00Z", "2026-03-02T11:45:00Z",
                    "2026-03-02T14:15:00Z", "2026-03-02T14:30:00Z", "2026-03-02T14:45:00Z", "2026-03-02T15:00:00Z"));
        }

        @Test
        void buffersMayReachOutsideWorkingHours() {
            ServiceSpec massage = appointment(minutes(60), minutes(30), minutes(30), Duration.ZERO, Duration.ofDays(30));
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "11:00")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, massage, minutes(60), Set.of(), anna));

            assertThat(starts(slots)).containsExactlyElementsOf(instants("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"));
        }

        @Test
        void adjacentBookingsWithoutBuffersLeaveTheGapBetweenThem() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "12:00")), List.of(), List.of(
                    interval("2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z"),
                    interval("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z"),
                    interval("2026-03-02T09:30:00Z", "2026-03-02T09:45:00Z")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, appointment(minutes(60)), minutes(15),
                    Set.of(), anna));

            assertThat(starts(slots)).containsExactly(at("2026-03-02T10:00:00Z"));
        }

        @Test
        void workingHoursApplyOnlyBetweenTheirValidityDates() {
            StaffSchedule anna = staff(ANNA, List.of(
                    hours(MONDAY, "09:00", "10:00", LocalDate.of(2026, 3, 9), LocalDate.of(2026, 3, 16)),
                    hours(TUESDAY, "09:00", "10:00", LocalDate.of(2026, 3, 17), null)));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, NOW, at("2026-04-01T00:00:00Z"), appointment(minutes(60)),
                    minutes(15), Set.of(), anna));

            assertThat(starts(slots)).containsExactlyElementsOf(instants(
                    "2026-03-09T09:00:00Z", "2026-03-16T09:00:00Z", "2026-03-17T09:00:00Z", "2026-03-24T09:00:00Z",
                    "2026-03-31T09:00:00Z"));
        }

        @Test
        void severalStaffAreMergedByStartThenStaff() {
            StaffSchedule cara = staff(CARA, List.of(hours(MONDAY, "09:00", "11:00")));
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:30", "11:00")));
            StaffSchedule ben = staff(BEN, List.of(hours(MONDAY, "09:00", "10:30")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, appointment(minutes(60)), minutes(30),
                    Set.of(), cara, anna, ben));

            assertThat(slots).extracting(Slot::startsAt, Slot::staffId).containsExactly(
                    org.assertj.core.groups.Tuple.tuple(at("2026-03-02T09:00:00Z"), BEN),
                    org.assertj.core.groups.Tuple.tuple(at("2026-03-02T09:00:00Z"), CARA),
                    org.assertj.core.groups.Tuple.tuple(at("2026-03-02T09:30:00Z"), ANNA),
                    org.assertj.core.groups.Tuple.tuple(at("2026-03-02T09:30:00Z"), BEN),
                    org.assertj.core.groups.Tuple.tuple(at("2026-03-02T09:30:00Z"), CARA),
                    org.assertj.core.groups.Tuple.tuple(at("2026-03-02T10:00:00Z"), ANNA),
                    org.assertj.core.groups.Tuple.tuple(at("2026-03-02T10:00:00Z"), CARA));
        }

        @Test
        void onlyTheRequestedStaffAreOffered() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "10:00")));
            StaffSchedule ben = staff(BEN, List.of(hours(MONDAY, "09:00", "10:00")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, appointment(minutes(60)), minutes(30),
                    Set.of(BEN), anna, ben));

            assertThat(slots).extracting(Slot::staffId).containsExactly(BEN);
        }

        @Test
        void overlappingBlocksAndARepeatedScheduleGiveEachSlotOnce() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "11:00"), hours(MONDAY, "10:00", "12:00")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, appointment(minutes(60)), minutes(60),
                    Set.of(), anna, anna));

            assertThat(starts(slots)).containsExactlyElementsOf(instants(
                    "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z"));
        }

        @Test
        void aStaffMemberListedTwiceIsOnePerson() {
            StaffSchedule hours = staff(ANNA, List.of(hours(MONDAY, "09:00", "12:00")));
            StaffSchedule booking = staff(ANNA, List.of(), List.of(),
                    List.of(interval("2026-03-02T10:00:00Z", "2026-03-02T11:00:00Z")));

            List<Slot> slots = engine.slots(appointments(UTC, NOW, monday, tuesday, appointment(minutes(60)), minutes(60),
                    Set.of(), hours, booking));

            assertThat(starts(slots)).containsExactlyElementsOf(instants("2026-03-02T09:00:00Z", "2026-03-02T11:00:00Z"));
        }

        @Test
        void aStepThatCannotAdvanceIsRefused() {
            StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "10:00")));

            assertThatThrownBy(() -> engine.slots(appointments(UTC, NOW, monday, tuesday, appointment(minutes(60)),
                    Duration.ZERO, Set.of(), anna))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
        }
    }

    @Nested
    class SlotAt {

        final ServiceSpec massage = appointment(minutes(60), minutes(10), minutes(5), Duration.ZERO, Duration.ofDays(30));
        final StaffSchedule anna = staff(ANNA, List.of(hours(MONDAY, "09:00", "17:00")), List.of(),
                List.of(interval("2026-03-02T11:00:00Z", "2026-03-02T12:00:00Z")));
        final StaffSchedule ben = staff(BEN, List.of(hours(MONDAY, "10:00", "17:00")));
        final AvailabilityRequest request = appointments(UTC, NOW, NOW, at("2026-03-31T00:00:00Z"), massage, minutes(15),
                Set.of(), anna, ben);

        @Test
        void aStartOnTheGridIsBookable() {
            assertThat(engine.slotAt(request, at("2026-03-02T09:45:00Z"), ANNA))
                    .contains(new Slot(at("2026-03-02T09:45:00Z"), at("2026-03-02T10:45:00Z"), ANNA, 1, null));
        }

        @Test
        void aStartOffTheGridIsNot() {
            assertThat(engine.slotAt(request, at("2026-03-02T09:50:00Z"), ANNA)).isEmpty();
            assertThat(engine.slotAt(request, at("2026-03-02T09:45:00.001Z"), null)).isEmpty();
        }

        @Test
        void aTakenStartIsNot() {
            assertThat(engine.slotAt(request, at("2026-03-02T11:00:00Z"), ANNA)).isEmpty();
            assertThat(engine.slotAt(request, at("2026-03-02T10:00:00Z"), ANNA)).isEmpty();
        }

        @Test
        void withoutAStaffMemberTheFirstFreeOneIsChosen() {
            assertThat(engine.slotAt(request, at("2026-03-02T10:00:00Z"), null)).map(Slot::staffId).contains(BEN);
            assertThat(engine.slotAt(request, at("2026-03-02T13:00:00Z"), null)).map(Slot::staffId).contains(ANNA);
        }

        @Test
        void theRequestsStaffFilterAndWindowStillApply() {
            AvailabilityRequest annaOnly = new AvailabilityRequest(UTC, NOW, NOW, at("2026-03-31T00:00:00Z"), massage,
                    request.staff(), List.of(), Set.of(ANNA), minutes(15));
            AvailabilityRequest mondayMorning = new AvailabilityRequest(UTC, NOW, at("2026-03-02T00:00:00Z"),
                    at("2026-03-02T13:00:00Z"), massage, request.staff(), List.of(), Set.of(), minutes(15));

            assertThat(engine.slotAt(annaOnly, at("2026-03-02T13:00:00Z"), BEN)).isEmpty();
            assertThat(engine.slotAt(annaOnly, at("2026-03-02T10:00:00Z"), null)).isEmpty();
            assertThat(engine.slotAt(mondayMorning, at("2026-03-02T13:00:00Z"), ANNA)).isEmpty();
            assertThat(engine.slotAt(mondayMorning, at("2026-03-02T12:45:00Z"), ANNA)).isPresent();
        }
    }
}
