package dev.portico.plugins.resend;

import com.resend.Resend;
import com.resend.core.exception.ResendException;
import com.resend.core.net.RequestOptions;
import com.resend.services.emails.Emails;
import com.resend.services.emails.model.CreateEmailOptions;
import com.resend.services.emails.model.CreateEmailResponse;
import com.resend.services.emails.model.Tag;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.DeliveryResult;
import dev.portico.plugin.api.ExtensionContext;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugin.api.OutboundMessage;
import dev.portico.plugin.api.PluginSettings;
import dev.portico.plugin.api.SettingDescriptor;
import dev.portico.plugin.api.SettingType;
import dev.portico.plugin.api.SettingsSchema;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends email through Resend's {@code POST /emails} with the official Java SDK.
 *
 * <p>Every attempt carries the message's idempotency key as Resend's {@code Idempotency-Key} header: for 24 hours
 * Resend answers a repeated key with the original email instead of sending again, so the host may retry any
 * {@link DeliveryResult.Retryable} outcome, timeouts included, without a customer getting the email twice.
 *
 * <p>The SDK always talks to {@code https://api.resend.com} through its own OkHttp client with OkHttp's default
 * 10-second connect, read and write timeouts; it offers no base URL, timeout or proxy setting of its own, so the
 * JVM's proxy and trust-store system properties are the only way to redirect it. Its OkHttp clients cannot be
 * closed from outside either: their pooled connections and daemon threads outlive an unloaded plugin for up to five
 * minutes, so unload it only when the host shuts down.
 */
@Extension
public class ResendChannel implements NotificationChannel {

    static final String API_KEY = "apiKey";
    static final String FROM = "from";
    static final String REPLY_TO = "replyTo";

    private static final Logger log = LoggerFactory.getLogger(ResendChannel.class);

    /** Resend accepts only these characters in tag names and values, at most 256 of them. */
    private static final String TAG_FORBIDDEN = "[^A-Za-z0-9_-]";
    private static final int TAG_MAX_LENGTH = 256;

    /** How many studios' API keys keep a warm client; a studio past the limit just opens a new connection. */
    private static final int MAX_CLIENTS = 64;

    // The SDK creates a fresh OkHttpClient, with its own connection pool, for every Emails instance; keeping one
    // per API key reuses TLS connections instead of leaving a pool of idle sockets behind every message.
    private final Map<String, Emails> clients = Collections.synchronizedMap(new BoundedMap<>(MAX_CLIENTS));

    @Override
    public Set<ChannelKind> kinds() {
        return Set.of(ChannelKind.EMAIL);
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.secret(API_KEY, "Resend API key (re_...) allowed to send emails."),
                SettingDescriptor.required(FROM, SettingType.STRING,
                        "Sender on a domain verified in Resend, optionally with a name: Studio <hello@studio.example>."),
                SettingDescriptor.optional(REPLY_TO, SettingType.EMAIL, null,
                        "Where customers' replies go when not to the sender."));
    }

    @Override
    public DeliveryResult send(OutboundMessage message, ExtensionContext context) {
        if (message.kind() != ChannelKind.EMAIL) {
            return new DeliveryResult.Permanent("notify-resend sends email only, not " + message.kind());
        }
        PluginSettings settings = context.settings();
        Optional<String> apiKey = settings.find(API_KEY);
        Optional<String> from = settings.find(FROM);
        if (apiKey.isEmpty() || from.isEmpty()) {
            return new DeliveryResult.Permanent("notify-resend needs the apiKey and from settings");
        }
        RequestOptions options = RequestOptions.builder().setIdempotencyKey(message.idempotencyKey()).build();
        try {
            CreateEmailResponse response = emails(apiKey.get()).send(email(message, from.get(), settings), options);
            if (response == null || response.getId() == null) {
                // Resend answered 2xx with a body the SDK could not read; asking again with the same key is safe
                // and returns the original email's id.
                return new DeliveryResult.Retryable("Resend accepted the email but its answer had no email id", null);
            }
            log.debug("Resend accepted an email for {}", context.tenant());
            return new DeliveryResult.Delivered(response.getId());
        } catch (ResendException e) {
            return refused(e, apiKey.get(), context.tenant());
        } catch (RuntimeException e) {
            return failed(e, apiKey.get(), context.tenant());
        }
    }

    private Emails emails(String apiKey) {
        return clients.computeIfAbsent(apiKey, key -> new Resend(key).emails());
    }

    private static CreateEmailOptions email(OutboundMessage message, String from, PluginSettings settings) {
        CreateEmailOptions.Builder email = CreateEmailOptions.builder()
                .from(from)
                .to(message.to())
                .subject(message.subject())
                .text(message.text());
        if (message.html() != null) {
            email.html(message.html());
        }
        settings.find(REPLY_TO).ifPresent(email::replyTo);
        List<Tag> tags = tags(message.metadata());
        if (!tags.isEmpty()) {
            email.tags(tags);
        }
        return email.build();
    }

    /** Metadata as Resend tags, cleaned to what Resend accepts so a customer id with a dot cannot fail a send. */
    private static List<Tag> tags(Map<String, String> metadata) {
        return metadata.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(entry -> Tag.builder().name(tagText(entry.getKey())).value(tagText(entry.getValue())).build())
                .filter(tag -> !tag.getName().isEmpty() && !tag.getValue().isEmpty())
                .toList();
    }

    private static String tagText(String text) {
        String cleaned = text.replaceAll(TAG_FORBIDDEN, "_");
        return cleaned.length() > TAG_MAX_LENGTH ? cleaned.substring(0, TAG_MAX_LENGTH) : cleaned;
    }

    /** Resend answered with an error status. */
    private static DeliveryResult refused(ResendException e, String apiKey, String tenant) {
        Integer status = e.getStatusCode();
        String name = e.getErrorName();
        String reason = "Resend answered " + (status == null ? "an error" : status)
                + (name == null ? "" : " (" + name + ")") + ": " + redact(String.valueOf(e.getMessage()), apiKey);
        if (status == null || status == 429 || status >= 500 || "concurrent_idempotent_requests".equals(name)) {
            // 429 is a rate limit or a sending quota; a 409 for concurrent requests means the first attempt
            // with this key is still running. The SDK hides the response headers, so no Retry-After to pass on.
            log.info("Resend deferred an email for {}: HTTP {} {}", tenant, status, name);
            return new DeliveryResult.Retryable(reason, null);
        }
        log.warn("Resend refused an email for {}: HTTP {} {}", tenant, status, name);
        return new DeliveryResult.Permanent(reason);
    }

    /** The SDK failed without an answer from Resend: it wraps I/O failures and timeouts in a RuntimeException. */
    private static DeliveryResult failed(RuntimeException e, String apiKey, String tenant) {
        IOException io = ioCause(e);
        if (io != null) {
            log.info("Resend could not be reached for {}: {}", tenant, io.getClass().getSimpleName());
            return new DeliveryResult.Retryable(
                    "Resend could not be reached: " + describe(io, apiKey), null);
        }
        // Library messages may quote what was being sent, so the stack trace stays at debug level.
        log.warn("Sending an email through Resend failed unexpectedly for {}: {}", tenant, e.getClass().getName());
        log.debug("Unexpected Resend failure", e);
        return new DeliveryResult.Permanent("Sending through Resend failed unexpectedly: " + describe(e, apiKey));
    }

    private static @Nullable IOException ioCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String describe(Throwable e, String apiKey) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + redact(message, apiKey));
    }

    /** Provider and library messages are shown to studio admins; make sure none ever carries the key. */
    private static String redact(String text, String apiKey) {
        return apiKey.isEmpty() ? text : text.replace(apiKey, SettingsSchema.MASK);
    }

    /** A map that forgets its least recently used entry beyond a fixed size. */
    private static final class BoundedMap<K, V> extends LinkedHashMap<K, V> {

        private final int maxSize;

        BoundedMap(int maxSize) {
            super(16, 0.75f, true);
            this.maxSize = maxSize;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > maxSize;
        }
    }
}
