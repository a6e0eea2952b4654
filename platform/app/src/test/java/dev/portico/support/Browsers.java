package dev.portico.support;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One headless Chromium per test JVM: the system's own (Debian's {@code chromium}, or the one named by
 * {@code PORTICO_CHROMIUM}), never a downloaded build. Each test takes a fresh context: its own cookies, storage,
 * viewport and language, as a separate phone or laptop would have.
 */
public final class Browsers {

    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--font-render-hinting=none");

    private static Browser browser;

    private Browsers() {}

    /** A new browsing context of the given window size and language, with the clock of the page left real. */
    public static BrowserContext newContext(int width, int height, String locale) {
        return chromium().newContext(new Browser.NewContextOptions()
                .setViewportSize(width, height)
                .setLocale(locale)
                .setDeviceScaleFactor(1)
                .setReducedMotion(com.microsoft.playwright.options.ReducedMotion.REDUCE));
    }

    private static synchronized Browser chromium() {
        if (browser == null) {
            Path executable = Path.of(System.getenv().getOrDefault("PORTICO_CHROMIUM", "/usr/bin/chromium"));
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException("The browser tests need Chromium at " + executable
                        + " (apt-get install -y chromium, as .ci/run does), or PORTICO_CHROMIUM naming another.");
            }
            Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(executable)
                    .setHeadless(true)
                    .setArgs(FLAGS));
            Runtime.getRuntime().addShutdownHook(new Thread(playwright::close, "playwright-close"));
        }
        return browser;
    }
}
