package dev.portico.plugins.stripe;

import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeError;
import dev.portico.plugin.api.PaymentProviderException;

/** Sorts Stripe's errors into the three outcomes the host knows: refused, unknown (retry), misconfigured. */
final class StripeFailures {

    private StripeFailures() {
    }

    /**
     * Stripe looked at the request and said no: a declined card or parameters it will never accept. Nothing was
     * charged, and the same request will get the same answer.
     */
    static boolean isRefusal(StripeException e) {
        return e instanceof CardException || e instanceof InvalidRequestException;
    }

    /**
     * The outcome is unknown or the refusal temporary (connection trouble, rate limit or lock timeout, a
     * concurrent request with the same key, 5xx, an unreadable answer), so the same call with the same
     * idempotency key may succeed later.
     */
    static boolean isTransient(StripeException e) {
        if (e instanceof RateLimitException || e instanceof ApiConnectionException) {
            return true;
        }
        if (e instanceof ApiException) {
            Integer status = e.getStatusCode();
            // 409: another request with the same idempotency key is still in flight; an unreadable 2xx may hide
            // a success
            return status == null || status == 409 || status < 400 || status >= 500;
        }
        return false;
    }

    /** A short human reason: Stripe's own message with its error (and decline) code, no request noise. */
    static String reason(StripeException e) {
        StripeError error = e.getStripeError();
        String message = error != null && error.getMessage() != null ? error.getMessage() : e.getMessage();
        String code = e.getCode();
        if (e instanceof CardException card && card.getDeclineCode() != null
                && !card.getDeclineCode().equals(code)) {
            code = code == null ? card.getDeclineCode() : code + ": " + card.getDeclineCode();
        }
        return code == null ? message : message + " (" + code + ")";
    }

    /** The exception the host expects when a payment call neither succeeded nor was refused. */
    static PaymentProviderException unknownOutcome(String action, StripeException e) {
        String requestId = e.getRequestId() == null ? "" : " [" + e.getRequestId() + "]";
        return new PaymentProviderException("Stripe " + action + " failed: " + reason(e) + requestId, isTransient(e), e);
    }
}
