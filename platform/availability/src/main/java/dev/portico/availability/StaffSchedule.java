package dev.portico.availability;

import java.util.List;
import java.util.UUID;

/**
 * What the engine knows of one staff member for appointment services.
 *
 * @param staffId the staff member
 * @param hours   weekly working hours
 * @param timeOff absences (holidays, sick days), as instants
 * @param busy    existing appointments, as instants, without buffers (the engine adds the service's buffers)
 */
public record StaffSchedule(UUID staffId, List<WorkingHours> hours, List<Interval> timeOff, List<Interval> busy) {}
