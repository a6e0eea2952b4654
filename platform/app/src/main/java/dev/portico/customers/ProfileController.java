package dev.portico.customers;

import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TimeZoneId;
import dev.portico.web.ApiException;
import dev.portico.web.ApiException.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The logged-in customer's own profile and contact preferences. Only ever the token's own customer: there is no id
 * in the path to tamper with. The email stays put here because it is the login identity the studio vouches for;
 * a customer asks the studio to change it.
 */
@RestController
class ProfileController {

    /** E.164, or empty for no phone (forms send empty strings). */
    static final String PHONE = "^(\\+[1-9][0-9]{6,14})?$";

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final CustomerPreferences preferences;
    private final Clock clock;

    ProfileController(JdbcClient jdbc, AuditLog audit, CustomerPreferences preferences, Clock clock) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.preferences = preferences;
        this.clock = clock;
    }

    record ProfileView(String firstName, String lastName, @Nullable String email, @Nullable String phone, String timezone,
            String locale) {}

    /** The whole profile, as GET answers it; a missing or null phone removes it, a missing email leaves it as it is. */
    record ProfileUpdate(
            @NotBlank @Size(max = 100) String firstName,
            @Nullable @Size(max = 100) String lastName,
            @Nullable @Size(max = 254) String email,
            @Nullable @Pattern(regexp = PHONE, message = "must be an international number such as +971501234567") String phone,
            @NotBlank @TimeZoneId String timezone,
            @NotBlank @Size(max = 20) String locale) {}

    record PreferencesUpdate(@NotNull Boolean emailOptIn, @NotNull Boolean smsOptIn, @NotNull Boolean whatsappOptIn,
            @NotNull Boolean marketingConsent, @NotNull @Min(0) @Max(168) Integer reminderHoursBefore) {}

    /** The customer's row with the version their change is made against. */
    private record Row(String firstName, String lastName, @Nullable String email, @Nullable String phone, String timezone,
            String locale, long version) {

        ProfileView view() {
            return new ProfileView(firstName, lastName, email, phone, timezone, locale);
        }
    }

    @GetMapping("/api/client-portal/profile")
    ProfileView profile(@AuthenticationPrincipal Jwt token) {
        return load(customerId(token)).view();
    }

    /**
     * Saves the profile against the version it read, so a change made meanwhile (another tab, the front desk) is
     * never silently overwritten: the loser gets 409 and reloads. Audits the changed fields, old and new, only.
     */
    @PutMapping("/api/client-portal/profile")
    @Transactional
    ProfileView update(@AuthenticationPrincipal Jwt token, @Valid @RequestBody ProfileUpdate update) {
        UUID id = customerId(token);
        Tenant tenant = TenantContext.require();
        Row current = load(id);
        String phone = update.phone() == null || update.phone().isEmpty() ? null : update.phone();

        List<FieldProblem> problems = new ArrayList<>();
        String email = update.email() == null || update.email().isBlank() ? null : update.email().strip().toLowerCase(Locale.ROOT);
        if (email != null && !email.equals(current.email())) {
            problems.add(new FieldProblem("email", "contact the studio to change your email"));
        }
        if (phone == null && current.email() == null) {
            problems.add(new FieldProblem("phone", "is needed: it is the only way the studio can reach you"));
        }
        List<String> offered = tenant.config().locales();
        if (!offered.contains(update.locale())) {
            problems.add(new FieldProblem("locale", "must be one of the studio's languages: " + String.join(", ", offered)));
        }
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems);
        }

        Row wanted = new Row(update.firstName().strip(), update.lastName() == null ? "" : update.lastName().strip(),
                current.email(), phone, update.timezone(), update.locale(), current.version() + 1);
        Map<String, Map<String, @Nullable Object>> changes = diff(current, wanted);
        if (changes.isEmpty()) {
            return current.view();
        }
        if (phone != null && !phone.equals(current.phone()) && phoneTaken(phone, id)) {
            throw phoneTaken();
        }
        int updated;
        try {
            updated = jdbc.sql("UPDATE " + tenant.schemaName() + """
                    .customers
                       SET first_name = ?, last_name = ?, phone = ?, timezone = ?, locale = ?, updated_at = ?, version = version + 1
                     WHERE id = ? AND version = ? AND status = 'ACTIVE'
                    """)
                    .params(wanted.firstName(), wanted.lastName(), wanted.phone(), wanted.timezone(), wanted.locale(),
                            Timestamp.from(clock.instant()), id, current.version())
                    .update();
        } catch (DuplicateKeyException e) {
            // Another customer took the number between our check and our write.
            throw phoneTaken();
        }
        if (updated == 0) {
            throw new ApiException(HttpStatus.CONFLICT, "PROFILE_CHANGED", "Profile changed",
                    "Your profile was changed somewhere else in the meantime. Reload it and try again.");
        }
        if (changes.containsKey("timezone") || changes.containsKey("locale")) {
            preferences.followProfile(id, wanted.timezone(), wanted.locale());
        }
        audit.record(Actor.customer(id.toString()), "customer.profile_updated", id, "customer", id.toString(), changes);
        return wanted.view();
    }

    @GetMapping("/api/client-portal/preferences")
    CustomerPreferences.Preferences preferences(@AuthenticationPrincipal Jwt token) {
        return preferences.forCustomer(active(customerId(token)));
    }

    @PutMapping("/api/client-portal/preferences")
    CustomerPreferences.Preferences updatePreferences(@AuthenticationPrincipal Jwt token,
            @Valid @RequestBody PreferencesUpdate update) {
        UUID id = active(customerId(token));
        return preferences.update(id, new CustomerPreferences.Preferences(update.emailOptIn(), update.smsOptIn(),
                update.whatsappOptIn(), update.marketingConsent(), update.reminderHoursBefore()), Actor.customer(id.toString()));
    }

    private static UUID customerId(Jwt token) {
        String subject = token.getSubject();
        try {
            return UUID.fromString(Objects.requireNonNullElse(subject, ""));
        } catch (IllegalArgumentException e) {
            throw sessionEnded();
        }
    }

    private UUID active(UUID id) {
        load(id);
        return id;
    }

    /** The active customer; one deactivated since their token was issued has no profile to show or change. */
    private Row load(UUID id) {
        return jdbc.sql("SELECT first_name, last_name, email, phone, timezone, locale, version FROM "
                        + TenantContext.require().schemaName() + ".customers WHERE id = ? AND status = 'ACTIVE'")
                .param(id)
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getLong(7)))
                .optional()
                .orElseThrow(ProfileController::sessionEnded);
    }

    private boolean phoneTaken(String phone, UUID self) {
        return jdbc.sql("SELECT count(*) FROM " + TenantContext.require().schemaName() + ".customers WHERE phone = ? AND id <> ?")
                .params(phone, self)
                .query(Long.class)
                .single() > 0;
    }

    private static Map<String, Map<String, @Nullable Object>> diff(Row old, Row wanted) {
        Map<String, Map<String, @Nullable Object>> changes = new LinkedHashMap<>();
        change(changes, "firstName", old.firstName(), wanted.firstName());
        change(changes, "lastName", old.lastName(), wanted.lastName());
        change(changes, "phone", old.phone(), wanted.phone());
        change(changes, "timezone", old.timezone(), wanted.timezone());
        change(changes, "locale", old.locale(), wanted.locale());
        return changes;
    }

    private static void change(Map<String, Map<String, @Nullable Object>> changes, String field, @Nullable Object old,
            @Nullable Object wanted) {
        if (!Objects.equals(old, wanted)) {
            // A removed phone is a null, which Map.of refuses.
            Map<String, @Nullable Object> change = new LinkedHashMap<>();
            change.put("old", old);
            change.put("new", wanted);
            changes.put(field, change);
        }
    }

    private static ApiException phoneTaken() {
        return new ApiException(HttpStatus.CONFLICT, "PHONE_TAKEN", "Phone number in use",
                "This phone number belongs to another customer of the studio. Contact the studio if it is yours.");
    }

    private static ApiException sessionEnded() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", "Session ended", "Your session has ended. Please log in again.");
    }
}
