package dev.portico.admin;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.security.AdminRole;
import dev.portico.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The studio's admin accounts, managed by its owners: adding one, changing its role, cutting it off. A change takes
 * effect on the account's next request, however long its token still runs (every admin request checks the account).
 */
@RestController
class AdminAccountsController {

    static final String ROLE = "^(OWNER|FRONT_DESK)$";
    static final String ROLE_MESSAGE = "must be OWNER or FRONT_DESK";

    private final AdminAccounts accounts;
    private final AuditLog audit;

    AdminAccountsController(AdminAccounts accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    record Items<T>(List<T> items) {}

    record AdminView(String id, String email, AdminRole role, boolean active, OffsetDateTime createdAt,
            @Nullable OffsetDateTime lastLoginAt) {}

    record NewAdmin(@NotBlank @Email @Size(max = 254) String email,
            @NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role,
            @NotNull @Size(min = 12, max = 128, message = "must be 12 to 128 characters") String password) {}

    record AdminUpdate(@NotNull @Pattern(regexp = ROLE, message = ROLE_MESSAGE) String role, @NotNull Boolean active) {}

    @GetMapping("/api/admin/admins")
    Items<AdminView> list(@AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "manage admin accounts");
        return new Items<>(accounts.list().stream().map(AdminAccountsController::view).toList());
    }

    @PostMapping("/api/admin/admins")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    AdminView create(@Valid @RequestBody NewAdmin request, @AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "manage admin accounts");
        StudioAdmin created = accounts.create(request.email(), request.password(), AdminRole.valueOf(request.role()));
        // The email and role only: the password goes nowhere but into its hash.
        audit.record(Actor.admin(admin.getSubject()), "admin.account_created", null, "admin", created.id().toString(),
                Map.of("email", created.email(), "role", created.role().name()));
        return view(created);
    }

    @PutMapping("/api/admin/admins/{id}")
    @Transactional
    AdminView update(@PathVariable UUID id, @Valid @RequestBody AdminUpdate request, @AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "manage admin accounts");
        AdminAccounts.Change change = accounts.update(id, AdminRole.valueOf(request.role()), request.active())
                .orElseThrow(() -> ApiException.notFound("Admin account"));
        if (change.changed()) {
            audit.record(Actor.admin(admin.getSubject()), "admin.account_changed", null, "admin", id.toString(), Map.of(
                    "email", change.after().email(),
                    "role", change.after().role().name(), "previousRole", change.before().role().name(),
                    "active", change.after().active(), "previouslyActive", change.before().active()));
        }
        return view(change.after());
    }

    private static AdminView view(StudioAdmin account) {
        return new AdminView(account.id().toString(), account.email(), account.role(), account.active(), account.createdAt(),
                account.lastLoginAt());
    }
}
