package org.smtpreference.browser;

import java.io.File;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.fail;

/**
 * Starts Debian's headless Chromium through its own chromedriver, with no driver
 * download. Where Chromium is absent the browser tests are skipped, unless
 * {@code SMTP_REFERENCE_REQUIRE_ALL} is set (as in CI), where they fail.
 */
final class Browser {

	static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

	static final File CHROMIUM = new File("/usr/bin/chromium");

	private Browser() {
	}

	static boolean required() {
		return Boolean.parseBoolean(System.getenv().getOrDefault("SMTP_REFERENCE_REQUIRE_ALL", "false"));
	}

	/**
	 * Skips the calling test (or fails it in CI) when Chromium is not installed.
	 */
	static void assumeAvailable() {
		boolean available = CHROMEDRIVER.canExecute() && CHROMIUM.canExecute();
		if (!available && required()) {
			fail("Chromium is required here but /usr/bin/chromium or /usr/bin/chromedriver is missing "
					+ "(apt-get install chromium chromium-driver)");
		}
		Assumptions.assumeTrue(available, "Browser tests skipped: /usr/bin/chromium and /usr/bin/chromedriver "
				+ "are not installed (apt-get install chromium chromium-driver)");
	}

	static ChromeDriver start(int width, int height) {
		return start(width, height, false);
	}

	/**
	 * Starts Chromium, with its network events kept in the performance log when asked, so
	 * that a test can see every request a page makes.
	 */
	static ChromeDriver start(int width, int height, boolean networkLog) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM);
		options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
				"--disable-component-update", "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
				"--window-size=" + width + "," + height);
		options.setExperimentalOption("prefs",
				Map.of("profile.content_settings.exceptions.clipboard", Map.of("*", Map.of("setting", 1))));
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, java.util.logging.Level.ALL);
		if (networkLog) {
			logs.enable(LogType.PERFORMANCE, java.util.logging.Level.ALL);
		}
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER)
			.usingAnyFreePort()
			.build();
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return driver;
	}

}
