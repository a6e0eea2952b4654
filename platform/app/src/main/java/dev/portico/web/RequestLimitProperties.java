package dev.portico.web;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a request may send.
 *
 * @param maxRequestBody       the largest request body any endpoint reads ({@code portico.http.max-request-body},
 *                             64KB by default); a larger one is answered 413 {@code PAYLOAD_TOO_LARGE}
 * @param requestHeaderTimeout how long after a request starts its line and headers may still be arriving
 *                             ({@code portico.http.request-header-timeout}, 20 seconds by default); the connection
 *                             of a later one is closed
 * @param requestBodyTimeout   how long after a request starts its body may still be arriving
 *                             ({@code portico.http.request-body-timeout}, 30 seconds by default); a later one is
 *                             answered 408 {@code REQUEST_TIMEOUT}
 */
@ConfigurationProperties("portico.http")
record RequestLimitProperties(DataSize maxRequestBody, Duration requestHeaderTimeout, Duration requestBodyTimeout) {

    RequestLimitProperties(@Nullable DataSize maxRequestBody, @Nullable Duration requestHeaderTimeout, @Nullable Duration requestBodyTimeout) {
        this.maxRequestBody = maxRequestBody == null ? DataSize.ofKilobytes(64) : maxRequestBody;
        this.requestHeaderTimeout = requestHeaderTimeout == null ? Duration.ofSeconds(20) : requestHeaderTimeout;
        this.requestBodyTimeout = requestBodyTimeout == null ? Duration.ofSeconds(30) : requestBodyTimeout;
        if (this.maxRequestBody.toBytes() < 1 || this.maxRequestBody.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("portico.http.max-request-body must be between 1 byte and 2GB, not " + maxRequestBody);
        }
        if (this.requestHeaderTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("portico.http.request-header-timeout must be at least 1 second, not " + requestHeaderTimeout);
        }
        if (this.requestBodyTimeout.toSeconds() < 1) {
            throw new IllegalArgumentException("portico.http.request-body-timeout must be at least 1 second, not " + requestBodyTimeout);
        }
    }
}
