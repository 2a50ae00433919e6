package org.smtpreference.browser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site with a keyboard only: the skip link comes first and lands in the main content,
 * every stop on the way shows where focus is, and the sample tabs follow the arrow keys
 * as a tab list should.
 */
// The probe on for loopback, so its page and API are checked as readers who use it see
// them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.probe.enabled=true", "site.probe.allowed-targets=127.0.0.1/32:1-65535",
				"site.probe.reply-timeout=2s", "site.probe.per-client=1000", "site.probe.global=1000" })
class KeyboardBrowserTests extends BrowserTestSupport {

	/**
	 * Pages whose every tab stop is visited: the layout, each kind of control (filter,
	 * copy buttons, focusable code, tabs, permalinks, tables, the decoder's form, the
	 * playground's terminal and step buttons) and the 404 page.
	 */
	static final List<String> PAGES = List.of("/", "/commands/mail-from", "/samples", "/faq", "/status-codes",
			"/search?q=550", "/decode", "/commands/nope", "/playground?scenario=pipelining", "/playground/auth",
			"/playground/message", "/probe");

	/**
	 * Records how each link in an SVG drawing (the flow diagram) looks unfocused: such
	 * links show focus by drawing their own shapes differently, not with an outline.
	 */
	private static final String UNFOCUSED = """
			window.svgLinkLook = (a) => Array.from(a.querySelectorAll('*'))
			  .map((e) => { const s = getComputedStyle(e); return s.stroke + ' ' + s.strokeWidth + ' ' + s.fill; })
			  .join('|');
			window.unfocusedSvgLinks = new Map();
			document.querySelectorAll('svg a').forEach((a) => window.unfocusedSvgLinks.set(a, window.svgLinkLook(a)));
			""";

	/**
	 * Defines {@code focusLook(e)}: the element as "tag#id.class 'text'", and how it
	 * shows focus: an outline or a box shadow that can be seen (not transparent, not
	 * zero-sized), a link in an SVG drawing whose shapes look different than unfocused,
	 * or null. Colour transitions are finished first: Bootstrap fades its focus shadows
	 * in. Then records the look of every element focus lands on, in order, in
	 * {@code focusStops}, and a stop with {@code body} true when focus leaves the page:
	 * so a batch of Tab presses is one round trip to the browser, not two per stop.
	 */
	private static final String RECORD_FOCUS = """
			window.focusLook = (e) => {
			  document.getAnimations().forEach((animation) => animation.finish());
			  const style = getComputedStyle(e);
			  const alpha = (colour) => {
			    const parts = colour.match(/[\\d.]+/g) || [];
			    return parts.length > 3 ? parseFloat(parts[3]) : (colour === 'transparent' ? 0 : 1);
			  };
			  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0
			    && alpha(style.outlineColor) > 0;
			  const shadows = Array.from(style.boxShadow.matchAll(
			    /(rgba?\\([^)]*\\))\\s+(-?[\\d.]+)px\\s+(-?[\\d.]+)px\\s+([\\d.]+)px\\s+(-?[\\d.]+)px/g));
			  const shadow = shadows.some((s) => alpha(s[1]) > 0 && (parseFloat(s[4]) > 0 || parseFloat(s[5]) > 0));
			  const element = e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
			      + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '')
			      + " '" + (e.textContent || '').trim().replace(/\\s+/g, ' ').substring(0, 30) + "'";
			  const drawn = window.unfocusedSvgLinks && window.unfocusedSvgLinks.has(e)
			    && window.unfocusedSvgLinks.get(e) !== window.svgLinkLook(e);
			  return {
			    element: element,
			    indicator: outline ? 'outline ' + style.outlineWidth + ' ' + style.outlineStyle + ' ' + style.outlineColor
			      : shadow ? 'box-shadow ' + style.boxShadow : drawn ? 'SVG shapes drawn for focus' : null,
			    body: e === document.body
			  };
			};
			window.focusStops = [];
			document.addEventListener('focusin', (event) => window.focusStops.push(window.focusLook(event.target)));
			document.addEventListener('focusout', (event) => {
			  if (!event.relatedTarget) {
			    window.focusStops.push({ element: 'body', indicator: null, body: true });
			  }
			});
			""";

	/**
	 * Tab presses sent at once between two reads of {@code focusStops}.
	 */
	private static final int TABS_AT_ONCE = 20;

	@BeforeEach
	void freshState() {
		open("/about?lang=en");
		driver.executeScript("localStorage.clear()");
	}

	private static void press(CharSequence key) {
		new Actions(driver).sendKeys(key).perform();
	}

	private static WebElement focused() {
		return driver.switchTo().activeElement();
	}

