package dev.portico.plugins.webhook;

import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.PluginSettings;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.SettingType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.pf4j.Extension;

/**
 * Mirrors every email, SMS and WhatsApp message to the studio's own system: one JSON POST per message to the
 * studio's {@code url}, signed so the receiver can tell it came from Portico.
 *
 * <p>The request carries {@code X-Portico-Event-Id} (the message's idempotency key, the same on every retry, so
 * the receiver can drop duplicates), {@code X-Portico-Timestamp} (epoch seconds from the host's clock) and
 * {@code X-Portico-Signature: v1=<hex HMAC-SHA256(signingSecret, timestamp + "." + body)>}.
 *
 * <p>A 2xx answer is {@code Delivered}; 408, 429, 5xx, timeouts and network errors are {@code Retryable} (with the
 * receiver's {@code Retry-After} seconds, when given); any other answer, redirects included, is {@code Permanent}.
 */
@Extension
public final class WebhookChannel implements NotificationChannel {

    static final String URL = "url";
    static final String SIGNING_SECRET = "signingSecret";
    static final String TIMEOUT = "timeout";

    // Under the host's own limit on a plugin call (portico.plugins.call-timeout, 10 s by default): a call the
    // host cuts off counts as the plugin failing, where a timeout seen here is an ordinary retry.
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private static final List<SettingDescriptor> SETTINGS = List.of(
            SettingDescriptor.required(URL, SettingType.URL,
                    "Where each message is POSTed as JSON, e.g. https://studio.example/hooks/portico."),
            SettingDescriptor.secret(SIGNING_SECRET,
                    "Shared secret for the X-Portico-Signature HMAC; give it as ${ENV_VAR}, never inline."),
            SettingDescriptor.optional(TIMEOUT, SettingType.DURATION, DEFAULT_TIMEOUT.toString(),
                    "How long to wait for the receiver to connect and answer before retrying later; keep it under"
                            + " the host's plugin call timeout (10 s by default)."));

    // The connect timeout belongs to the client, and a client holds a selector thread, so keep one per timeout
    // value (studios rarely choose more than a couple) rather than one per message. The host keeps one instance
    // of this class for every studio, so nothing studio-specific may live here.
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    @Override
    public List<SettingDescriptor> settings() {
        return SETTINGS;
    }

    @Override
    public Set<ChannelKind> kinds() {
        return Set.of(ChannelKind.EMAIL, ChannelKind.SMS, ChannelKind.WHATSAPP);
    }

    @Override
    public DeliveryResult send(OutboundMessage message, ExtensionContext context) {
        PluginSettings settings = context.settings();
        Duration timeout = timeout(settings);
        Instant now = context.clock().instant();
        String timestamp = Long.toString(now.getEpochSecond());
        String body = WebhookBody.json(message, context.tenant(), now);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(settings.get(URL)))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("X-Portico-Event-Id", message.idempotencyKey())
                    .header("X-Portico-Timestamp", timestamp)
                    .header("X-Portico-Signature", WebhookSignature.sign(settings.get(SIGNING_SECRET), timestamp, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
        } catch (IllegalArgumentException e) {
            // HttpRequest is stricter than the host's URL check, and a request that cannot be built now never
            // will. The URL stays out of the reason (studios put tokens in query strings; reasons reach logs),
            // and so does the exception's message, which quotes it.
            return new DeliveryResult.Permanent("webhook url is not an http(s) URL, or the idempotency key is not a"
                    + " valid header value");
        }
        CompletableFuture<HttpResponse<Void>> call =
                client(timeout).sendAsync(request, HttpResponse.BodyHandlers.discarding());
        try {
            // One deadline for connecting and answering together, so a call never outlasts the timeout (the
            // client's own timeouts would allow it twice over).
            return outcome(call.get(timeout.toMillis(), TimeUnit.MILLISECONDS), message);
        } catch (TimeoutException e) {
            call.cancel(true);
            return new DeliveryResult.Retryable("webhook did not answer within " + timeout, null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return new DeliveryResult.Retryable("webhook did not answer within " + timeout, null);
            }
            return new DeliveryResult.Retryable("webhook unreachable: " + e.getCause(), null);
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            return new DeliveryResult.Retryable("interrupted while calling the webhook", null);
        }
    }

    private static DeliveryResult outcome(HttpResponse<Void> response, OutboundMessage message) {
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            String id = response.headers().firstValue("X-Request-Id")
                    .filter(value -> !value.isBlank())
                    .orElse(message.idempotencyKey());
            return new DeliveryResult.Delivered(id);
        }
        if (status == 408 || status == 429 || status >= 500) {
            return new DeliveryResult.Retryable("webhook answered HTTP " + status, retryAfter(response));
        }
        return new DeliveryResult.Permanent("webhook answered HTTP " + status);
    }

    /** The receiver's {@code Retry-After} in seconds; an HTTP-date is ignored and the host's own back-off applies. */
    private static @Nullable Duration retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After")
                .map(String::trim)
                .filter(value -> value.matches("[0-9]{1,9}"))
                .map(value -> Duration.ofSeconds(Long.parseLong(value)))
                .orElse(null);
    }

    private static Duration timeout(PluginSettings settings) {
        try {
            Duration timeout = settings.find(TIMEOUT).map(Duration::parse).orElse(DEFAULT_TIMEOUT);
            // HttpClient refuses a zero or negative timeout; fall back rather than fail every message.
            return timeout.isNegative() || timeout.isZero() ? DEFAULT_TIMEOUT : timeout;
        } catch (DateTimeParseException e) {
            return DEFAULT_TIMEOUT;
        }
    }

    private HttpClient client(Duration timeout) {
        return clients.computeIfAbsent(timeout, t -> HttpClient.newBuilder()
                .connectTimeout(t)
                // Plain HTTP/1.1: some receivers mishandle the h2c upgrade the client would otherwise attempt.
                .version(HttpClient.Version.HTTP_1_1)
                // A redirected POST would carry the signed body to a host the studio never named.
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }
}
