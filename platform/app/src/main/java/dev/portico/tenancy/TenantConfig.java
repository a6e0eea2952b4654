package dev.portico.tenancy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One studio's configuration, as written in {@code tenant-config/<slug>.yaml} and edited through the admin API.
 * Absent optional values take the defaults applied here; {@link TenantConfigValidator} checks the rest.
 *
 * @param slug          the studio's stable name and subdomain: lower case letters, digits and hyphens
 * @param name          the studio's display name
 * @param domains       custom domains that also resolve to this studio
 * @param publicBaseUrl the URL customers reach the studio at; links in messages are built from it, never from a request
 * @param timezone      IANA zone the studio runs in
 * @param locale        default language for customers who chose none
 * @param locales       languages offered in the portal
 * @param currency      ISO-4217 currency code
 * @param loginChannels channels a customer may ask a login link on: email, sms, whatsapp
 * @param loginLinkMinutes how long a login link stays valid, 1 to 30 minutes
 * @param theme         theme pack and token overrides
 * @param policies      booking policies
 * @param notifications when and how customers are told things
 * @param templates     message template overrides: event, then locale, then the parts to replace
 * @param plugins       plugins by id, with their settings; secrets as {@code ${ENV_VAR}}
 * @param demo          a demo studio, imported only when the demo profile is active
 * @param placement     the database the studio's schema lives on: a name from {@code portico.placements}, absent for the
 *                      primary database; fixed once the studio exists (moving one is a dump and restore, see
 *                      {@code docs/scaling.md})
 */
