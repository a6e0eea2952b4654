/** Bookings: availability, booking with credits, cancelling and rescheduling under each booking's frozen terms. */
@NullMarked
package dev.portico.booking;

import org.jspecify.annotations.NullMarked;
