package dev.portico.onboarding;

import dev.portico.admin.AdminAccounts;
import dev.portico.security.AdminRole;
import dev.portico.tenancy.ConfigProblem;
import dev.portico.tenancy.ImportReport;
import dev.portico.tenancy.PlatformAudit;
import dev.portico.tenancy.TenancyProperties;
import dev.portico.tenancy.Tenant;
import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantConfigReader;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantLifecycle;
import dev.portico.tenancy.TenantProvisioning;
import dev.portico.tenancy.TenantRegistry;
import dev.portico.web.ApiException;
import dev.portico.web.Problems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Studios as the platform operators see them (operator key only, see the security configuration): onboard one from
 * its config, re-import the tenant-config folder, archive and restore. Every action is written to the platform audit.
 */
@RestController
class PlatformTenantsController {

    private static final String OPERATOR = "operator";
    private static final int MIN_PASSWORD = 12;

    private final TenantConfigReader reader;
    private final TenantProvisioning provisioning;
    private final TenantLifecycle lifecycle;
    private final TenantRegistry registry;
    private final TenancyProperties properties;
    private final AdminAccounts admins;
    private final PlatformAudit audit;

    PlatformTenantsController(TenantConfigReader reader, TenantProvisioning provisioning, TenantLifecycle lifecycle,
            TenantRegistry registry, TenancyProperties properties, AdminAccounts admins, PlatformAudit audit) {
        this.reader = reader;
        this.provisioning = provisioning;
        this.lifecycle = lifecycle;
        this.registry = registry;
        this.properties = properties;
        this.admins = admins;
        this.audit = audit;
    }

    /** A studio; {@code placement} names the database its schema lives on, absent for the primary one. */
    record StudioView(String slug, String name, String status, String host, String publicBaseUrl, @Nullable String placement) {}

    record Onboarded(String slug, String name, String status, String host, String publicBaseUrl, @Nullable String placement,
            @Nullable String ownerEmail, @Nullable String note) {}

    record Items<T>(List<T> items) {}

    @GetMapping("/api/platform/tenants")
    Items<StudioView> list() {
        return new Items<>(registry.findAll().stream().map(this::view).toList());
    }

    /**
     * Onboards a studio from a tenant config: JSON with the YAML file's fields, or the file itself as
     * {@code application/yaml}. An {@code owner: {email, password}} beside the settings becomes its first owner. A
     * {@code placement} puts its schema on that database from {@code portico.placements} instead of the primary one.
     */
    @PostMapping(value = "/api/platform/tenants",
            consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    ResponseEntity<?> onboard(@RequestBody String body) {
        Map<String, @Nullable Object> extras = new LinkedHashMap<>();
        TenantConfigReader.Result result = reader.read("request", body, Set.of("owner"), extras);
        List<ConfigProblem> problems = new ArrayList<>(result.problems());
        Owner owner = owner(extras.get("owner"), problems);
        if (!result.ok() || !problems.isEmpty()) {
            return invalid(problems);
        }
        TenantConfig config = Objects.requireNonNull(result.config());
        Tenant tenant = provisioning.onboard(config, "platform-api");
        String note = null;
        if (owner != null && tenant.isActive()) {
            TenantContext.runAs(tenant, () -> admins.createIfAbsent(owner.email(), owner.password(), AdminRole.OWNER));
        } else {
            note = tenant.isActive()
                    ? "The studio has no admin account yet; onboard it with an owner, or create one, before anyone can log in to /admin."
                    : "The studio's schema could not be migrated; it answers 503 until that is fixed.";
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", tenant.status().name());
        details.put("owner", owner == null ? "none" : owner.email());
        audit.record("PLATFORM", OPERATOR, "tenant.onboarded", tenant.slug(), details);
        StudioView view = view(tenant);
        return ResponseEntity.status(HttpStatus.CREATED).body(new Onboarded(view.slug(), view.name(), view.status(), view.host(),
                view.publicBaseUrl(), view.placement(), owner == null || !tenant.isActive() ? null : owner.email(), note));
    }

    record Reloaded(List<String> created, List<String> updated, List<String> unchanged, List<String> skipped, List<String> problems) {}

    /** Re-imports {@code portico.tenant-config-dir}: new files become studios, changed files update theirs. */
    @PostMapping("/api/platform/tenants/reload")
    Reloaded reload() {
        ImportReport report = provisioning.reload(properties.tenantConfigPath());
        List<String> problems = report.problems().stream().map(ConfigProblem::toString).toList();
        audit.record("PLATFORM", OPERATOR, "tenants.reloaded", null, Map.of("created", report.created(), "updated", report.updated(),
                "problems", problems));
        return new Reloaded(report.created(), report.updated(), report.unchanged(), report.skipped(), problems);
    }

    record ArchivedView(String slug, String status, Instant archivedAt, Instant dropsAt) {}

    /** Archives a studio: its host answers 404 at once; its schema is dropped after the grace period. */
    @DeleteMapping("/api/platform/tenants/{slug}")
    ArchivedView archive(@PathVariable String slug) {
        TenantLifecycle.Archived archived = lifecycle.archive(slug, OPERATOR);
        return new ArchivedView(archived.slug(), "ARCHIVED", archived.archivedAt(), archived.dropsAt());
    }

    /** Restores an archived studio within its grace period. */
    @PostMapping("/api/platform/tenants/{slug}/restore")
    StudioView restore(@PathVariable String slug) {
        return view(lifecycle.restore(slug, OPERATOR));
    }

    private StudioView view(Tenant tenant) {
        return new StudioView(tenant.slug(), tenant.config().name(), tenant.status().name(),
                tenant.slug() + "." + properties.baseDomain(), tenant.publicBaseUrl().toString(), tenant.placement());
    }

    private record Owner(String email, String password) {}

    private static @Nullable Owner owner(@Nullable Object value, List<ConfigProblem> problems) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> owner)) {
            problems.add(new ConfigProblem("request", null, "owner", "must be an object with email and password"));
            return null;
        }
        String email = owner.get("email") instanceof String s ? s.strip().toLowerCase(Locale.ROOT) : "";
        String password = owner.get("password") instanceof String s ? s : "";
        if (!email.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$") || email.length() > 254) {
            problems.add(new ConfigProblem("request", null, "owner.email", "must be an email address"));
        }
        if (password.length() < MIN_PASSWORD || password.length() > 200) {
            problems.add(new ConfigProblem("request", null, "owner.password", "must be " + MIN_PASSWORD + " to 200 characters"));
        }
        for (Object key : owner.keySet()) {
            if (!"email".equals(key) && !"password".equals(key)) {
                problems.add(new ConfigProblem("request", null, "owner." + key, "is not a known setting"));
            }
        }
        return new Owner(email, password);
    }

    /** 400 with each problem as a field error and as an operator reads it: {@code request:3 timezone: message}. */
    private static ResponseEntity<ProblemDetail> invalid(List<ConfigProblem> problems) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "Validation failed",
                "The studio's configuration is not valid.",
                problems.stream().map(p -> new ApiException.FieldProblem(p.field(), p.message())).toList());
        problem.setProperty("problems", problems.stream().map(ConfigProblem::toString).toList());
        return ResponseEntity.badRequest().body(problem);
    }
}
