package org.smtpreference.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Full-page screenshots of the main pages and one page of each kind, at a phone's 360 px
 * and a desktop's 1280 px, in both themes, and the phone header with its menu open, saved
 * to {@code target/screenshots/} for a person to look at; and on each, no sideways
 * scrolling.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScreenshotBrowserTests extends BrowserTestSupport {

	static final Path DIRECTORY = Path.of("target", "screenshots");

	/**
	 * File name and path of each page shot: the fixed pages and one of each kind.
	 */
	static final Map<String, String> PAGES = pages();

	static final List<Integer> WIDTHS = List.of(360, 1280);

	static final List<String> THEMES = List.of("light", "dark");

	/**
	 * When the page scrolls sideways, the elements that stick out to the right and are
	 * not inside a box that scrolls or clips them (code and tables scroll on their own),
	 * widest first, as "tag.class (right edge)", so a failure says what to fix.
	 */
	private static final String OVERFLOWING = """
			const width = document.documentElement.clientWidth;
			if (document.documentElement.scrollWidth <= width) { return []; }
			const contained = (e) => {
			  for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
			    if (getComputedStyle(p).overflowX !== 'visible') { return true; }
			  }
			  return false;
			};
			return Array.from(document.querySelectorAll('body *'))
			  .map((e) => [e, e.getBoundingClientRect().right])
			  .filter(([e, right]) => right > width + 1 && e.getClientRects().length > 0 && !contained(e))
			  .sort((a, b) => b[1] - a[1]).slice(0, 5)
			  .map(([e, right]) => e.tagName.toLowerCase()
			    + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
			    + ' (' + Math.round(right) + ' px)');
			""";

	private static Map<String, String> pages() {
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("home", "/");
		pages.put("replies", "/replies");
		pages.put("status-codes", "/status-codes");
		pages.put("extensions", "/extensions");
		pages.put("faq", "/faq");
		pages.put("samples", "/samples");
		pages.put("about", "/about");
		pages.put("search", "/search?q=550");
		pages.put("command", "/commands/mail-from");
		pages.put("reply", "/replies/550");
		pages.put("status-code", "/status-codes/5.7.1");
		pages.put("extension", "/extensions/pipelining");
		return pages;
	}

	@BeforeAll
	static void makeDirectory() throws IOException {
		Files.createDirectories(DIRECTORY);
	}

	@Test
	void mainPagesAtPhoneAndDesktopWidthInBothThemes() throws IOException {
		List<String> problems = new ArrayList<>();
		for (String theme : THEMES) {
			open("/about?lang=en");
			driver.executeScript("localStorage.setItem('theme', arguments[0])", theme);
			for (int width : WIDTHS) {
				viewport(width, 900);
				for (Map.Entry<String, String> page : PAGES.entrySet()) {
					String path = page.getValue() + (page.getValue().contains("?") ? "&" : "?") + "lang=en";
					open(path);
					List<?> overflowing = (List<?>) driver.executeScript(OVERFLOWING);
					if (!overflowing.isEmpty()) {
						problems
							.add(path + " at " + width + " px, " + theme + ": wider than the screen: " + overflowing);
					}
					save(page.getKey() + "-" + width + "-" + theme + ".png", width);
				}
			}
			// The phone header with its menu open, which no page shows on loading; opened
			// from the keyboard, and shot once the button's colour transition is over.
			viewport(360, 900);
			open("/about?lang=tr");
			driver.findElement(By.id("menu-toggle")).sendKeys(Keys.ENTER);
			driver.executeScript("document.getAnimations().forEach((animation) => animation.finish());");
			save("menu-open-360-" + theme + ".png", 360);
		}
		driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
		assertThat(problems).as(String.join("\n", problems)).isEmpty();
	}

	/**
	 * Saves the whole page, not only the part in view: the viewport is made as tall as
	 * the page first, so the page is laid out once, as it is shot.
	 */
	private static void save(String name, int width) throws IOException {
		viewport(width, pageHeight());
		long height = pageHeight();
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "optimizeForSpeed", true, "captureBeyondViewport", true, "clip",
						Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
		Files.write(DIRECTORY.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
		viewport(width, 900);
	}

	private static long pageHeight() {
		return ((Number) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
	}

}
