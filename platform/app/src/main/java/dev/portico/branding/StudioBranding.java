package dev.portico.branding;

import dev.portico.tenancy.TenantConfig;
import dev.portico.tenancy.TenantContext;
import org.springframework.stereotype.Service;

/** The current studio's look, for other features. */
@Service
public class StudioBranding {

    private final ThemeCatalog themes;

    StudioBranding(ThemeCatalog themes) {
        this.themes = themes;
    }

    /** The studio's own logo, or its theme pack's. */
    public String logoUrl() {
        TenantConfig.Theme theme = TenantContext.require().config().theme();
        return theme.logoUrl() != null ? theme.logoUrl() : themes.pack(theme.pack()).logoUrl();
    }
}
