package dev.portico.web;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits on what a request may send.
 *
 * @param maxRequestBody the largest request body any endpoint reads ({@code portico.http.max-request-body}, 64KB by
 *                       default); a larger one is answered 413 {@code PAYLOAD_TOO_LARGE}
 */
@ConfigurationProperties("portico.http")
record RequestLimitProperties(DataSize maxRequestBody) {

    RequestLimitProperties(@Nullable DataSize maxRequestBody) {
        this.maxRequestBody = maxRequestBody == null ? DataSize.ofKilobytes(64) : maxRequestBody;
        if (this.maxRequestBody.toBytes() < 1 || this.maxRequestBody.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("portico.http.max-request-body must be between 1 byte and 2GB, not " + maxRequestBody);
        }
    }
}
