package dev.portico.security;

import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/** CORS for the studio the request is addressed to: only its public URL and custom domains may call with credentials. */
class StudioOrigins implements CorsConfigurationSource {

    @Override
    public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
        Optional<Tenant> tenant = TenantContext.current();
        if (tenant.isEmpty()) {
            return null;
        }
        URI base = tenant.get().publicBaseUrl();
        List<String> origins = new ArrayList<>();
        origins.add(base.getScheme() + "://" + base.getRawAuthority());
        tenant.get().config().domains().forEach(domain -> origins.add("https://" + domain));
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins);
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "X-Requested-With"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(600L);
        return cors;
    }
}