	@Test
	void firstTabReachesTheSkipLinkWhichMovesFocusToMain() {
		for (String path : PAGES) {
			for (String language : List.of("en", "tr")) {
				open(path + (path.contains("?") ? "&" : "?") + "lang=" + language);
				press(Keys.TAB);
				WebElement skip = focused();
				assertThat(skip.getDomAttribute("class")).as(path).contains("skip-link");
				assertThat(skip.getDomAttribute("href")).as(path).isEqualTo("#main");
				assertThat(skip.getRect().getWidth()).as("skip link shown when focused on %s", path).isGreaterThan(10);
				press(Keys.ENTER);
				assertThat(focused().getDomAttribute("id")).as("focus after the skip link on %s", path)
					.isEqualTo("main");
				press(Keys.TAB);
				assertThat(focused().findElements(By.xpath("ancestor::main"))).as("next stop after main on %s", path)
					.isNotEmpty();
			}
		}
	}

	@Test
	void everyTabStopShowsWhereFocusIs() {
		List<String> problems = new ArrayList<>();
		for (String path : PAGES) {
			open(path + (path.contains("?") ? "&" : "?") + "lang=en");
			driver.executeScript(UNFOCUSED + RECORD_FOCUS);
			List<Map<String, Object>> stops = tabThroughThePage();
			assertThat(stops).as("tab stops on %s", path).isNotEmpty();
			for (Map<String, Object> focus : stops) {
				if (focus.get("indicator") == null) {
					problems.add(path + ": no visible focus on " + focus.get("element"));
				}
			}
		}
		assertThat(problems).as(String.join("\n", problems)).isEmpty();
	}

	/**
	 * Presses Tab until focus leaves the page or comes back to its first stop (500
	 * presses at most), and answers each stop on the way, once.
	 */
	private static List<Map<String, Object>> tabThroughThePage() {
		for (int pressed = 0; pressed < 500; pressed += TABS_AT_ONCE) {
			Actions tabs = new Actions(driver);
			for (int i = 0; i < TABS_AT_ONCE; i++) {
				tabs.sendKeys(Keys.TAB);
			}
			tabs.perform();
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> recorded = (List<Map<String, Object>>) driver
				.executeScript("return window.focusStops");
			List<Map<String, Object>> stops = new ArrayList<>();
			for (Map<String, Object> focus : recorded) {
				if (Boolean.TRUE.equals(focus.get("body"))
						|| (!stops.isEmpty() && focus.get("element").equals(stops.get(0).get("element")))) {
					return stops;
				}
				stops.add(focus);
			}
		}
		throw new AssertionError("focus never left the page nor came back to its first stop in 500 Tab presses");
	}

	@Test
	void sampleTabsFollowTheArrowKeys() {
		open("/samples?lang=en");
		List<WebElement> tabs = driver.findElements(By.cssSelector("[role=tab]"));
		assertThat(tabs).hasSizeGreaterThan(3);
		// Tab from the skip link reaches the selected tab, the only tab in the tab order.
		WebElement selected = null;
		for (int stop = 0; stop < 40 && selected == null; stop++) {
			press(Keys.TAB);
			if ("tab".equals(focused().getDomAttribute("role"))) {
				selected = focused();
			}
		}
		assertThat(selected).as("a tab reached with Tab").isNotNull();
		assertThat(selected.getDomAttribute("id")).isEqualTo(tabs.get(0).getDomAttribute("id"));
		assertSelected(tabs, 0);
		press(Keys.ARROW_RIGHT);
		assertSelected(tabs, 1);
		press(Keys.ARROW_LEFT);
		assertSelected(tabs, 0);
		press(Keys.ARROW_LEFT);
		assertSelected(tabs, tabs.size() - 1);
		press(Keys.HOME);
		assertSelected(tabs, 0);
		press(Keys.END);
		assertSelected(tabs, tabs.size() - 1);
		press(Keys.ARROW_RIGHT);
		assertSelected(tabs, 0);
		// Tab leaves the tab list for the shown panel.
		press(Keys.TAB);
		assertThat(focused().getDomAttribute("id")).isEqualTo(tabs.get(0).getDomAttribute("aria-controls"));
	}

	private static void assertSelected(List<WebElement> tabs, int index) {
		WebElement tab = tabs.get(index);
		String name = tab.getText();
		assertThat(focused().getDomAttribute("id")).as("focus on tab %s", name).isEqualTo(tab.getDomAttribute("id"));
		for (WebElement other : tabs) {
			boolean on = other.equals(tab);
			assertThat(other.getDomAttribute("aria-selected")).as("aria-selected of %s", other.getText())
				.isEqualTo(String.valueOf(on));
			assertThat(other.getDomAttribute("tabindex")).as("tabindex of %s", other.getText())
				.isEqualTo(on ? "0" : "-1");
			WebElement panel = driver.findElement(By.id(other.getDomAttribute("aria-controls")));
			assertThat(panel.isDisplayed()).as("panel of %s shown", other.getText()).isEqualTo(on);
		}
	}

}
