package dev.portico.booking;

import dev.portico.customers.Customer;
import dev.portico.customers.CustomerDirectory;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.net.URI;
import java.util.UUID;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Add-to-calendar for one booking, and the customer's private, revocable calendar feed (webcal). */
@RestController
class CalendarController {

    static final MediaType CALENDAR = MediaType.parseMediaType("text/calendar;charset=UTF-8");

    private final CalendarFeeds feeds;
    private final CustomerDirectory customers;

    CalendarController(CalendarFeeds feeds, CustomerDirectory customers) {
        this.feeds = feeds;
        this.customers = customers;
    }

    record Feed(String url, String webcalUrl) {}

    @GetMapping("/api/client-portal/appointments/{id}/ics")
    ResponseEntity<String> appointment(@AuthenticationPrincipal Jwt token, @PathVariable UUID id) {
        return ResponseEntity.ok()
                .contentType(CALENDAR)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"booking-" + id + ".ics\"")
                .body(feeds.appointment(activeCustomer(token), id));
    }

    /** Creates the feed, or replaces it with a new URL (the old one stops working). */
    @PostMapping("/api/client-portal/calendar-feed")
    ResponseEntity<Feed> rotate(@AuthenticationPrincipal Jwt token) {
        String secret = feeds.rotate(activeCustomer(token));
        URI base = TenantContext.require().publicBaseUrl();
        String url = base + "/api/calendar/" + secret + ".ics";
        String webcal = "webcal://" + base.getRawAuthority() + (base.getRawPath() == null ? "" : base.getRawPath())
                + "/api/calendar/" + secret + ".ics";
        return ResponseEntity.status(201).header(HttpHeaders.CACHE_CONTROL, "no-store").body(new Feed(url, webcal));
    }

    @DeleteMapping("/api/client-portal/calendar-feed")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Jwt token) {
        feeds.revoke(activeCustomer(token));
        return ResponseEntity.noContent().build();
    }

    /** The feed itself: calendar apps fetch it without a login, so the secret in the URL is the credential. */
    @GetMapping("/api/calendar/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        Tenant tenant = TenantContext.require();
        String ics = feeds.feed(token).orElseThrow(() -> ApiException.notFound("Calendar feed of " + tenant.config().name()));
        return ResponseEntity.ok().contentType(CALENDAR).cacheControl(CacheControl.noCache()).body(ics);
    }

    /** The token's customer, unless the studio deactivated them since it was issued. */
    private UUID activeCustomer(Jwt token) {
        return customers.findActive(UUID.fromString(token.getSubject())).map(Customer::getId).orElseThrow(() -> new ApiException(
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Session ended", "Your session has ended. Please log in again."));
    }
}
