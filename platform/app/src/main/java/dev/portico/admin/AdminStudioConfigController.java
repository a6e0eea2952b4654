package dev.portico.admin;

import dev.portico.security.AdminRole;
import dev.portico.audit.Actor;
import dev.portico.audit.AuditLog;
import dev.portico.branding.StudioBranding;
import dev.portico.notifications.MessageTemplates;
import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantContext;
import dev.portico.tenancy.TenantSettings;
import dev.portico.web.ApiException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The studio's own configuration, edited live: policies, branding, message templates and general settings, and the
 * whole of it exported as a tenant-config file. Staff read; only the owner changes or exports. Every change is
 * validated as an import would be, written over the version it read (else 409 {@code VERSION_CONFLICT}), audited
 * with the changed fields, served by this node at once and by every node within {@code portico.tenancy.cache-ttl}.
 */
@RestController
class AdminStudioConfigController {

    private final TenantSettings settings;
    private final StudioBranding branding;
    private final MessageTemplates templates;
    private final AuditLog audit;

    AdminStudioConfigController(TenantSettings settings, StudioBranding branding, MessageTemplates templates, AuditLog audit) {
        this.settings = settings;
        this.branding = branding;
        this.templates = templates;
        this.audit = audit;
    }

    // Policies

    record PoliciesView(int cancelWindowHours, int rescheduleWindowHours, String lateCancel, int maxReschedulesPerBooking,
            String refundApproval, boolean payAtStudio, long version) {}

    record PoliciesUpdate(@NotNull Integer cancelWindowHours, @NotNull Integer rescheduleWindowHours, @NotBlank String lateCancel,
            @NotNull Integer maxReschedulesPerBooking, @NotBlank String refundApproval, @NotNull Boolean payAtStudio,
            @NotNull Long version) {}

    @GetMapping("/api/admin/policies")
    PoliciesView policies(@AuthenticationPrincipal Jwt admin) {
        AdminRole.requireStaff(admin);
        TenantSettings.Versioned current = settings.current();
        return policies(current.config(), current.version());
    }

