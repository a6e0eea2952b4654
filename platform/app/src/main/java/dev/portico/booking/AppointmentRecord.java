package dev.portico.booking;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** An appointment row with its frozen terms. */
record AppointmentRecord(UUID id, UUID customerId, UUID serviceId, UUID staffId, UUID locationId, @Nullable UUID classSessionId,
        Instant startsAt, Instant endsAt, String status, String paymentKind, @Nullable UUID packageId, BookingTerms terms,
        int rescheduleCount, Instant bookedAt) {

    static final String COLUMNS = """
            id, customer_id, service_id, staff_id, location_id, class_session_id, starts_at, ends_at, status, payment_kind,
            customer_package_id, cancel_window_minutes, reschedule_window_minutes, late_cancel_policy, max_reschedules,
            reschedule_count, booked_at""";

    static AppointmentRecord map(ResultSet rs, int row) throws SQLException {
        return new AppointmentRecord(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getObject(6, UUID.class),
                rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant(), rs.getString(9), rs.getString(10),
                rs.getObject(11, UUID.class),
                new BookingTerms(Duration.ofMinutes(rs.getInt(12)), Duration.ofMinutes(rs.getInt(13)),
                        "FORFEIT".equals(rs.getString(14)), rs.getInt(15)),
                rs.getInt(16), rs.getTimestamp(17).toInstant());
    }

    boolean booked() {
        return "BOOKED".equals(status);
    }
}
