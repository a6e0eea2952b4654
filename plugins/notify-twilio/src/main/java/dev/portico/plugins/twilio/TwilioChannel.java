package dev.portico.plugins.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
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
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hc.core5.http.Header;
import org.jspecify.annotations.Nullable;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends SMS and WhatsApp messages through Twilio's Messages API with the official Java SDK, one
 * {@link TwilioRestClient} per message built from the studio's settings; the SDK's global {@code Twilio.init} is
 * never touched, so studios cannot see each other's credentials.
 *
 * <p><b>Duplicates.</b> Twilio's Messages API has no idempotency key: a request whose answer is lost (a timeout, a
 * dropped connection, a 5xx after Twilio accepted it) may have sent the message, and the host's retry of that
 * {@link DeliveryResult.Retryable} can text the customer a second time. Delivery is therefore at least once. To keep
 * duplicates to those unavoidable cases, the plugin makes exactly one attempt per call (the SDK would repeat a POST
 * after a 5xx, Apache HttpClient after a 429 or 503), and it sends the message's idempotency key as
 * {@code I-Twilio-Idempotency-Token}, a header Twilio documents only on the webhooks it sends: it makes the key
 * visible to Twilio but promises no de-duplication.
 *
 * <p><b>Endpoint.</b> Requests go to {@code https://api.twilio.com} unless the operator sets the JVM system property
 * {@value #API_BASE_URL_PROPERTY} (scheme, host and port, e.g. an egress gateway, or a stand-in in tests). It is
 * deliberately not a studio setting: a studio admin could otherwise make Portico's servers post to any address.
 */
@Extension
public class TwilioChannel implements NotificationChannel {

    /** JVM system property naming the REST API endpoint for the whole installation. */
    public static final String API_BASE_URL_PROPERTY = "portico.notify-twilio.api-base-url";

    static final String ACCOUNT_SID = "accountSid";
    static final String AUTH_TOKEN = "authToken";
    static final String API_KEY_SID = "apiKeySid";
    static final String API_KEY_SECRET = "apiKeySecret";
    static final String FROM_NUMBER = "fromNumber";
    static final String WHATSAPP_FROM = "whatsappFrom";
    static final String STATUS_CALLBACK_URL = "statusCallbackUrl";

    private static final Logger log = LoggerFactory.getLogger(TwilioChannel.class);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    private static final String WHATSAPP = "whatsapp:";

    /** Twilio error codes that clear by themselves: too many requests, and a sender's queue being full. */
    private static final Set<Integer> TRANSIENT_ERRORS = Set.of(20429, 21611);

    private final NetworkHttpClient network;

    public TwilioChannel() {
        this.network = TwilioTransport.networkClient(configuredEndpoint(), CONNECT_TIMEOUT, RESPONSE_TIMEOUT);
    }

    @Override
    public Set<ChannelKind> kinds() {
        return Set.of(ChannelKind.SMS, ChannelKind.WHATSAPP);
    }

    @Override
    public List<SettingDescriptor> settings() {
        return List.of(
                SettingDescriptor.required(ACCOUNT_SID, SettingType.STRING, "Twilio account SID (AC...) that sends the messages."),
                new SettingDescriptor(AUTH_TOKEN, SettingType.STRING, false, true, null,
                        "The account's auth token; leave empty when using an API key instead."),
                SettingDescriptor.optional(API_KEY_SID, SettingType.STRING, null,
                        "API key SID (SK...), used with apiKeySecret instead of the auth token."),
                new SettingDescriptor(API_KEY_SECRET, SettingType.STRING, false, true, null, "The API key's secret."),
                SettingDescriptor.required(FROM_NUMBER, SettingType.PHONE,
                        "Twilio number that sends SMS, and WhatsApp messages too unless whatsappFrom is set."),
                SettingDescriptor.optional(WHATSAPP_FROM, SettingType.PHONE, null,
                        "WhatsApp-enabled sender, when it differs from fromNumber."),
                SettingDescriptor.optional(STATUS_CALLBACK_URL, SettingType.URL, null,
                        "Where Twilio reports each message's delivery status."));
    }

    @Override
    public DeliveryResult send(OutboundMessage message, ExtensionContext context) {
        if (!kinds().contains(message.kind())) {
            return new DeliveryResult.Permanent("notify-twilio sends SMS and WhatsApp only, not " + message.kind());
        }
        PluginSettings settings = context.settings();
        Optional<String> accountSid = settings.find(ACCOUNT_SID);
        Optional<String> fromNumber = settings.find(FROM_NUMBER);
        if (accountSid.isEmpty() || fromNumber.isEmpty()) {
            return new DeliveryResult.Permanent("notify-twilio needs the accountSid and fromNumber settings");
        }
        String credentialsProblem = Credentials.problem(settings);
        if (credentialsProblem != null) {
            return new DeliveryResult.Permanent(credentialsProblem);
        }
        Credentials credentials = Credentials.of(accountSid.get(), settings);

        SingleAttemptHttpClient http = new SingleAttemptHttpClient(network, message.idempotencyKey());
        TwilioRestClient client = new TwilioRestClient.Builder(credentials.username(), credentials.password())
                .accountSid(accountSid.get())
                .httpClient(http)
                .build();
        try {
            Message sent = creator(message, fromNumber.get(), settings).create(client);
            if (sent.getSid() == null) {
                return accepted(http.getLastResponse(), context.tenant());
            }
            log.debug("Twilio accepted a {} message for {}", message.kind(), context.tenant());
            return new DeliveryResult.Delivered(sent.getSid());
        } catch (RuntimeException e) {
            // The SDK throws ApiException for error answers and for I/O failures alike; only the answer it
            // received, if any, tells them apart reliably.
            return failed(e, http.getLastResponse(), credentials, context.tenant());
        }
    }

    private static MessageCreator creator(OutboundMessage message, String fromNumber, PluginSettings settings) {
        PhoneNumber to;
        PhoneNumber from;
        if (message.kind() == ChannelKind.WHATSAPP) {
            to = new PhoneNumber(whatsapp(message.to()));
            from = new PhoneNumber(whatsapp(settings.find(WHATSAPP_FROM).orElse(fromNumber)));
        } else {
            to = new PhoneNumber(message.to());
            from = new PhoneNumber(fromNumber);
        }
        MessageCreator creator = Message.creator(to, from, message.text());
        settings.find(STATUS_CALLBACK_URL).ifPresent(url -> creator.setStatusCallback(URI.create(url)));
        return creator;
    }

    private static String whatsapp(String number) {
        return number.startsWith(WHATSAPP) ? number : WHATSAPP + number;
    }

    /** Twilio answered 2xx but the SDK could not read a message SID from it. */
    private static DeliveryResult accepted(@Nullable Response response, String tenant) {
        log.warn("Twilio accepted a message for {} but its answer had no message SID (HTTP {})", tenant,
                response == null ? null : response.getStatusCode());
        // Retrying would send the message again, since Twilio has no idempotency for messages.
        return new DeliveryResult.Permanent("Twilio accepted the message but its answer could not be read; not retried "
                + "so the customer is not texted twice");
    }

    private static DeliveryResult failed(RuntimeException e, @Nullable Response response, Credentials credentials, String tenant) {
        if (response == null) {
            IOException io = ioCause(e);
            if (io != null) {
                log.info("Twilio could not be reached for {}: {}", tenant, io.getClass().getSimpleName());
                return new DeliveryResult.Retryable("Twilio could not be reached: " + describe(io, credentials), null);
            }
            // Library messages may quote what was being sent, so the stack trace stays at debug level.
            log.warn("Sending through Twilio failed unexpectedly for {}: {}", tenant, e.getClass().getName());
            log.debug("Unexpected Twilio failure", e);
            return new DeliveryResult.Permanent("Sending through Twilio failed unexpectedly: " + describe(e, credentials));
        }
        int status = response.getStatusCode();
        if (status < 400) {
            return accepted(response, tenant);
        }
        ApiException error = e instanceof ApiException api && api.getCode() != null ? api : null;
        Integer code = error == null ? null : error.getCode();
        String reason = "Twilio answered " + status + (code == null ? "" : " (error " + code + ")") + ": "
                + (error == null ? "no readable error" : credentials.redact(String.valueOf(error.getMessage())))
                + (error == null || error.getMoreInfo() == null ? "" : " " + error.getMoreInfo());
        if (status == 429 || status >= 500 || (code != null && TRANSIENT_ERRORS.contains(code))) {
            log.info("Twilio deferred a message for {}: HTTP {} error {}", tenant, status, code);
            return new DeliveryResult.Retryable(reason, retryAfter(response));
        }
        log.warn("Twilio refused a message for {}: HTTP {} error {}", tenant, status, code);
        return new DeliveryResult.Permanent(reason);
    }

    /** Twilio's Retry-After in seconds, when it sends one; the HTTP-date form is left to the host's back-off. */
    private static @Nullable Duration retryAfter(Response response) {
        Header[] headers = response.getHeaders();
        if (headers == null) {
            return null;
        }
        for (Header header : headers) {
            if (header.getName().equalsIgnoreCase("Retry-After") && header.getValue() != null
                    && header.getValue().strip().matches("\\d{1,6}")) {
                return Duration.ofSeconds(Long.parseLong(header.getValue().strip()));
            }
        }
        return null;
    }

    private static @Nullable IOException ioCause(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private static String describe(Throwable e, Credentials credentials) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + credentials.redact(message));
    }

    private static @Nullable URI configuredEndpoint() {
        String value = System.getProperty(API_BASE_URL_PROPERTY);
        if (value == null || value.isBlank()) {
            return null;
        }
        URI uri = URI.create(value.strip());
        boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
        boolean bare = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/");
        if (!http || uri.getHost() == null || !bare || uri.getQuery() != null) {
            throw new IllegalArgumentException(API_BASE_URL_PROPERTY + " must be an http(s) URL with no path, such as "
                    + "https://twilio-gateway.internal:8443, not " + value);
        }
        return uri;
    }

    /**
     * What the SDK authenticates with: an API key pair if the studio gave one, else the account's auth token.
     *
     * @param username account SID or API key SID
     * @param password auth token or API key secret
     */
    private record Credentials(String username, String password) {

        /** Why the studio's settings give no usable credentials, or null when they do. */
        static @Nullable String problem(PluginSettings settings) {
            boolean keySid = present(settings, API_KEY_SID);
            boolean keySecret = present(settings, API_KEY_SECRET);
            if (keySid != keySecret) {
                return "notify-twilio needs apiKeySid and apiKeySecret together; only "
                        + (keySid ? API_KEY_SID : API_KEY_SECRET) + " is set";
            }
            if (!keySid && !present(settings, AUTH_TOKEN)) {
                return "notify-twilio needs credentials: set authToken, or apiKeySid and apiKeySecret";
            }
            return null;
        }

        /** The credentials of settings that have no {@link #problem}; an API key wins over the auth token. */
        static Credentials of(String accountSid, PluginSettings settings) {
            return present(settings, API_KEY_SID)
                    ? new Credentials(settings.get(API_KEY_SID), settings.get(API_KEY_SECRET))
                    : new Credentials(accountSid, settings.get(AUTH_TOKEN));
        }

        private static boolean present(PluginSettings settings, String key) {
            return settings.find(key).filter(value -> !value.isBlank()).isPresent();
        }

        /** Provider and library messages are shown to studio admins; make sure none ever carries the secret. */
        String redact(String text) {
            return password.isEmpty() ? text : text.replace(password, SettingsSchema.MASK);
        }

        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }
}
