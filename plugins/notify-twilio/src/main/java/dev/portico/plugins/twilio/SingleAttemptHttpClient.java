package dev.portico.plugins.twilio;

import com.twilio.http.HttpClient;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;

/**
 * The SDK's HTTP client for one message: it makes exactly one attempt and tags it with the message's idempotency
 * key. A fresh one per message keeps {@link #getLastResponse()} confined to the sending thread, so the caller can
 * read the real HTTP status even when the SDK could not parse Twilio's error body.
 */
final class SingleAttemptHttpClient extends HttpClient {

    /**
     * Twilio puts this header on the webhooks it sends so receivers can spot retries; it is not documented as
     * honoured on REST requests. It travels with the message for correlation only and guarantees nothing.
     */
    static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

    private final NetworkHttpClient network;
    private final String idempotencyKey;

    SingleAttemptHttpClient(NetworkHttpClient network, String idempotencyKey) {
        this.network = network;
        this.idempotencyKey = idempotencyKey;
    }

    @Override
    public Response makeRequest(Request request) {
        request.addHeaderParam(IDEMPOTENCY_HEADER, idempotencyKey);
        return network.makeRequest(request);
    }

    /**
     * Never: the SDK would otherwise POST the message again up to three times after a 5xx, and Twilio has no
     * idempotency for messages, so an answer lost after Twilio accepted it would text the customer twice. The
     * host retries {@code Retryable} results with back-off instead.
     */
    @Override
    protected boolean shouldRetry(Response response, int[] retryCodes) {
        return false;
    }
}
