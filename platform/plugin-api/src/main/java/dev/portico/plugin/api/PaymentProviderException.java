package dev.portico.plugin.api;

/**
 * The provider could not be reached or answered in a way that leaves the outcome unknown (timeout, 5xx);
 * the host may retry with the same idempotency key.
 */
public class PaymentProviderException extends RuntimeException {

    private final boolean retryable;

    public PaymentProviderException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public PaymentProviderException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    /** Whether the same call, with the same idempotency key, may succeed later. */
    public boolean retryable() {
        return retryable;
    }
}
