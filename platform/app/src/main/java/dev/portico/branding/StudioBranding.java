package dev.portico.branding;

import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantContext;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/** The current studio's look, for other features. */
@Service
public class StudioBranding {

    private final ThemeCatalog themes;

    StudioBranding(ThemeCatalog themes) {
        this.themes = themes;
    }

    /**
     * A theme pack a studio can pick.
     *
     * @param name   what a config's {@code theme.pack} names
     * @param label  human name
     * @param tokens its design tokens, before a studio's overrides
     */
    public record ThemePackInfo(String name, String label, Map<String, String> tokens) {}

    /** Every theme pack shipped, by name. */
    public List<ThemePackInfo> packs() {
        return themes.packs().stream().map(pack -> new ThemePackInfo(pack.name(), pack.label(), pack.tokens())).toList();
    }

    /** The studio's own logo, or its theme pack's. */
    public String logoUrl() {
        TenantConfig.Theme theme = TenantContext.require().config().theme();
        return theme.logoUrl() != null ? theme.logoUrl() : themes.pack(theme.pack()).logoUrl();
    }
}