    @PutMapping("/api/admin/policies")
    PoliciesView updatePolicies(@Valid @RequestBody PoliciesUpdate body, @AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "change the booking policies");
        TenantConfig.Policies policies = new TenantConfig.Policies(body.cancelWindowHours(), body.rescheduleWindowHours(),
                body.lateCancel(), body.maxReschedulesPerBooking(), body.refundApproval(), body.payAtStudio());
        TenantSettings.Change change = update(admin, body.version(), "policies", "policies.", "policy set",
                c -> copy(c).policies(policies).build(), TenantConfig::policies);
        return policies(change.after(), change.version());
    }

    private static PoliciesView policies(TenantConfig config, long version) {
        TenantConfig.Policies p = config.policies();
        return new PoliciesView(p.cancelWindowHours(), p.rescheduleWindowHours(), p.lateCancel(), p.maxReschedulesPerBooking(),
                p.refundApproval(), p.payAtStudio(), version);
    }

    // Branding

    record BrandingView(String pack, Map<String, String> tokens, @Nullable String logoUrl, long version,
            List<StudioBranding.ThemePackInfo> packs) {}

    record BrandingUpdate(@NotBlank String pack, @Size(max = 100) @Nullable Map<@NotNull String, @NotNull String> tokens,
            @Nullable String logoUrl, @NotNull Long version) {}

    @GetMapping("/api/admin/branding")
    BrandingView branding(@AuthenticationPrincipal Jwt admin) {
        AdminRole.requireStaff(admin);
        TenantSettings.Versioned current = settings.current();
        return branding(current.config(), current.version());
    }

    @PutMapping("/api/admin/branding")
    BrandingView updateBranding(@Valid @RequestBody BrandingUpdate body, @AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "change the branding");
        TenantConfig.Theme theme = new TenantConfig.Theme(body.pack(), body.tokens(), blankToNull(body.logoUrl()));
        TenantSettings.Change change = update(admin, body.version(), "branding", "theme.", "branding",
                c -> copy(c).theme(theme).build(), TenantConfig::theme);
        return branding(change.after(), change.version());
    }

    private BrandingView branding(TenantConfig config, long version) {
        TenantConfig.Theme theme = config.theme();
        return new BrandingView(theme.pack(), new TreeMap<>(theme.tokens()), theme.logoUrl(), version, branding.packs());
    }

    // Templates

    record TemplatesView(Map<String, Map<String, TenantConfig.TemplateOverride>> templates, long version) {}

    record TemplatesUpdate(
            @Size(max = 100) @Nullable Map<@NotNull String, @NotNull Map<@NotNull String, TenantConfig.@NotNull TemplateOverride>> templates,
            @NotNull Long version) {}

    @GetMapping("/api/admin/templates")
    TemplatesView templates(@AuthenticationPrincipal Jwt admin) {
        AdminRole.requireStaff(admin);
        TenantSettings.Versioned current = settings.current();
        return new TemplatesView(current.config().templates(), current.version());
    }

    @PutMapping("/api/admin/templates")
    TemplatesView updateTemplates(@Valid @RequestBody TemplatesUpdate body, @AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "change the message templates");
        Map<String, Map<String, TenantConfig.TemplateOverride>> overrides = body.templates() == null ? Map.of() : body.templates();
        Map<String, String> problems = templates.problems(overrides);
        if (!problems.isEmpty()) {
            throw ApiException.validation(problems.entrySet().stream()
                    .map(p -> new ApiException.FieldProblem("templates." + p.getKey(), p.getValue())).toList());
        }
        TenantSettings.Change change = update(admin, body.version(), "templates", "", "template set",
                c -> copy(c).templates(overrides).build(), TenantConfig::templates);
        return new TemplatesView(change.after().templates(), change.version());
    }

    // General settings

    record SettingsView(String name, String timezone, String locale, List<String> locales, String currency,
            List<String> loginChannels, int loginLinkMinutes, @Nullable String publicBaseUrl, List<String> domains, long version) {}

    record SettingsUpdate(@NotBlank String name, @NotBlank String timezone, @NotBlank String locale,
            @Nullable List<@NotNull String> locales, @NotBlank String currency, @NotNull List<@NotNull String> loginChannels,
            @NotNull Integer loginLinkMinutes, @Nullable String publicBaseUrl, @Size(max = 20) @Nullable List<@NotNull String> domains,
            @NotNull Long version) {}

    @GetMapping("/api/admin/settings")
    SettingsView settings(@AuthenticationPrincipal Jwt admin) {
        AdminRole.requireStaff(admin);
        TenantSettings.Versioned current = settings.current();
        return settings(current.config(), current.version());
    }

    @PutMapping("/api/admin/settings")
    SettingsView updateSettings(@Valid @RequestBody SettingsUpdate body, @AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "change the studio's settings");
        TenantSettings.Change change = update(admin, body.version(), "settings", "", "configuration",
                c -> copy(c).name(body.name()).timezone(body.timezone()).locale(body.locale()).locales(body.locales())
                        .currency(body.currency()).loginChannels(body.loginChannels()).loginLinkMinutes(body.loginLinkMinutes())
                        .publicBaseUrl(blankToNull(body.publicBaseUrl())).domains(body.domains()).build(),
                c -> new SettingsView(c.name(), c.timezone(), c.locale(), c.locales(), c.currency(), c.loginChannels(),
                        c.loginLinkMinutes(), c.publicBaseUrl(), c.domains(), 0));
        return settings(change.after(), change.version());
    }

    private static SettingsView settings(TenantConfig c, long version) {
        return new SettingsView(c.name(), c.timezone(), c.locale(), c.locales(), c.currency(), c.loginChannels(),
                c.loginLinkMinutes(), c.publicBaseUrl(), c.domains(), version);
    }

    // Export

    /** The studio's configuration as a tenant-config file; secrets stay {@code ${ENV_VAR}} references. */
    @GetMapping(value = "/api/admin/export", produces = "application/yaml")
    ResponseEntity<String> export(@AuthenticationPrincipal Jwt admin) {
        AdminRole.requireOwner(admin, "export the studio's configuration");
        String slug = TenantContext.require().slug();
        String yaml = settings.exportYaml();
        audit.record(Actor.admin(admin.getSubject()), "config.exported", null, "studio", slug, Map.of());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/yaml;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + slug + ".yaml\"")
                .body(yaml);
    }

    private TenantSettings.Change update(Jwt admin, long version, String area, String fieldPrefix, String thing,
            UnaryOperator<TenantConfig> change, Function<TenantConfig, Object> audited) {
        String slug = TenantContext.require().slug();
        return settings.update(version, change, fieldPrefix, thing, done -> {
            Map<String, Object> diff = settings.diff(audited.apply(done.before()), audited.apply(done.after()));
            audit.record(Actor.admin(admin.getSubject()), area + ".updated", null, "studio", slug, Map.of("changes", diff));
        });
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static ConfigCopy copy(TenantConfig config) {
        return new ConfigCopy(config);
    }

    /** A copy of a config with some fields replaced. */
    private static final class ConfigCopy {

        private final TenantConfig c;
        private String name;
        private List<String> domains;
        private @Nullable String publicBaseUrl;
        private String timezone;
        private String locale;
        private @Nullable List<String> locales;
        private String currency;
        private List<String> loginChannels;
        private Integer loginLinkMinutes;
        private TenantConfig.Theme theme;
        private TenantConfig.Policies policies;
        private Map<String, Map<String, TenantConfig.TemplateOverride>> templates;

        ConfigCopy(TenantConfig c) {
            this.c = c;
            this.name = c.name();
            this.domains = c.domains();
            this.publicBaseUrl = c.publicBaseUrl();
            this.timezone = c.timezone();
            this.locale = c.locale();
            this.locales = c.locales();
            this.currency = c.currency();
            this.loginChannels = c.loginChannels();
            this.loginLinkMinutes = c.loginLinkMinutes();
            this.theme = c.theme();
            this.policies = c.policies();
            this.templates = c.templates();
        }

        ConfigCopy name(String value) { name = value; return this; }
        ConfigCopy domains(@Nullable List<String> value) { domains = value == null ? List.of() : value; return this; }
        ConfigCopy publicBaseUrl(@Nullable String value) { publicBaseUrl = value; return this; }
        ConfigCopy timezone(String value) { timezone = value; return this; }
        ConfigCopy locale(String value) { locale = value; return this; }
        ConfigCopy locales(@Nullable List<String> value) { locales = value; return this; }
        ConfigCopy currency(String value) { currency = value; return this; }
        ConfigCopy loginChannels(List<String> value) { loginChannels = value; return this; }
        ConfigCopy loginLinkMinutes(Integer value) { loginLinkMinutes = value; return this; }
        ConfigCopy theme(TenantConfig.Theme value) { theme = value; return this; }
        ConfigCopy policies(TenantConfig.Policies value) { policies = value; return this; }
        ConfigCopy templates(Map<String, Map<String, TenantConfig.TemplateOverride>> value) { templates = value; return this; }

        TenantConfig build() {
            return new TenantConfig(c.slug(), name, domains, publicBaseUrl, timezone, locale, locales, currency, loginChannels,
                    loginLinkMinutes, theme, policies, c.notifications(), templates, c.plugins(), c.demo(),
                    c.placement());
        }
    }
}
