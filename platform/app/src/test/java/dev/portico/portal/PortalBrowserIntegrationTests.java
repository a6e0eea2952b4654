package dev.portico.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.portico.support.Accessibility;
import dev.portico.support.Browsers;
import dev.portico.support.DemoStudiosTest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The portal end to end in Debian's Chromium against the real app on PostgreSQL: a customer logs in from the
 * demo inbox, cancels, reschedules, changes preferences and logs out, in English on a phone and in Arabic on a
 * laptop; a session at one studio is no session at another. Every page visited passes an axe-core check.
 */
@DemoStudiosTest
// A database of their own: these tests change the demo customers' bookings.
@TestPropertySource(properties = "portico.test.context=browser")
class PortalBrowserIntegrationTests {

    private static final UUID MAYA = UUID.fromString("5e000010-0000-4000-8000-000000000001");
    private static final UUID MAYA_PACK = UUID.fromString("5e000011-0000-4000-8000-000000000001");
    private static final UUID MAYA_VINYASA_IN_TWO_DAYS = UUID.fromString("5e000013-0000-4000-8000-000000000001");
    private static final UUID MAYA_REFORMER_IN_SIX_DAYS = UUID.fromString("5e000013-0000-4000-8000-000000000002");
    private static final UUID OMAR = UUID.fromString("5e000010-0000-4000-8000-000000000002");
    private static final UUID OMAR_VINYASA_TOMORROW = UUID.fromString("5e000013-0000-4000-8000-000000000015");
    private static final UUID OMAR_YIN_IN_THREE_DAYS = UUID.fromString("5e000013-0000-4000-8000-000000000016");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private final List<BrowserContext> contexts = new ArrayList<>();

    @AfterEach
    void closeBrowsers() {
        contexts.forEach(BrowserContext::close);
    }

    @Test
    void aCustomerManagesHerBookingsAndPreferencesOnAPhone() {
        Ui ui = Ui.of("en");
        Page page = open(390, 844, "en-GB");
        int creditsBefore = creditsLeft(MAYA_PACK);
        OffsetDateTime reformerWasAt = startOf(MAYA_REFORMER_IN_SIX_DAYS);

        page.navigate(url("serenity", "/portal/bookings"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Serenity Yoga & Pilates"))).isVisible();
        assertAccessible(page, "login");
        String link = logIn(page, ui, "maya@example.com");
        // Back where she was going, with the session in memory only.
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("bookings.title")).setLevel(1))).isVisible();
        assertThat((String) page.evaluate("() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage)")).doesNotContain("eyJ");

