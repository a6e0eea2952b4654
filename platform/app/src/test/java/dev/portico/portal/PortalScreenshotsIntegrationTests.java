package dev.portico.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.ScreenshotAnimations;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.LoadState;
import dev.portico.support.Browsers;
import dev.portico.support.DemoStudiosTest;
import dev.portico.support.Screenshots;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Visual checks: the dashboard and the bookings of a customer of each demo studio, on a phone (390x844) and a
 * laptop (1280x800), against committed baselines ({@link Screenshots}). The demo's dates and times move with the
 * clock, so whatever shows one ({@code data-volatile}) is masked.
 */
@DemoStudiosTest
@TestPropertySource(properties = "portico.test.context=browser")
class PortalScreenshotsIntegrationTests {

    @LocalServerPort
    int port;

    @ParameterizedTest
    @CsvSource({"serenity, aisha@example.com", "ironworks, sam@example.com"})
    void dashboardAndBookingsLookAsTheyShouldOnPhoneAndLaptop(String slug, String email) {
        Ui ui = Ui.of("en");
        BrowserContext context = Browsers.newContext(390, 844, "en-GB");
        try (context) {
            Page page = context.newPage();
            page.navigate("http://" + slug + ".localhost:" + port + "/portal/");
            page.getByLabel(ui.t("login.address")).fill(email);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("login.submit"))).click();
            Locator open = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ui.t("demo.open")));
            assertThat(open).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
            open.click();
            page.waitForURL(url -> !url.contains("/auth/callback"));

            for (int[] size : new int[][] {{390, 844}, {1280, 800}}) {
                page.setViewportSize(size[0], size[1]);
                String suffix = size[0] + "x" + size[1];
                page.navigate("http://" + slug + ".localhost:" + port + "/portal/");
                assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("dashboard.nextClass")))).isVisible();
                capture(page, slug + "-dashboard-" + suffix);

                page.navigate("http://" + slug + ".localhost:" + port + "/portal/bookings");
                assertThat(page.getByRole(AriaRole.ARTICLE).first()).isVisible();
                capture(page, slug + "-bookings-" + suffix);
            }
        }
    }

    private static void capture(Page page, String name) {
        page.waitForLoadState(LoadState.NETWORKIDLE);
        page.evaluate("() => document.fonts.ready");
        byte[] png = page.screenshot(new Page.ScreenshotOptions()
                .setAnimations(ScreenshotAnimations.DISABLED)
                .setCaret(com.microsoft.playwright.options.ScreenshotCaret.HIDE)
                .setMask(List.of(page.locator("[data-volatile]")))
                .setMaskColor("#888888"));
        Screenshots.ofThisModule().assertMatchesBaseline(name, png);
    }
}
