package dev.portico.tenancy;

import dev.portico.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Binds each request to the studio its {@code Host} names, for exactly the length of the request. Studio
 * paths ({@code /api/**} but {@code /api/platform/**}, {@code /portal/**}, {@code /admin/**}) on an unknown or
 * archived studio's host answer 404 — there is no fallback studio — and on a studio that cannot serve, 503.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TenantResolutionFilter extends OncePerRequestFilter {

    private final TenantRegistry registry;

    TenantResolutionFilter(TenantRegistry registry) {
        this.registry = registry;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // An archived studio is not served: to its customers it is as gone as one that never existed.
        Optional<Tenant> tenant = registry.findByHost(request.getHeader("Host")).filter(t -> t.status() != TenantStatus.ARCHIVED);
        boolean studioPath = isStudioPath(request.getRequestURI());
        if (tenant.isEmpty()) {
            if (studioPath) {
                Problems.write(response, HttpStatus.NOT_FOUND, "NOT_FOUND", "Studio not found",
                        "No studio is served at this address.");
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        if (studioPath && !tenant.get().isActive()) {
            response.setHeader("Retry-After", "60");
            Problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "STUDIO_UNAVAILABLE", "Studio unavailable",
                    "This studio is temporarily unavailable. Please try again shortly.");
            return;
        }
        request.setAttribute(TenantRequestObservationConvention.ATTRIBUTE, tenant.get().slug());
        try (TenantContext.Scope ignored = TenantContext.enter(tenant.get())) {
            chain.doFilter(request, response);
        }
    }

    private static boolean isStudioPath(String uri) {
        // The platform operators' API serves no studio and answers on any host.
        return (uri.startsWith("/api/") && !uri.startsWith("/api/platform/")) || uri.equals("/portal") || uri.startsWith("/portal/") || uri.equals("/admin") || uri.startsWith("/admin/");
    }
}
