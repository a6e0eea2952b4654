package dev.portico.booking;

import dev.portico.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The refusals of booking, each with the code a client switches on. */
final class BookingFailures {

    private BookingFailures() {
    }

    static ApiException field(String field, String message) {
        return ApiException.validation(List.of(new ApiException.FieldProblem(field, message)));
    }

    static ApiException slotUnavailable() {
        return new ApiException(HttpStatus.CONFLICT, "SLOT_UNAVAILABLE", "Not available",
                "That time is no longer available. Please pick another.");
    }

    static ApiException alreadyBooked() {
        return new ApiException(HttpStatus.CONFLICT, "ALREADY_BOOKED", "Already booked", "You already have a place in this class.");
    }

    static ApiException notActive(String status) {
        return new ApiException(HttpStatus.CONFLICT, "BOOKING_NOT_ACTIVE", "Booking not active",
                "This booking is " + status.toLowerCase().replace('_', ' ') + " and can no longer be changed.");
    }

    static ApiException refused(String code, String message) {
        return new ApiException(HttpStatus.CONFLICT, code, "Not allowed", message);
    }
}
