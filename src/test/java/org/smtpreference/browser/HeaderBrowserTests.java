package org.smtpreference.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.smtpreference.UiMessages;
import org.smtpreference.content.Language;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The site header on a phone and on a desktop: at 360 px it is one row of brand and menu
 * button over the search box, with the links behind the button; at 1280 px everything
 * shows in one row and there is no button; the tools open from a disclosure; without
 * script nothing is folded away.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HeaderBrowserTests extends BrowserTestSupport {

	/**
	 * The tallest the closed header may be at 360 px: the brand row (about 40 px) and the
	 * search row (about 31 px) with the bar's padding and gap come to 93 px; 120 px
	 * leaves room for font differences, while any third row of links or buttons (the old
	 * header took 239 px in five rows) goes over it.
	 */
	static final int PHONE_HEADER_MAX = 120;

	/**
	 * The tallest the header may be at 1280 px: one row (a 31 px button with the bar's
	 * padding: 57 px), with room for font differences but none for a second row (96 px).
	 */
	static final int DESKTOP_HEADER_MAX = 70;

	static final List<String> PAGES = List.of("/", "/commands/mail-from", "/faq", "/search?q=550", "/commands/nope");

	/**
	 * Runs axe with its default rules, then the colour rules in the dark theme, and
	 * answers the ids and targets of the violations of each. Colour transitions are
	 * finished first: the button just clicked is hovered, and fades to its hover colours.
	 */
	private static final String AXE_BOTH_THEMES = """
			const colourRules = arguments[0];
			const done = arguments[arguments.length - 1];
			const brief = (violations) => violations.map((v) => v.id + ' ' + v.nodes.map((n) => n.target).join(', '));
			(async () => {
			  document.getAnimations().forEach((animation) => animation.finish());
			  const light = await axe.run(document, { resultTypes: ['violations'] });
			  document.documentElement.setAttribute('data-bs-theme', 'dark');
			  document.getAnimations().forEach((animation) => animation.finish());
			  const dark = await axe.run(document, {
			    resultTypes: ['violations'],
			    runOnly: { type: 'rule', values: colourRules }
			  });
			  return { light: brief(light.violations), dark: brief(dark.violations) };
			})().then((result) => done(JSON.stringify(result)), (error) => done(String(error)));
			""";

	@BeforeEach
	void phone() {
		viewport(360, 740);
	}

	@AfterEach
	void scriptOn() {
		driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", false));
	}

	private void open(String path, Language language) {
		open(path + (path.contains("?") ? "&" : "?") + "lang=" + language.tag());
	}

	private static double headerHeight() {
		return ((Number) driver
			.executeScript("return document.querySelector('.site-header').getBoundingClientRect().height"))
			.doubleValue();
	}

	private static WebElement button() {
		return driver.findElement(By.cssSelector(".site-header button[aria-controls]"));
	}

	/**
	 * The navigation's own entries: the links and the tools' summary.
	 */
	private static List<WebElement> links() {
		return driver
			.findElements(By.cssSelector(".site-header .navbar-nav > .nav-item > .nav-link, .nav-more > summary"));
	}

	private static List<WebElement> toolLinks() {
		return driver.findElements(By.cssSelector(".site-header .nav-more-menu .nav-link"));
	}

	private static WebElement tools() {
		return driver.findElement(By.cssSelector(".site-header .nav-more > summary"));
	}

	private static boolean toolsOpen() {
		return driver.findElement(By.cssSelector(".site-header .nav-more")).getDomProperty("open").equals("true");
	}

	private static double middle(WebElement element) {
		return ((Number) driver
			.executeScript("const r = arguments[0].getBoundingClientRect(); return r.top + r.height / 2", element))
			.doubleValue();
	}

	private static WebElement focused() {
		return driver.switchTo().activeElement();
	}

	private static void press(CharSequence key) {
		new Actions(driver).sendKeys(key).perform();
	}

	@Test
	void atPhoneWidthTheHeaderIsBrandSearchAndMenuButton() {
		List<String> problems = new ArrayList<>();
		for (String path : PAGES) {
			for (Language language : Language.values()) {
				open(path, language);
				String where = path + " (" + language.tag() + ")";
				double height = headerHeight();
				if (height > PHONE_HEADER_MAX) {
					problems.add(where + ": header " + height + " px tall");
				}
				if (driver.findElements(By.cssSelector(".site-header button[aria-controls]")).isEmpty()
						|| !button().isDisplayed()) {
					problems.add(where + ": no menu button shown");
				}
				// One search box per page: the header's, or the page's own (the reference
				// page's filter, the search page's form), which replaces it.
				long searchBoxes = driver.findElements(By.cssSelector("input[type=search]"))
					.stream()
					.filter(WebElement::isDisplayed)
					.count();
				if (searchBoxes != 1) {
					problems.add(where + ": " + searchBoxes + " search boxes shown, not one");
				}
				if (links().stream().anyMatch(WebElement::isDisplayed)) {
					problems.add(where + ": links shown before the menu is opened");
				}
			}
		}
		assertThat(problems).as(String.join("\n", problems)).isEmpty();
	}

	@Test
	void menuButtonOpensTheLinksAndEscapeClosesIt() {
		for (Language language : Language.values()) {
			open("/faq", language);
			WebElement button = button();
			assertThat(button.getTagName()).isEqualTo("button");
			assertThat(button.getDomAttribute("type")).isEqualTo("button");
			assertThat(button.getText()).isEqualTo(UiMessages.of(language).getProperty("nav.menu"));
			WebElement menu = driver.findElement(By.id(button.getDomAttribute("aria-controls")));
			assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("false");
			assertThat(links()).hasSizeGreaterThan(5).noneMatch(WebElement::isDisplayed);
			assertThat(driver.findElement(By.cssSelector("a.lang-switch")).isDisplayed()).isFalse();

			// Tab from the skip link: the brand, then the button, and nothing hidden
			// between.
			press(Keys.TAB);
			assertThat(focused().getDomAttribute("class")).contains("skip-link");
			press(Keys.TAB);
			press(Keys.TAB);
			assertThat(focused()).isEqualTo(button);
			press(Keys.ENTER);
			assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
			assertThat(links()).allMatch(WebElement::isDisplayed);
			assertThat(menu.findElements(By.cssSelector(".navbar-nav > .nav-item > .nav-link, summary.nav-link")))
				.hasSameSizeAs(links());
			assertThat(driver.findElement(By.cssSelector("a.lang-switch")).isDisplayed()).isTrue();
			assertThat(driver.findElement(By.id("theme-toggle")).isDisplayed()).isTrue();
			WebElement current = driver.findElement(By.cssSelector(".site-header .nav-link[aria-current=page]"));
			assertThat(current.getDomAttribute("href")).isEqualTo("/faq");

			// The links follow the button in the tab order.
			press(Keys.TAB);
			assertThat(focused()).isEqualTo(links().get(0));
			for (int stop = 1; stop < links().size(); stop++) {
				press(Keys.TAB);
				assertThat(focused()).isEqualTo(links().get(stop));
			}
			press(Keys.ESCAPE);
			assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("false");
			assertThat(links()).noneMatch(WebElement::isDisplayed);
			assertThat(focused()).as("focus back on the button").isEqualTo(button);

			// A click opens and closes it too.
			button.click();
			assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("true");
			assertThat(links()).allMatch(WebElement::isDisplayed);
			button.click();
			assertThat(button.getDomAttribute("aria-expanded")).isEqualTo("false");
			assertThat(links()).noneMatch(WebElement::isDisplayed);
		}
	}

	@Test
	void escapeInTheSearchBoxLeavesTheMenuOpen() {
		open("/faq", Language.EN);
		button().click();
		WebElement search = driver.findElement(By.id("site-search"));
		search.sendKeys("550");
		search.sendKeys(Keys.ESCAPE);
		assertThat(button().getDomAttribute("aria-expanded")).isEqualTo("true");
		assertThat(focused()).isEqualTo(search);
	}

	@Test
	void atDesktopWidthEverythingShowsInOneRowAndThereIsNoButton() {
		viewport(1280, 900);
		for (Language language : Language.values()) {
			for (String path : PAGES) {
				open(path, language);
				String where = path + " (" + language.tag() + ")";
				assertThat(headerHeight()).as("header height of %s", where).isLessThanOrEqualTo(DESKTOP_HEADER_MAX);
				WebElement theme = driver.findElement(By.id("theme-toggle"));
				assertThat(middle(theme)).as("theme toggle in the brand's row on %s", where)
					.isCloseTo(middle(driver.findElement(By.cssSelector(".navbar-brand"))), within(8.0));
				assertThat(button().isDisplayed()).as("menu button on %s", where).isFalse();
				assertThat(links()).as("links on %s", where).hasSize(7).allMatch(WebElement::isDisplayed);
				assertThat(toolLinks()).as("tools on %s", where).hasSize(3).noneMatch(WebElement::isDisplayed);
				assertThat(driver.findElement(By.cssSelector("a.lang-switch")).isDisplayed()).isTrue();
				assertThat(theme.isDisplayed()).isTrue();
				assertThat(theme.getDomAttribute("aria-label"))
					.isEqualTo(UiMessages.of(language).getProperty("theme.dark"));
			}
		}
	}

	@Test
	void theToolsOpenFromTheirSummaryAndCloseOnEscapeOrAClickElsewhere() {
		viewport(1280, 900);
		for (Language language : Language.values()) {
			open("/faq", language);
			WebElement tools = tools();
			assertThat(tools.getText()).isEqualTo(UiMessages.of(language).getProperty("nav.tools"));
			tools.click();
			assertThat(toolsOpen()).isTrue();
			assertThat(toolLinks()).hasSize(3).allMatch(WebElement::isDisplayed);
			// The panel lies over the page, under the header's row: the header keeps its
			// height.
			assertThat(headerHeight()).isLessThanOrEqualTo(DESKTOP_HEADER_MAX);
			press(Keys.TAB);
			assertThat(focused()).isEqualTo(toolLinks().get(0));
			press(Keys.ESCAPE);
			assertThat(toolsOpen()).isFalse();
			assertThat(focused()).as("focus back on the summary").isEqualTo(tools);
			press(Keys.ENTER);
			assertThat(toolsOpen()).as("Enter on the summary opens it").isTrue();
			driver.findElement(By.tagName("h1")).click();
			assertThat(toolsOpen()).as("a click elsewhere closes it").isFalse();

			// On a tool's page, its link is the current one and the summary says the page
			// is among the tools.
			open("/decode", language);
			assertThat(tools().getDomAttribute("class")).contains("active");
			tools().click();
			WebElement current = driver.findElement(By.cssSelector(".nav-more-menu .nav-link[aria-current=page]"));
			assertThat(current.getDomAttribute("href")).isEqualTo("/decode");
		}
	}

	@Test
	void withoutScriptTheLinksStayInView() {
		driver.executeCdpCommand("Emulation.setScriptExecutionDisabled", Map.of("value", true));
		open("/faq", Language.EN);
		assertThat(links()).hasSizeGreaterThan(5).allMatch(WebElement::isDisplayed);
		assertThat(driver.findElement(By.cssSelector("a.lang-switch")).isDisplayed()).isTrue();
		assertThat(driver.findElements(By.cssSelector(".site-header button[aria-controls]")))
			.noneMatch(WebElement::isDisplayed);
	}

	/**
	 * The open menu is seen only at phone width, where {@code AccessibilityBrowserTests}
	 * (at 1280 px) never looks: axe-core's default rules on it in the light theme, and
	 * the colour rules in the dark one.
	 */
	@Test
	void openMenuHasNoAxeViolationsInEitherTheme() throws Exception {
		String axe = Axe.source();
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		for (Language language : Language.values()) {
			open("/faq", language);
			driver.executeScript("document.documentElement.setAttribute('data-bs-theme', 'light')");
			button().click();
			driver.executeScript(axe);
			String result = (String) driver.executeAsyncScript(AXE_BOTH_THEMES, AccessibilityBrowserTests.COLOUR_RULES);
			assertThat(result).as("axe-core on the open menu (%s)", language.tag())
				.isEqualTo("{\"light\":[],\"dark\":[]}");
		}
	}

}
