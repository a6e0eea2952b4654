package dev.portico.admin;

import dev.portico.security.AdminRole;
import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.security.AccessTokens;
import dev.portico.security.Audience;
import dev.portico.security.IssuedToken;
import dev.portico.security.SecurityProperties;
import dev.portico.tenancy.TenantContext;
import dev.portico.web.ApiException;
import dev.portico.ratelimit.Quota;
import dev.portico.ratelimit.RateLimitProperties;
import dev.portico.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Studio admin login: email and password for an admin access token of this studio only. */
@RestController
class AdminAuthController {

    private final AdminAccounts accounts;
    private final AccessTokens tokens;
    private final AuditLog audit;
    private final Duration ttl;
    private final Clock clock;
    private final RateLimiter limiter;
    private final RateLimitProperties limits;

    AdminAuthController(AdminAccounts accounts, AccessTokens tokens, AuditLog audit, SecurityProperties properties, Clock clock,
            RateLimiter limiter, RateLimitProperties limits) {
        this.limiter = limiter;
        this.limits = limits;
        this.accounts = accounts;
        this.tokens = tokens;
        this.audit = audit;
        this.ttl = properties.adminTokenTtl();
        this.clock = clock;
    }

    record LoginRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {}

    record AdminView(String id, String email, AdminRole role) {}

    record LoginResponse(String accessToken, String tokenType, long expiresIn, AdminView admin) {}

    @PostMapping("/api/admin/auth/login")
    LoginResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        limiter.consume(List.of(new Quota(limits.loginAdminPerIp(), http.getRemoteAddr() == null ? "unknown" : http.getRemoteAddr())));
        AdminAccount account = accounts.authenticate(request.email(), request.password()).orElseThrow(() -> {
            audit.record(Actor.system("admin-login"), "admin.login_failed", null, "admin", null, Map.of("email", request.email()));
            return new ApiException(HttpStatus.UNAUTHORIZED, "INVALID_CREDENTIALS", "Login failed",
                    "That email and password do not match an admin of this studio.");
        });
        IssuedToken token = tokens.issue(Audience.ADMIN, TenantContext.require().slug(), account.id().toString(), ttl,
                Map.of("role", account.role().name(), "email", account.email()));
        audit.record(Actor.admin(account.id().toString()), "admin.login_succeeded", null, "admin", account.id().toString(), Map.of());
        return new LoginResponse(token.value(), "Bearer", Duration.between(clock.instant(), token.expiresAt()).toSeconds(),
                new AdminView(account.id().toString(), account.email(), account.role()));
    }
}
