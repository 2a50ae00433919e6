package org.smtpreference.browser;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.chrome.ChromeDriver;

import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every browser test class shares: one headless Chromium for the class (skipped with
 * a message where it is not installed, unless required), the running app's port, and
 * opening pages and sizing the viewport.
 */
// The browser classes run one after another, in the thread that runs the suite, while the
// other classes run beside them one at a time (the surefire configuration in pom.xml): a
// browser test waits on rendering and scrolling, and more than one at once on two cores
// made such waits run out now and then.
@Execution(ExecutionMode.SAME_THREAD)
abstract class BrowserTestSupport {

	static ChromeDriver driver;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		Browser.assumeAvailable();
		driver = Browser.start(1280, 900);
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
	}

	/**
	 * Opens a page of the running app and answers its address.
	 */
	String open(String pathAndQuery) {
		String url = "http://localhost:" + this.port + pathAndQuery;
		driver.get(url);
		return url;
	}

	/**
	 * Sets the viewport; below 576 px it is a phone's, with the page's meta viewport
	 * honoured and scrollbars drawn over the page rather than taking 15 px of its width.
	 */
	static void viewport(int width, long height) {
		driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 576));
	}

}
