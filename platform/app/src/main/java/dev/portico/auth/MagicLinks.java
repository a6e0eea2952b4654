package dev.portico.auth;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.customers.Customer;
import dev.portico.customers.CustomerDirectory;
import dev.portico.notifications.MessageTemplates;
import dev.portico.notifications.Messages;
import dev.portico.notifications.RenderedMessage;
import dev.portico.notifications.OutgoingMessage;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Login links: a 256-bit random token per request, of which only the SHA-256 hash is stored, bound to studio
 * and customer, valid for the studio's {@code loginLinkMinutes} and consumed atomically, so two simultaneous
 * uses of one link give exactly one login.
 */
@Service
public class MagicLinks {

    private final CustomerDirectory customers;
    private final Messages messages;
    private final MessageTemplates templates;
    private final AuditLog audit;
    private final JdbcClient jdbc;
    private final Clock clock;

    MagicLinks(CustomerDirectory customers, Messages messages, MessageTemplates templates, AuditLog audit, JdbcClient jdbc, Clock clock) {
        this.customers = customers;
        this.messages = messages;
        this.templates = templates;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Sends a login link to the customer with this contact, through {@code kind}, if there is such a customer with
     * an address for that kind. Does the same visible work either way: the caller answers identically.
     *
     * @return how long the link will be valid
     */
    @Transactional
    public Duration request(String contact, ChannelKind kind, @Nullable String ip, @Nullable String userAgent) {
        Tenant tenant = TenantContext.require();
        Duration ttl = Duration.ofMinutes(tenant.config().loginLinkMinutes());
        Optional<Customer> customer = customers.findActiveByContact(contact);
        Optional<String> address = customer.map(c -> kind == ChannelKind.EMAIL ? c.getEmail() : c.getPhone());
        if (customer.isEmpty() || address.isEmpty()) {
            audit.record(Actor.system("portal-login"), "auth.link_requested", null, null, null,
                    Map.of("channel", kind.name(), "matched", false));
            return ttl;
        }
        String token = Secrets.newSecret();
        Instant now = clock.instant();
        jdbc.sql("INSERT INTO " + tenant.schemaName() + """
                .customer_portal_tokens (customer_id, token_hash, channel, expires_at, created_at, requested_ip, user_agent)
                VALUES (?, ?, ?, ?, ?, cast(? AS inet), ?)
                """)
                .params(customer.get().getId(), Secrets.hash(token), kind.name(), Timestamp.from(now.plus(ttl)),
                        Timestamp.from(now), ip, truncate(userAgent))
                .update();
        messages.enqueue(render(tenant, customer.get(), kind, address.get(), token, ttl));
        audit.record(Actor.customer(customer.get().getId().toString()), "auth.link_requested", customer.get().getId(),
                "customer", customer.get().getId().toString(), Map.of("channel", kind.name(), "matched", true));
        return ttl;
    }

    /**
     * Consumes a link's token and returns its customer. Refusals name why: never issued here (another studio's
     * tokens included), expired, or already used; each is audited.
     */
    @Transactional(noRollbackFor = ApiException.class)
    public Customer consume(String token) {
        Tenant tenant = TenantContext.require();
        if (!Secrets.wellFormed(token)) {
            throw failed(null, "invalid", AuthFailures.tokenInvalid());
        }
        byte[] hash = Secrets.hash(token);
        Timestamp now = Timestamp.from(clock.instant());
        Optional<UUID> consumed = jdbc.sql("UPDATE " + tenant.schemaName() + """
                .customer_portal_tokens SET used_at = ?
                 WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?
                RETURNING customer_id
                """).params(now, hash, now).query(UUID.class).optional();
        if (consumed.isEmpty()) {
            record State(UUID customerId, boolean used) {}
            Optional<State> state = jdbc.sql("SELECT customer_id, used_at IS NOT NULL FROM " + tenant.schemaName()
                    + ".customer_portal_tokens WHERE token_hash = ?").param(hash)
                    .query((rs, n) -> new State(rs.getObject(1, UUID.class), rs.getBoolean(2))).optional();
            if (state.isEmpty()) {
                throw failed(null, "invalid", AuthFailures.tokenInvalid());
            }
            throw state.get().used()
                    ? failed(state.get().customerId(), "used", AuthFailures.tokenUsed())
                    : failed(state.get().customerId(), "expired", AuthFailures.tokenExpired());
        }
        Customer customer = customers.findActive(consumed.get())
                .orElseThrow(() -> failed(consumed.get(), "inactive", AuthFailures.tokenInvalid()));
        audit.record(Actor.customer(customer.getId().toString()), "auth.login_succeeded", customer.getId(), "customer",
                customer.getId().toString(), Map.of());
        return customer;
    }

    /** Deletes tokens that expired more than a day ago; the audit log keeps the history. */
    @Transactional
    public int deleteExpired() {
        return jdbc.sql("DELETE FROM " + TenantContext.require().schemaName() + ".customer_portal_tokens WHERE expires_at < ?")
                .param(Timestamp.from(clock.instant().minus(Duration.ofDays(1)))).update();
    }

    private ApiException failed(@Nullable UUID customerId, String reason, ApiException refusal) {
        audit.record(Actor.system("portal-login"), "auth.login_failed", customerId, customerId == null ? null : "customer",
                customerId == null ? null : customerId.toString(), Map.of("reason", reason));
        return refusal;
    }

    private OutgoingMessage render(Tenant tenant, Customer customer, ChannelKind kind, String address, String token, Duration ttl) {
        String language = tenant.config().locales().contains(customer.getLocale()) ? customer.getLocale() : tenant.config().locale();
        Locale locale = Locale.forLanguageTag(language);
        String link = tenant.publicBaseUrl() + "/portal/auth/callback?token=" + token;
        Map<String, Object> model = Map.of("studioName", tenant.config().name(), "firstName", customer.getFirstName(),
                "link", link, "minutes", ttl.toMinutes(), "portalUrl", tenant.publicBaseUrl() + "/portal");
        RenderedMessage message = templates.render("auth.login_link", locale, kind, model, tenant.config());
        return new OutgoingMessage("auth.login_link", customer.getId(), kind, address, message.subject(), message.text(),
                message.html(), language);
    }

    private static @Nullable String truncate(@Nullable String value) {
        return value == null || value.length() <= 1000 ? value : value.substring(0, 1000);
    }
}
