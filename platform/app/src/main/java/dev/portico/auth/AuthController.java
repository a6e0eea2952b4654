package dev.portico.auth;

import dev.portico.customers.Customer;
import dev.portico.customers.CustomerDirectory;
import dev.portico.customers.CustomerLoggedIn;
import org.springframework.context.ApplicationEventPublisher;
import dev.portico.customers.CustomerProfile;
import dev.portico.plugin.api.ChannelKind;
import dev.portico.plugin.api.NotificationChannel;
import dev.portico.plugins.TenantPlugins;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.security.IssuedToken;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Customer login over HTTP: ask for a link, trade its token for a session, refresh, log out. The refresh token
 * lives only in an HTTP-only, same-site cookie; the access token only in the portal's memory.
 */
@RestController
@RequestMapping("/api/client-portal/auth")
class AuthController {

    static final String COOKIE = "__Host-portalRefreshToken";

    private final MagicLinks links;
    private final PortalSessions sessions;
    private final CustomerDirectory customers;
    private final AccessTokens tokens;
    private final TenantPlugins plugins;
    private final LoginLimits limits;
    private final AuthProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    AuthController(MagicLinks links, PortalSessions sessions, CustomerDirectory customers, AccessTokens tokens,
            TenantPlugins plugins, LoginLimits limits, AuthProperties properties, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.links = links;
        this.sessions = sessions;
        this.customers = customers;
        this.tokens = tokens;
        this.plugins = plugins;
        this.limits = limits;
        this.properties = properties;
        this.clock = clock;
    }

    record LinkRequest(
            @Nullable @Email(regexp = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", message = "must be an email address") @Size(max = 254) String email,
            @Nullable @Pattern(regexp = "^\\+[1-9][0-9]{6,14}$", message = "must be a phone number in E.164 form, e.g. +971501234567") String phone,
            @Nullable @Pattern(regexp = "^(email|sms|whatsapp)$", message = "must be email, sms or whatsapp") String channel) {

        /** People paste addresses with stray spaces; that is not worth a 400. */
        LinkRequest {
            email = email == null ? null : email.strip();
            phone = phone == null ? null : phone.strip();
        }
    }

    record LinkSent(String status, String channel, long expiresInSeconds) {}

    record VerifyRequest(@NotBlank @Size(max = 200) String token) {}

    record SessionView(String accessToken, String tokenType, long expiresIn, CustomerProfile customer) {}

    @PostMapping("/request-link")
    ResponseEntity<LinkSent> requestLink(@Valid @RequestBody LinkRequest request, HttpServletRequest http) {
        boolean hasEmail = request.email() != null && !request.email().isBlank();
        boolean hasPhone = request.phone() != null && !request.phone().isBlank();
        if (hasEmail == hasPhone) {
            String field = hasEmail ? "phone" : "email";
            throw ApiException.validation(List.of(new ApiException.FieldProblem(field,
                    hasEmail ? "send an email or a phone number, not both" : "an email or a phone number is required")));
        }
        ChannelKind kind = request.channel() != null ? ChannelKind.valueOf(request.channel().toUpperCase(Locale.ROOT))
                : hasEmail ? ChannelKind.EMAIL : ChannelKind.SMS;
        if (hasEmail != (kind == ChannelKind.EMAIL)) {
            throw ApiException.validation(List.of(new ApiException.FieldProblem("channel",
                    hasEmail ? "an email address can only receive an email" : "a phone number receives sms or whatsapp")));
        }
        requireOffered(kind);
        String contact = hasEmail ? request.email().toLowerCase(Locale.ROOT) : request.phone();
        limits.linkRequested(contact, http.getRemoteAddr());
        Duration ttl = links.request(contact, kind, http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT));
        return ResponseEntity.accepted().body(new LinkSent("sent", kind.name().toLowerCase(Locale.ROOT), ttl.toSeconds()));
    }

