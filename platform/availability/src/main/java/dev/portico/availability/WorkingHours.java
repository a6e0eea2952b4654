package dev.portico.availability;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import org.jspecify.annotations.Nullable;

/**
 * One weekly block of a staff member's working time, in the studio's local time.
 *
 * @param day        the weekday
 * @param start      local start time
 * @param end        local end time, after {@code start}
 * @param validFrom  first date the block applies
 * @param validUntil last date it applies, or null for open-ended
 */
public record WorkingHours(DayOfWeek day, LocalTime start, LocalTime end, LocalDate validFrom, @Nullable LocalDate validUntil) {}
