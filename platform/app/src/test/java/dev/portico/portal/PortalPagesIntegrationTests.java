package dev.portico.portal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.portico.support.DemoStudiosTest;
import dev.portico.support.StudioHttp;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The portal's app and each studio's theme, as a browser fetches them. */
@DemoStudiosTest
class PortalPagesIntegrationTests {

    private static final Pattern SCRIPT = Pattern.compile("src=\"(/portal/assets/[^\"]+\\.js)\"");

    @LocalServerPort
    int port;

    @Test
    void everyRouteOfThePortalIsTheAppPageNeverCached() {
        StudioHttp http = new StudioHttp(port);
        for (String path : new String[] {"/portal", "/portal/", "/portal/bookings", "/portal/auth/callback?token=abc", "/portal/dev/inbox"}) {
            StudioHttp.Response page = http.get("serenity.localhost", path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.contentType()).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<div id=\"root\">").contains("/portal/theme.css");
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
            assertThat(page.header("Content-Security-Policy")).as(path).contains("default-src 'self'");
        }
    }

    @Test
    void theAdminPagesAreTheSameBuildUnderTheirOwnPath() {
        StudioHttp http = new StudioHttp(port);
        String portal = http.get("serenity.localhost", "/portal/").body();
        for (String path : new String[] {"/admin", "/admin/", "/admin/plugins", "/admin/customers/5e000010-0000-4000-8000-000000000001"}) {
            StudioHttp.Response page = http.get("serenity.localhost", path);
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body()).as(path).isEqualTo(portal);
            assertThat(page.header("Cache-Control")).as(path).isEqualTo("no-cache");
        }
        assertThat(http.get("nowhere.localhost", "/admin/").status()).isEqualTo(404);
    }

    @Test
    void hashedAssetsAreCachedForAYearAndAMissingFileIsNotFound() {
        StudioHttp http = new StudioHttp(port);
        Matcher script = SCRIPT.matcher(http.get("serenity.localhost", "/portal/").body());
        assertThat(script.find()).isTrue();

        StudioHttp.Response asset = http.get("ironworks.localhost", script.group(1));
        assertThat(asset.status()).isEqualTo(200);
        assertThat(asset.contentType()).contains("javascript");
        assertThat(asset.header("Cache-Control")).contains("max-age=31536000").contains("immutable");

        assertThat(http.get("serenity.localhost", "/portal/assets/missing-0000.js").status()).isEqualTo(404);
        assertThat(http.get("serenity.localhost", "/portal/favicon-missing.png").status()).isEqualTo(404);
    }

    @Test
    void eachStudioHostGetsItsOwnThemeFromTheSameBuild() {
        StudioHttp http = new StudioHttp(port);
        StudioHttp.Response serenity = http.get("serenity.localhost", "/portal/theme.css");
        StudioHttp.Response ironworks = http.get("ironworks.localhost", "/portal/theme.css");

        assertThat(serenity.status()).isEqualTo(200);
        assertThat(serenity.contentType()).startsWith("text/css");
        assertThat(serenity.body()).startsWith(":root {").contains("--color-primary: #2f6f5e;")
                .contains("--font-family-heading: 'Lora', Georgia, serif;").contains("--radius: 14px;");
        assertThat(ironworks.body()).contains("--color-primary: #e4572e;").contains("--color-background: #111418;")
                .doesNotContain("#2f6f5e");

        // Revalidated on each load, so a changed theme shows at once; unchanged, it costs a 304.
        assertThat(serenity.header("Cache-Control")).isEqualTo("no-cache");
        StudioHttp.Response again = http.send(java.net.http.HttpRequest.newBuilder(http.uri("/portal/theme.css"))
                .header("Host", "serenity.localhost").header("If-None-Match", serenity.header("ETag")).build());
        assertThat(again.status()).isEqualTo(304);
        assertThat(ironworks.header("ETag")).isNotEqualTo(serenity.header("ETag"));
    }

    @Test
    void anUnknownHostGetsNoPortal() {
        StudioHttp http = new StudioHttp(port);
        assertThat(http.get("nowhere.localhost", "/portal/").status()).isEqualTo(404);
        assertThat(http.get("nowhere.localhost", "/portal/theme.css").status()).isEqualTo(404);
    }

    @Test
    void theDemoTellsThePortalItsInboxIsReadable() {
        StudioHttp.Response branding = new StudioHttp(port).get("serenity.localhost", "/api/client-portal/branding");
        assertThat(branding.json().path("devInbox").asBoolean()).isTrue();
    }
}
