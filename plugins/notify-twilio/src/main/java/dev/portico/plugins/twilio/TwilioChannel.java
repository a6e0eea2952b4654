package dev.portico.plugins.twilio;

import com.twilio.base.Page;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.rest.api.v2010.account.MessageReader;
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
import dev.portico.plugins.twilio.Attempts.Address;
import dev.portico.plugins.twilio.Attempts.Claim;
import java.io.IOException;
import java.net.URI;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
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
 * dropped connection, a 5xx after Twilio accepted it) may have sent the message. So the plugin reconciles before it
 * retries, in a table of the studio's schema ({@code notify_twilio_attempts}, see {@link Attempts}):
 * <ul>
 *   <li>before the POST it records the attempt (idempotency key, To, From, start) in a statement of its own;</li>
 *   <li>a definite answer settles the row: Twilio's message SID is kept (a later call for the key answers with it and
 *       sends nothing), a 4xx refusal of a first attempt deletes it (nothing to ask about later);</li>
 *   <li>a call for a key whose earlier attempt has no known outcome first lists Twilio's messages between the recorded
 *       To and From (newest first, {@value #LOOKUP_PAGES} pages of {@value #LOOKUP_PAGE_SIZE} at most) and takes one
 *       with the same body, created no earlier than {@link #CLOCK_MARGIN} before that attempt began and not recorded
 *       for another key, as the message sent: {@code Delivered} with its SID, no POST. Only when none is listed does
 *       it send; when the list cannot be read it sends nothing and answers {@code Retryable};</li>
 *   <li>one call at a time works on a key, for {@link Attempts#CLAIM} at most: another arriving meanwhile (say the
 *       host's retry after its call timeout gave up on a call still waiting for Twilio) is told to retry later, so
 *       two calls cannot both find nothing and both send.</li>
 * </ul>
 * What remains at least once: a message Twilio created but lists only after the retry has looked (the host's first
 * retry comes 15 seconds later), one whose stored body differs from what was posted (a trial account's prefix,
 * Smart Encoding), and one pushed off the pages read by newer messages to the same number. Without storage (a test
 * host without a database) the plugin sends with no record, at least once as before. In every case it makes exactly
 * one POST per call (the SDK would repeat a POST after a 5xx, Apache HttpClient after a 429 or 503), and it sends the
 * message's idempotency key as {@code I-Twilio-Idempotency-Token}, a header Twilio documents only on the webhooks it
 * sends: it makes the key visible to Twilio but promises no de-duplication.
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

    /** How far before an unknown attempt's start a listed message still counts: Twilio's clock is not ours. */
    static final Duration CLOCK_MARGIN = Duration.ofMinutes(2);
    static final int LOOKUP_PAGE_SIZE = 20;
    static final int LOOKUP_PAGES = 3;

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
        Account account = new Account(accountSid.get(), Credentials.of(accountSid.get(), settings), context.tenant());
        Address address = address(message, fromNumber.get(), settings);
        DataSource storage;
        try {
            storage = context.storage();
        } catch (UnsupportedOperationException e) {
            // A host without storage (the test kit without a database): send without a record, at least once.
            return post(message, address, settings, account).result();
        }
        Attempts attempts = new Attempts(storage, context.clock());
        Claim claim;
        try {
            claim = attempts.claim(message.idempotencyKey(), address);
        } catch (SQLException e) {
            log.warn("Could not record a Twilio attempt for {}: SQL state {}", account.tenant(), e.getSQLState());
            return new DeliveryResult.Retryable("notify-twilio could not record the attempt before sending (SQL state "
                    + e.getSQLState() + "); nothing was sent", null);
        }
        return switch (claim) {
            case Claim.Sent sent -> new DeliveryResult.Delivered(sent.messageSid());
            case Claim.Busy busy -> {
                Duration wait = Duration.between(context.clock().instant(), busy.until());
                yield new DeliveryResult.Retryable("another attempt to send this message is under way",
                        wait.isPositive() ? wait : null);
            }
            case Claim.Fresh fresh -> settle(attempts, message, post(message, address, settings, account), true, account);
            case Claim.Unknown unknown -> reconcile(attempts, message, address, settings, account, unknown);
        };
    }

    /**
     * An earlier attempt's answer was lost: Twilio may have the message. Sends only once Twilio's message list shows
     * no message with this body from the earlier attempt's start on, and never when the list could not be read.
     */
    private DeliveryResult reconcile(Attempts attempts, OutboundMessage message, Address address, PluginSettings settings,
            Account account, Claim.Unknown unknown) {
        String key = message.idempotencyKey();
        Optional<String> earlier;
        try {
            earlier = findEarlier(attempts, message, new LinkedHashSet<>(List.of(unknown.address(), address)),
                    unknown.startedAt().minus(CLOCK_MARGIN), account);
        } catch (RuntimeException | SQLException e) {
            log.info("Could not ask Twilio about an earlier attempt for {}: {}", account.tenant(), e.getClass().getSimpleName());
            record(account, () -> attempts.unknown(key));
            return new DeliveryResult.Retryable("Twilio could not be asked whether an earlier attempt sent this message, so "
                    + "it was not sent again: " + describe(e, account.credentials()), null);
        }
        if (earlier.isPresent()) {
            log.info("An earlier attempt for {} had reached Twilio; not sending again", account.tenant());
            record(account, () -> attempts.sent(key, earlier.get()));
            return new DeliveryResult.Delivered(earlier.get());
        }
        return settle(attempts, message, post(message, address, settings, account), false, account);
    }

    /**
     * The SID of a message Twilio lists between one of {@code addresses} with the message's body, created at or after
     * {@code since} and not recorded for another key. No date filter is sent: Twilio filters on date_sent only, which
     * a queued message does not have yet, so creation dates are compared here. Twilio lists newest first, but where
     * messages without a date_sent go is not documented, so up to {@value #LOOKUP_PAGES} pages of
     * {@value #LOOKUP_PAGE_SIZE} are read whatever their dates.
     */
    private Optional<String> findEarlier(Attempts attempts, OutboundMessage message, Set<Address> addresses, Instant since,
            Account account) throws SQLException {
        TwilioRestClient client = account.client(new SingleAttemptHttpClient(network, message.idempotencyKey()));
        for (Address address : addresses) {
            MessageReader reader = Message.reader()
                    .setTo(address.to())
                    .setFrom(address.from())
                    .setPageSize((long) LOOKUP_PAGE_SIZE);
            Page<Message> page = reader.firstPage(client);
            for (int pages = 1; ; pages++) {
                for (Message listed : page.getRecords()) {
                    ZonedDateTime created = listed.getDateCreated();
                    if (listed.getSid() != null && created != null && !created.toInstant().isBefore(since)
                            && message.text().equals(listed.getBody())
                            && !attempts.belongsToAnother(listed.getSid(), message.idempotencyKey())) {
                        return Optional.of(listed.getSid());
                    }
                }
                if (!page.hasNextPage() || pages == LOOKUP_PAGES) {
                    break;
                }
                page = reader.nextPage(page, client);
            }
        }
        return Optional.empty();
    }

    /** Writes down what this call learnt: the SID, a refusal (nothing to ask later), or that it does not know. */
    private static DeliveryResult settle(Attempts attempts, OutboundMessage message, Outcome outcome, boolean fresh, Account account) {
        String key = message.idempotencyKey();
        if (outcome.result() instanceof DeliveryResult.Delivered delivered) {
            record(account, () -> attempts.sent(key, delivered.providerMessageId()));
        } else if (outcome.refused() && fresh) {
            record(account, () -> attempts.refused(key));
        } else {
            // Either the answer was lost, or this call was refused after an earlier attempt that may still show up.
            record(account, () -> attempts.unknown(key));
        }
        return outcome.result();
    }

    /**
     * A failure to write the outcome down changes nothing for this call: the message went or did not. Left as it is,
     * the row makes the next call for the key (if any) ask Twilio first, once the claim has run out.
     */
    private static void record(Account account, SqlStep step) {
        try {
            step.run();
        } catch (SQLException e) {
            log.warn("Could not record a Twilio outcome for {}: SQL state {}", account.tenant(), e.getSQLState());
        }
    }

    private interface SqlStep {
        void run() throws SQLException;
    }

    /** One POST of the message: exactly one request, whatever happens to it. */
    private Outcome post(OutboundMessage message, Address address, PluginSettings settings, Account account) {
        SingleAttemptHttpClient http = new SingleAttemptHttpClient(network, message.idempotencyKey());
        try {
            MessageCreator creator = Message.creator(new PhoneNumber(address.to()), new PhoneNumber(address.from()), message.text());
            settings.find(STATUS_CALLBACK_URL).ifPresent(url -> creator.setStatusCallback(URI.create(url)));
            Message sent = creator.create(account.client(http));
            if (sent.getSid() == null) {
                return new Outcome(accepted(http.getLastResponse(), account.tenant()), false);
            }
            log.debug("Twilio accepted a {} message for {}", message.kind(), account.tenant());
            return new Outcome(new DeliveryResult.Delivered(sent.getSid()), false);
        } catch (RuntimeException e) {
            // The SDK throws ApiException for error answers and for I/O failures alike; only the answer it
            // received, if any, tells them apart reliably.
            Response response = http.getLastResponse();
            boolean refused = response != null && response.getStatusCode() >= 400 && response.getStatusCode() < 500;
            return new Outcome(failed(e, response, account.credentials(), account.tenant()), refused);
        }
    }

    private static Address address(OutboundMessage message, String fromNumber, PluginSettings settings) {
        if (message.kind() == ChannelKind.WHATSAPP) {
            return new Address(whatsapp(message.to()), whatsapp(settings.find(WHATSAPP_FROM).orElse(fromNumber)));
        }
        return new Address(message.to(), fromNumber);
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

    /** The studio's Twilio account, as one call uses it. */
    private record Account(String sid, Credentials credentials, String tenant) {

        /** A REST client for this account over {@code http}; never the SDK's global one, which studios would share. */
        TwilioRestClient client(SingleAttemptHttpClient http) {
            return new TwilioRestClient.Builder(credentials.username(), credentials.password())
                    .accountSid(sid)
                    .httpClient(http)
                    .build();
        }
    }

    /**
     * What one POST came to.
     *
     * @param refused Twilio answered 4xx: it did not take the message, so there is nothing to ask about later
     */
    private record Outcome(DeliveryResult result, boolean refused) {}

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
