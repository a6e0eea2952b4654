package dev.portico.availability;

/** A class (many customers, scheduled sessions) or an appointment (one customer, cut from staff hours). */
public enum ServiceKind {
    CLASS,
    APPOINTMENT
}
