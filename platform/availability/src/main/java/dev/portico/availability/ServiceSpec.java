package dev.portico.availability;

import java.time.Duration;
import java.util.UUID;

/**
 * The service being booked and its booking rules.
 *
 * @param id           service id
 * @param kind         class or appointment
 * @param duration     how long one booking lasts
 * @param bufferBefore staff time kept free before an appointment
 * @param bufferAfter  staff time kept free after an appointment
 * @param minNotice    how long before the start booking closes
 * @param maxAdvance   how far ahead booking opens
 */
public record ServiceSpec(UUID id, ServiceKind kind, Duration duration, Duration bufferBefore, Duration bufferAfter,
        Duration minNotice, Duration maxAdvance) {}
