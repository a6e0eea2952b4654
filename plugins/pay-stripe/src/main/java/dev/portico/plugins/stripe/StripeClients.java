package dev.portico.plugins.stripe;

import com.stripe.StripeClient;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@link StripeClient} per API key and base, so studios never share credentials and the SDK's static
 * {@code Stripe.apiKey} stays unused. Bounded, least recently used first out: a rotated key simply makes a new
 * entry and the old one ages out.
 */
final class StripeClients {

    /** Stripe's default; payments can take a while and a short read timeout turns successes into unknowns. */
    private static final int READ_TIMEOUT_MILLIS = 80_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;

    private final Map<Key, StripeClient> clients;

    StripeClients(int capacity) {
        this.clients = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, StripeClient> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The client for a studio's key and API base, made on first use. */
    synchronized StripeClient forSettings(StripeSettings settings) {
        return clients.computeIfAbsent(new Key(settings.secretKey(), settings.apiBase()), StripeClients::build);
    }

    private static StripeClient build(Key key) {
        return StripeClient.builder()
                .setApiKey(key.apiKey())
                .setApiBase(key.apiBase())
                .setConnectTimeout(CONNECT_TIMEOUT_MILLIS)
                .setReadTimeout(READ_TIMEOUT_MILLIS)
                // the host retries with the same idempotency key on its own schedule; retries hidden in here
                // would hold a customer's request open for seconds
                .setMaxNetworkRetries(0)
                .build();
    }

    private record Key(String apiKey, String apiBase) {
        @Override
        public String toString() {
            return "Key[apiBase=" + apiBase + "]";
        }
    }
}
