/** The availability engine: bookable slots from schedules, bookings and rules, as a pure function of its inputs. */
@NullMarked
package dev.portico.availability;

import org.jspecify.annotations.NullMarked;
