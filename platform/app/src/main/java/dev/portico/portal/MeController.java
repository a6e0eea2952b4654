package dev.portico.portal;

import dev.portico.branding.StudioBranding;
import dev.portico.credits.CreditPackages;
import dev.portico.customers.Customer;
import dev.portico.customers.CustomerDirectory;
import dev.portico.customers.CustomerProfile;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The logged-in customer's own view: who they are at this studio, their packages, and the studio. */
@RestController
class MeController {

    private final CustomerDirectory customers;
    private final CreditPackages packages;
    private final StudioBranding branding;

    MeController(CustomerDirectory customers, CreditPackages packages, StudioBranding branding) {
        this.customers = customers;
        this.packages = packages;
        this.branding = branding;
    }

    record PackageView(UUID id, String name, int creditsTotal, int creditsRemaining, OffsetDateTime expiresAt, String status) {}

    record Studio(String name, String logoUrl, String timezone) {}

    record Me(CustomerProfile customer, List<PackageView> packages, String bookingPageSlug, Studio studio) {}

    @GetMapping("/api/client-portal/me")
    Me me(@AuthenticationPrincipal Jwt token) {
        Customer customer = customers.findActive(UUID.fromString(token.getSubject())).orElseThrow(() -> new ApiException(
                HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Session ended", "Your session has ended. Please log in again."));
        ZoneId zone = ZoneId.of(customer.getTimezone());
        Tenant tenant = TenantContext.require();
        List<PackageView> owned = packages.forCustomer(customer.getId()).stream()
                .map(p -> new PackageView(p.id(), p.name(), p.creditsTotal(), p.creditsRemaining(),
                        p.expiresAt().atZone(zone).toOffsetDateTime(), p.status()))
                .toList();
        return new Me(CustomerProfile.of(customer), owned, tenant.slug(),
                new Studio(tenant.config().name(), branding.logoUrl(), tenant.config().timezone()));
    }
}