public record TenantConfig(
        @NotBlank @Pattern(regexp = SLUG_PATTERN, message = "must be 3-40 lower-case letters, digits or hyphens, starting with a letter") String slug,
        @NotBlank @Size(max = 120) String name,
        List<@NotBlank @Pattern(regexp = DOMAIN_PATTERN, message = "must be a lower-case host name") String> domains,
        @Nullable @Pattern(regexp = "^https?://[^\\s/?#]+(/[^\\s?#]*)?$", message = "must be an http(s) URL with no query") String publicBaseUrl,
        @NotBlank @TimeZoneId String timezone,
        @NotBlank @Pattern(regexp = LOCALE_PATTERN, message = "must be a language tag such as en or ar") String locale,
        @NotEmpty List<@Pattern(regexp = LOCALE_PATTERN, message = "must be a language tag such as en or ar") String> locales,
        @NotBlank @CurrencyCode String currency,
        @NotEmpty List<@Pattern(regexp = "^(email|sms|whatsapp)$", message = "must be email, sms or whatsapp") String> loginChannels,
        @NotNull @Min(1) @Max(30) Integer loginLinkMinutes,
        @NotNull @Valid Theme theme,
        @NotNull @Valid Policies policies,
        @NotNull @Valid Notifications notifications,
        Map<@Pattern(regexp = "^[a-z]+(\\.[a-z_]+)+$", message = "must be an event name such as booking.cancelled") String,
                Map<@Pattern(regexp = LOCALE_PATTERN, message = "must be a language tag such as en or ar") String,
                        @NotNull @Valid TemplateOverride>> templates,
        Map<@Pattern(regexp = "^[a-z][a-z0-9-]{1,63}$", message = "must be a plugin id") String, @NotNull @Valid PluginConfig> plugins,
        boolean demo,
        @Nullable @Pattern(regexp = PLACEMENT_PATTERN, message = "must be a placement name: lower-case letters, digits or hyphens")
        String placement) {

    public static final String SLUG_PATTERN = "^[a-z][a-z0-9-]{1,38}[a-z0-9]$";
    static final String PLACEMENT_PATTERN = "^[a-z][a-z0-9-]{0,39}$";
    static final String DOMAIN_PATTERN = "^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$";
    static final String LOCALE_PATTERN = "^[a-z]{2,3}(-[A-Z]{2})?$";

    public TenantConfig {
        domains = domains == null ? List.of() : List.copyOf(domains);
        timezone = timezone == null ? "Asia/Dubai" : timezone;
        locale = locale == null ? "en" : locale;
        locales = locales == null || locales.isEmpty() ? List.of(locale) : List.copyOf(locales);
        loginChannels = loginChannels == null ? List.of("email") : List.copyOf(loginChannels);
        loginLinkMinutes = loginLinkMinutes == null ? 10 : loginLinkMinutes;
        theme = theme == null ? Theme.DEFAULT : theme;
        policies = policies == null ? Policies.DEFAULT : policies;
        notifications = notifications == null ? Notifications.DEFAULT : notifications;
        templates = templates == null ? Map.of() : Map.copyOf(templates);
        plugins = plugins == null ? Map.of() : Map.copyOf(plugins);
    }

    /** The theme a studio picked and the tokens it overrides. */
    public record Theme(
            @NotBlank @Pattern(regexp = "^[a-z][a-z0-9-]{0,39}$", message = "must be a theme pack name") String pack,
            Map<@Pattern(regexp = "^[a-zA-Z][a-zA-Z0-9-]{0,39}$", message = "must be a token name") String,
                    @NotBlank @Size(max = 200) @Pattern(regexp = "^[^;{}<>]*$", message = "must not contain ; { } < or >") String> tokens,
            @Nullable @Size(max = 500) @Pattern(regexp = "^(https://|/)[^\\s\"'<>]*$", message = "must be an https URL or a path") String logoUrl) {

        static final Theme DEFAULT = new Theme("calm", Map.of(), null);

        public Theme {
            pack = pack == null ? "calm" : pack;
            tokens = tokens == null ? Map.of() : Map.copyOf(tokens);
        }
    }

    /**
     * Booking policies in force when a service sets no override.
     *
     * @param cancelWindowHours       cancelling is free until this many hours before the start
     * @param rescheduleWindowHours   rescheduling is allowed until this many hours before the start
     * @param lateCancel              {@code deny}: refuse; {@code forfeit}: allow, credit lost
     * @param maxReschedulesPerBooking how often one booking may be moved
     * @param refundApproval          {@code auto} or {@code manual} refunds of paid visits
     * @param payAtStudio             whether pay-per-visit bookings may be paid at the studio instead of online
     */
    public record Policies(
            @NotNull @Min(0) @Max(336) Integer cancelWindowHours,
            @NotNull @Min(0) @Max(336) Integer rescheduleWindowHours,
            @NotBlank @Pattern(regexp = "^(deny|forfeit)$", message = "must be deny or forfeit") String lateCancel,
            @NotNull @Min(0) @Max(20) Integer maxReschedulesPerBooking,
            @NotBlank @Pattern(regexp = "^(auto|manual)$", message = "must be auto or manual") String refundApproval,
            @NotNull Boolean payAtStudio) {

        static final Policies DEFAULT = new Policies(12, 12, "deny", 2, "auto", false);

        public Policies {
            cancelWindowHours = cancelWindowHours == null ? 12 : cancelWindowHours;
            rescheduleWindowHours = rescheduleWindowHours == null ? cancelWindowHours : rescheduleWindowHours;
            maxReschedulesPerBooking = maxReschedulesPerBooking == null ? 2 : maxReschedulesPerBooking;
            lateCancel = lateCancel == null ? "deny" : lateCancel;
            refundApproval = refundApproval == null ? "auto" : refundApproval;
            payAtStudio = payAtStudio != null && payAtStudio;
        }
    }

    /**
     * Notification settings.
     *
     * @param lowCreditsThreshold tell a customer when a package drops to this many credits (0: never)
     * @param expiringSoonDays    tell a customer this many days before a package with credits left expires (0: never)
     * @param quietHoursStart     non-urgent messages wait until {@code quietHoursEnd} when they would go out after this
     *                            local time (HH:mm); null: no quiet hours
     * @param quietHoursEnd       end of the quiet hours (HH:mm)
     */
    public record Notifications(
            @NotNull @Min(0) @Max(100) Integer lowCreditsThreshold,
            @NotNull @Min(0) @Max(90) Integer expiringSoonDays,
            @Nullable @Pattern(regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$", message = "must be a time such as 21:00") String quietHoursStart,
            @Nullable @Pattern(regexp = "^([01][0-9]|2[0-3]):[0-5][0-9]$", message = "must be a time such as 08:00") String quietHoursEnd) {

        static final Notifications DEFAULT = new Notifications(2, 7, null, null);

        public Notifications {
            lowCreditsThreshold = lowCreditsThreshold == null ? 2 : lowCreditsThreshold;
            expiringSoonDays = expiringSoonDays == null ? 7 : expiringSoonDays;
        }
    }

    /**
     * A studio's replacement for parts of a message template, in the template engine's syntax; parts left out keep
     * the shipped template. A broken override falls back to the shipped template and is reported, never blocking.
     */
    public record TemplateOverride(@Nullable @Size(max = 500) String subject, @Nullable @Size(max = 10_000) String text,
            @Nullable @Size(max = 50_000) String html) {}

    /** Whether a plugin is enabled for the studio, and its settings (values may be {@code ${ENV_VAR}} references). */
    public record PluginConfig(boolean enabled, Map<String, String> settings) {

        public PluginConfig {
            settings = settings == null ? Map.of() : Map.copyOf(settings);
        }
    }
}