    @PostMapping("/verify")
    ResponseEntity<SessionView> verify(@Valid @RequestBody VerifyRequest request, HttpServletRequest http) {
        limits.verifyAttempted(http.getRemoteAddr());
        Customer customer = links.consume(request.token().trim());
        PortalSessions.Issued session = sessions.start(customer.getId(), http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT));
        events.publishEvent(new CustomerLoggedIn(TenantContext.require().slug(), customer.getId(), http.getRemoteAddr(),
                http.getHeader(HttpHeaders.USER_AGENT)));
        return signedIn(customer, session);
    }

    @PostMapping("/refresh")
    ResponseEntity<SessionView> refresh(@CookieValue(name = COOKIE, required = false) @Nullable String cookie,
            HttpServletRequest http) {
        requireSameOrigin(http);
        limits.refreshAttempted(http.getRemoteAddr());
        if (cookie == null) {
            throw AuthFailures.sessionEnded();
        }
        PortalSessions.Issued session = sessions.refresh(cookie, http.getRemoteAddr(), http.getHeader(HttpHeaders.USER_AGENT));
        Customer customer = customers.findActive(session.customerId()).orElseThrow(AuthFailures::sessionEnded);
        return signedIn(customer, session);
    }

    @PostMapping("/logout")
    ResponseEntity<Void> logout(@CookieValue(name = COOKIE, required = false) @Nullable String cookie, HttpServletRequest http) {
        requireSameOrigin(http);
        if (cookie != null) {
            sessions.logout(cookie);
        }
        return ResponseEntity.noContent().header(HttpHeaders.SET_COOKIE, cookie("", Duration.ZERO).toString()).build();
    }

    private ResponseEntity<SessionView> signedIn(Customer customer, PortalSessions.Issued session) {
        Tenant tenant = TenantContext.require();
        IssuedToken access = tokens.issue(Audience.CUSTOMER, tenant.slug(), customer.getId().toString(),
                properties.accessTokenTtl(), Map.of("type", "access", "role", "CUSTOMER"));
        Duration cookieLife = Duration.between(clock.instant(), session.expiresAt());
        return ResponseEntity.ok()
                .header(HttpHeaders.SET_COOKIE, cookie(session.refreshToken(), cookieLife).toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new SessionView(access.value(), "Bearer", Duration.between(clock.instant(), access.expiresAt()).toSeconds(),
                        CustomerProfile.of(customer)));
    }

    private static ResponseCookie cookie(String value, Duration maxAge) {
        return ResponseCookie.from(COOKIE, value).httpOnly(true).secure(true).sameSite("Strict").path("/").maxAge(maxAge).build();
    }

    /** The studio must offer the channel and have a plugin enabled that delivers it. */
    private void requireOffered(ChannelKind kind) {
        String name = kind.name().toLowerCase(Locale.ROOT);
        boolean offered = TenantContext.require().config().loginChannels().contains(name)
                && plugins.enabled(NotificationChannel.class).stream().anyMatch(c -> c.extension().kinds().contains(kind));
        if (!offered) {
            throw ApiException.validation(List.of(new ApiException.FieldProblem("channel", name + " is not offered by this studio")));
        }
    }

    /**
     * Cookie-authenticated calls need a header a cross-site form cannot send, and an {@code Origin}, when the
     * browser sends one, of this studio.
     */
    private static void requireSameOrigin(HttpServletRequest http) {
        if (!"portal".equals(http.getHeader("X-Requested-With"))) {
            throw AuthFailures.csrf();
        }
        String origin = http.getHeader(HttpHeaders.ORIGIN);
        if (origin == null) {
            return;
        }
        String authority;
        try {
            authority = URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            throw AuthFailures.csrf();
        }
        String host = http.getHeader(HttpHeaders.HOST);
        Tenant tenant = TenantContext.require();
        boolean sameHost = authority != null && host != null && authority.equalsIgnoreCase(host);
        boolean studioUrl = authority != null && authority.equalsIgnoreCase(tenant.publicBaseUrl().getRawAuthority());
        if (!sameHost && !studioUrl) {
            throw AuthFailures.csrf();
        }
    }
}
