package org.candor.testsupport;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Headless Chromium (Debian's {@code chromium} and {@code chromium-driver}) for page tests. Nothing
 * is ever downloaded. Where Chromium is missing the test is skipped, unless
 * {@code CANDOR_REQUIRE_BROWSER=true} (as in CI), where it fails.
 */
public final class Browser {

    private static final File CHROMIUM = new File(System.getenv().getOrDefault("CANDOR_CHROMIUM", "/usr/bin/chromium"));
    private static final File CHROMEDRIVER = new File(
            System.getenv().getOrDefault("CANDOR_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private Browser() {
    }

    /** Starts a headless browser whose preferred language is {@code acceptLanguage} (e.g. {@code de}). */
    public static ChromeDriver start(String acceptLanguage) {
        boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
        if (!installed && "true".equalsIgnoreCase(System.getenv("CANDOR_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("Chromium is required but missing: apt-get install chromium chromium-driver");
        }
        Assumptions.assumeTrue(installed, "Chromium not installed (apt-get install chromium chromium-driver)");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-quic", "--no-first-run", "--lang=" + acceptLanguage,
                "--user-data-dir=" + TemporaryDirectories.create("candor-chromium"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", acceptLanguage));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * What the browser refused since the last call because the page's Content-Security-Policy forbids it
     * (an inline script or style, a script, style, frame or connection from elsewhere), as Chromium reports it
     * on the console.
     */
    public static List<String> policyViolations(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.toLowerCase(Locale.ROOT).contains("content security policy")).toList();
    }
}
