package dev.portico.branding;

import dev.portico.catalog.Catalog;
import dev.portico.plugin.api.PaymentProvider;
import dev.portico.plugins.TenantPlugins;
import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;

/** The public face of a studio: what the login page needs before anyone has logged in. */
@RestController
class BrandingController {

    private final ThemeCatalog themes;
    private final StudioBranding studio;
    private final Catalog catalog;
    private final TenantPlugins plugins;

    private final boolean devInbox;

    BrandingController(ThemeCatalog themes, StudioBranding studio, Catalog catalog, TenantPlugins plugins, Environment environment) {
        this.plugins = plugins;
        this.themes = themes;
        this.studio = studio;
        this.catalog = catalog;
        this.devInbox = environment.matchesProfiles("demo");
    }

    /**
     * A studio's branding.
     *
     * @param studioName    display name
     * @param logoUrl       the studio's logo, or its theme pack's
     * @param theme         the pack and its tokens with the studio's overrides applied
     * @param locales       languages offered
     * @param defaultLocale language for visitors who chose none
     * @param timezone      the studio's IANA zone
     * @param currency      ISO-4217 code prices are shown in
     * @param loginChannels channels a customer can receive a login link on
     * @param locations     where the studio holds classes
     * @param paymentsEnabled whether the studio takes payments online (purchase buttons are shown only then)
     * @param devInbox      whether {@code /api/dev/inbox} shows captured messages (the demo profile only), so the
     *                      login page can show the link it just sent
     */
    record Branding(String studioName, String logoUrl, Theme theme, List<String> locales, String defaultLocale,
            String timezone, String currency, List<String> loginChannels, List<Place> locations, boolean paymentsEnabled,
            boolean devInbox) {}

    record Theme(String pack, Map<String, String> tokens) {}

    record Place(String name, @Nullable String address) {}

    @GetMapping("/api/client-portal/branding")
    ResponseEntity<Branding> branding() {
        TenantConfig config = TenantContext.require().config();
        String logo = studio.logoUrl();
        List<Place> places = catalog.activeLocations().stream().map(l -> new Place(l.getName(), l.getAddress())).toList();
        Branding branding = new Branding(config.name(), logo, new Theme(config.theme().pack(), themes.tokensFor(config.theme())),
                config.locales(), config.locale(), config.timezone(), config.currency(), config.loginChannels(), places,
                !plugins.enabled(PaymentProvider.class).isEmpty(), devInbox);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(1)).cachePublic()).body(branding);
    }

    /**
     * The studio's theme as CSS custom properties on {@code :root} ({@code --color-primary: #2f6f5e;} and so on), which
     * the portal's style sheet is written against: one build of the portal, dressed per studio by its host. Revalidated
     * on every load (a 304 when unchanged), so a studio's new colours show on the next page load.
     */
    @GetMapping(value = "/portal/theme.css", produces = "text/css;charset=UTF-8")
    @Nullable ResponseEntity<String> themeStyleSheet(WebRequest request) {
        StringBuilder css = new StringBuilder(":root {\n");
        themes.tokensFor(TenantContext.require().config().theme()).forEach((name, value) -> {
            if (ThemeCatalog.isSafe(name, value)) {
                css.append("  --").append(name).append(": ").append(value).append(";\n");
            }
        });
        css.append("}\n");
        String etag = "\"" + Integer.toHexString(css.toString().hashCode()) + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).eTag(etag).body(css.toString());
    }
}