        // A reload restores the session from the refresh cookie.
        page.reload();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("bookings.title")).setLevel(1))).isVisible();

        // Phone layout: the bottom navigation, not the sidebar.
        Locator nav = page.locator("nav[aria-label='" + ui.t("nav.main") + "']:visible");
        assertThat(nav).hasCount(1);
        assertThat(nav.boundingBox().y).isGreaterThan(700);

        // The class in about three hours is inside the window: no cancelling, and the studio's sentence says why.
        Locator upcoming = page.getByRole(AriaRole.ARTICLE);
        Locator soonest = upcoming.first();
        assertThat(soonest.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("appointment.cancel")))).isDisabled();
        assertThat(soonest).containsText("12 hours");
        assertAccessible(page, "bookings");

        // Cancel the Vinyasa class in two days: the dialog says the credit comes back.
        Locator vinyasa = upcoming.filter(new Locator.FilterOptions().setHasText("Vinyasa Flow")).nth(1);
        vinyasa.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("appointment.cancel"))).click();
        Locator cancelDialog = page.getByRole(AriaRole.DIALOG);
        assertThat(cancelDialog.getByRole(AriaRole.HEADING)).hasText(ui.t("cancel.title", "service", "Vinyasa Flow"));
        assertThat(cancelDialog).containsText(ui.t("cancel.creditReturned"));
        assertAccessible(page, "cancel dialog");
        cancelDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("cancel.confirm"))).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(ui.t("bookings.cancelled")))).isVisible();
        assertThat(statusOf(MAYA_VINYASA_IN_TWO_DAYS)).isEqualTo("CANCELLED");
        assertThat(creditsLeft(MAYA_PACK)).isEqualTo(creditsBefore + 1);

        // Move the Reformer class to the first free time offered for the same class and instructor.
        Locator reformer = upcoming.filter(new Locator.FilterOptions().setHasText("Reformer Pilates"));
        reformer.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("appointment.reschedule"))).click();
        Locator moveDialog = page.getByRole(AriaRole.DIALOG);
        assertThat(moveDialog.getByRole(AriaRole.HEADING).first()).hasText(ui.t("reschedule.title", "service", "Reformer Pilates"));
        moveDialog.locator("button.slot").first().click();
        moveDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("reschedule.confirm"))).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(ui.t("bookings.moved")))).isVisible();
        assertThat(startOf(MAYA_REFORMER_IN_SIX_DAYS)).isNotEqualTo(reformerWasAt);
        assertThat(statusOf(MAYA_REFORMER_IN_SIX_DAYS)).isEqualTo("BOOKED");

        // Past classes offer "Book again" and a placeholder for ratings.
        page.getByRole(AriaRole.TAB, new Page.GetByRoleOptions().setName(ui.t("bookings.past"))).click();
        Locator past = page.getByRole(AriaRole.ARTICLE).first();
        assertThat(past.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("appointment.bookAgain")))).isVisible();
        assertThat(past.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("appointment.rate")))).isDisabled();

        // Preferences: no more SMS, reminders two hours before.
        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("nav.profile"))).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("profile.title")).setLevel(1))).isVisible();
        assertAccessible(page, "profile");
        page.getByLabel(ui.t("profile.smsOptIn"), new Page.GetByLabelOptions().setExact(true)).setChecked(false);
        page.getByLabel(ui.t("profile.reminder"), new Page.GetByLabelOptions().setExact(true)).selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel(ui.t("profile.hoursBefore_other").replace("{{count, number}}", "2")));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("profile.savePreferences"))).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(ui.t("common.saved")))).isVisible();
        assertThat(jdbc.sql("SELECT sms_opt_in::text || '/' || reminder_hours_before FROM tenant_serenity.customer_notification_preferences WHERE customer_id = ?")
                .param(MAYA).query(String.class).single()).isEqualTo("false/2");

        // The member card carries her member number.
        page.navigate(url("serenity", "/portal/card"));
        assertThat(page.getByRole(AriaRole.IMG, new Page.GetByRoleOptions().setName(ui.t("card.qrAlt")))).isVisible();
        assertThat(page.locator("main")).containsText("100004");
        assertAccessible(page, "member card");

        // Logging out ends the session: a reload stays logged out, and the link that logged her in is spent.
        page.navigate(url("serenity", "/portal/profile"));
        page.locator("main").getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("nav.logout"))).click();
        assertThat(page.getByLabel(ui.t("login.address"))).isVisible();
        page.reload();
        assertThat(page.getByLabel(ui.t("login.address"))).isVisible();
        assertThat(page.context().cookies().stream().map(cookie -> cookie.value).filter(value -> !value.isEmpty())).isEmpty();

        page.navigate(sameOrigin(link));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("callback.used.title")))).isVisible();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("callback.newLink")))
                .or(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ui.t("callback.newLink")))).click();
        assertThat(page.getByLabel(ui.t("login.address"))).isVisible();
    }

    @Test
    void theSameFlowInArabicReadsRightToLeftOnALaptop() {
        Ui ui = Ui.of("ar");
        Page page = open(1280, 800, "ar");
        OffsetDateTime yinWasAt = startOf(OMAR_YIN_IN_THREE_DAYS);

        page.navigate(url("serenity", "/portal/"));
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertThat(page.locator("html")).hasAttribute("lang", "ar");
        logIn(page, ui, "omar@example.com");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Omar");
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
        assertAccessible(page, "dashboard (ar)");

        // Laptop layout, mirrored: the sidebar sits on the right.
        Locator nav = page.locator("nav[aria-label='" + ui.t("nav.main") + "']:visible");
        assertThat(nav).hasCount(1);
        assertThat(nav.boundingBox().x).isGreaterThan(640);

        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("nav.bookings"))).click();
        Locator upcoming = page.getByRole(AriaRole.ARTICLE);
        // Dates in Arabic.
        assertThat(upcoming.first().locator("time").first().textContent()).containsPattern("[\\u0600-\\u06FF]");
        assertAccessible(page, "bookings (ar)");

        upcoming.filter(new Locator.FilterOptions().setHasText("Vinyasa Flow")).first()
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("appointment.cancel"))).click();
        Locator cancelDialog = page.getByRole(AriaRole.DIALOG);
        assertThat(cancelDialog).containsText(ui.t("cancel.creditReturned"));
        cancelDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("cancel.confirm"))).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(ui.t("bookings.cancelled")))).isVisible();
        assertThat(statusOf(OMAR_VINYASA_TOMORROW)).isEqualTo("CANCELLED");

        upcoming.filter(new Locator.FilterOptions().setHasText("Yin Yoga")).first()
                .getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("appointment.reschedule"))).click();
        Locator moveDialog = page.getByRole(AriaRole.DIALOG);
        moveDialog.locator("button.slot").first().click();
        moveDialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName(ui.t("reschedule.confirm"))).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(ui.t("bookings.moved")))).isVisible();
        assertThat(startOf(OMAR_YIN_IN_THREE_DAYS)).isNotEqualTo(yinWasAt);

        nav.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(ui.t("nav.profile"))).click();
        Locator whatsapp = page.getByLabel(ui.t("profile.whatsappOptIn"), new Page.GetByLabelOptions().setExact(true));
        boolean wanted = !whatsapp.isChecked();
        whatsapp.setChecked(wanted);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("profile.savePreferences"))).click();
        assertThat(page.getByRole(AriaRole.STATUS).filter(new Locator.FilterOptions().setHasText(ui.t("common.saved")))).isVisible();
        assertThat(jdbc.sql("SELECT whatsapp_opt_in FROM tenant_serenity.customer_notification_preferences WHERE customer_id = ?")
                .param(OMAR).query(Boolean.class).single()).isEqualTo(wanted);
        assertAccessible(page, "profile (ar)");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("nav.logout"))).first().click();
        assertThat(page.getByLabel(ui.t("login.address"))).isVisible();
        assertThat(page.locator("html")).hasAttribute("dir", "rtl");
    }

    @Test
    void aSessionAtOneStudioIsNoSessionAtAnother() {
        Ui ui = Ui.of("en");
        Page page = open(1280, 800, "en-GB");
        page.navigate(url("serenity", "/portal/"));
        logIn(page, ui, "maya@example.com");
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Maya");
        String serenityPrimary = primaryColour(page);

        // Same browser, other studio: its own login page, in its own colours, and nothing of Serenity's.
        page.navigate(url("ironworks", "/portal/"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Ironworks Gym"))).isVisible();
        assertThat(page.getByLabel(ui.t("login.address"))).isVisible();
        assertThat(page.locator("body")).not().containsText("Serenity");
        assertThat(primaryColour(page)).isEqualTo("#e4572e").isNotEqualTo(serenityPrimary);
        assertAccessible(page, "ironworks login");

        // Serenity's session is untouched.
        page.navigate(url("serenity", "/portal/"));
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).containsText("Maya");
    }

    /** Asks for a link on the login page and opens it from the demo inbox; returns the link. */
    private String logIn(Page page, Ui ui, String email) {
        page.getByLabel(ui.t("login.address")).fill(email);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName(ui.t("login.submit"))).click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName(ui.t("login.checkEmail")))).isVisible();
        Locator open = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(ui.t("demo.open")));
        assertThat(open).isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions().setTimeout(20_000));
        String link = page.locator(".demo-link code").textContent();
        open.click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setLevel(1))).not().hasText(ui.t("callback.signingIn"));
        return link;
    }

    private Page open(int width, int height, String locale) {
        BrowserContext context = Browsers.newContext(width, height, locale);
        contexts.add(context);
        return context.newPage();
    }

    private String url(String slug, String path) {
        return "http://" + slug + ".localhost:" + port + path;
    }

    /** The studio's configured link, on the port this test's app listens on. */
    private String sameOrigin(String link) {
        return link.replaceFirst("^https?://[^/]+", "http://serenity.localhost:" + port);
    }

    private static String primaryColour(Page page) {
        return ((String) page.evaluate("() => getComputedStyle(document.documentElement).getPropertyValue('--color-primary')")).strip();
    }

    private String statusOf(UUID appointment) {
        return jdbc.sql("SELECT status FROM tenant_serenity.appointments WHERE id = ?").param(appointment).query(String.class).single();
    }

    private OffsetDateTime startOf(UUID appointment) {
        return jdbc.sql("SELECT starts_at FROM tenant_serenity.appointments WHERE id = ?").param(appointment).query(OffsetDateTime.class).single();
    }

    private int creditsLeft(UUID customerPackage) {
        return jdbc.sql("SELECT credits_remaining FROM tenant_serenity.customer_packages WHERE id = ?").param(customerPackage)
                .query(Integer.class).single();
    }

    /** No serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
    static void assertAccessible(Page page, String where) {
        Accessibility.assertAccessible(page, where);
    }

}
