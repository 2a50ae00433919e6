package org.smtpreference.browser;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtpreference.quality.CheckedPage;
import org.smtpreference.web.SitePages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page in both languages, and the 404 page, in real Chromium: zero axe-core
 * violations and no console errors. Each page is loaded once in the light theme and gets
 * every rule axe runs by default; then it is switched to the dark theme in place, as the
 * toggle does, and gets the rules whose outcome depends on colours. So every page is
 * checked in both themes without loading it twice or running the theme-independent rules
 * twice.
 * <p>
 * axe-core (the current release, from npm; see {@link Axe}) is evaluated in each new
 * document of the two browsers checking every page, and both runs happen in one script,
 * in the page itself: {@code AxeBuilder} would inject it again for each run and open a
 * blank window to merge results, which the site, having no frames, does not need; on
 * every page in both languages that is minutes of a build.
 * <p>
 * The pages are checked by two browsers at once: axe runs in one renderer thread, so one
 * browser leaves the second core of a two-core build machine idle. Each page is still its
 * own test, with its own result.
 */
// The probe on for loopback, so its page and API are checked as readers who use it see
// them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.probe.enabled=true", "site.probe.allowed-targets=127.0.0.1/32:1-65535",
				"site.probe.reply-timeout=2s", "site.probe.per-client=1000", "site.probe.global=1000" })
// The last of the browser classes (pom.xml orders the classes by @Order):
// its two browsers keep both cores busy once the classes beside them are done.
@Order(Integer.MAX_VALUE)
class AccessibilityBrowserTests extends BrowserTestSupport {

	/**
	 * The rules whose outcome changes with the theme: text contrast, and links told apart
	 * from the text around them by colour.
	 */
	static final List<String> COLOUR_RULES = List.of("color-contrast", "link-in-text-block");

	/**
	 * The rules that read what axe preloads (the style sheets, parsed again; the media
	 * files): {@code css-orientation-lock} and {@code no-autoplay-audio}. That preload
	 * took 7 to 9 % of each run of the default rules, so the runs below go without it and
	 * these rules get their own run: {@code css-orientation-lock} once for each set of
	 * style sheets the pages use (it reads nothing else), {@code no-autoplay-audio} on
	 * every page with an audio or video element (the site has none).
	 * {@link #theRunFindsViolationsInEachTheme} checks this list against the axe-core
	 * installed.
	 */
	static final List<String> PRELOAD_RULES = List.of("css-orientation-lock", "no-autoplay-audio");

	/**
	 * Runs axe with its default rules, switches to the dark theme, finishes the colour
	 * transitions that starts, runs the colour rules, and answers both lists of
	 * violations as JSON, with the page's style sheets (their addresses, or the text of
	 * those in the page) and whether it has media. Neither run preloads: see
	 * {@link #PRELOAD_RULES}.
	 */
	private static final String RUN = """
			const colourRules = arguments[0];
			const done = arguments[arguments.length - 1];
			(async () => {
			  if (typeof axe === 'undefined') {
			    return { missing: true };
			  }
			  const theme = document.documentElement.getAttribute('data-bs-theme');
			  const light = await axe.run(document, { resultTypes: ['violations'], preload: false });
			  document.documentElement.setAttribute('data-bs-theme', 'dark');
			  document.getAnimations().forEach((animation) => animation.finish());
			  const dark = await axe.run(document, {
			    resultTypes: ['violations'],
			    preload: false,
			    runOnly: { type: 'rule', values: colourRules }
			  });
			  const sheets = Array.from(document.styleSheets, (sheet) => sheet.href || sheet.ownerNode.textContent);
			  const media = document.querySelector('audio, video') !== null;
			  return { version: axe.version, theme, light: light.violations, dark: dark.violations, sheets, media };
			})().then((result) => done(JSON.stringify(result)),
			    (error) => done(JSON.stringify({ error: String(error && error.stack || error) })));
			""";

	/**
	 * Runs the given rules with axe's preload, in the theme the page is in; the
	 * violations as JSON.
	 */
	private static final String RUN_PRELOADED = """
			const rules = arguments[0];
			const done = arguments[arguments.length - 1];
			axe.run(document, { resultTypes: ['violations'], runOnly: { type: 'rule', values: rules } })
			  .then((result) => done(JSON.stringify({ violations: result.violations })),
			    (error) => done(JSON.stringify({ error: String(error && error.stack || error) })));
			""";

	/**
	 * The sets of style sheets {@code css-orientation-lock} has been run on.
	 */
	private static final Set<List<String>> sheetsChecked = ConcurrentHashMap.newKeySet();

	private static final JsonMapper JSON = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final int NODES_SHOWN = 5;

	/**
	 * Browsers checking pages at once: one per core of the build machine.
	 */
	private static final int BROWSERS = 2;

	private static String axeSource;

	private static final List<ChromeDriver> moreDrivers = new ArrayList<>();

	private static ExecutorService workers;

	@Autowired
	SitePages pages;

	@Value("http://localhost:${local.server.port}")
	String base;

	@BeforeAll
	static void loadAxe() throws Exception {
		axeSource = Axe.source();
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
	}

	@AfterAll
	static void stopMoreBrowsers() {
		if (workers != null) {
			workers.shutdownNow();
			workers = null;
		}
		moreDrivers.forEach(ChromeDriver::quit);
		moreDrivers.clear();
	}

	@TestFactory
	Stream<DynamicTest> everyPageInBothThemes() {
		List<CheckedPage> all = CheckedPage.all(this.pages);
		BlockingQueue<ChromeDriver> idle = new LinkedBlockingQueue<>();
		idle.add(driver);
		for (int i = 1; i < BROWSERS; i++) {
			ChromeDriver more = Browser.start(1280, 900);
			more.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
			moreDrivers.add(more);
			idle.add(more);
		}
		for (ChromeDriver browser : idle) {
			browser.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", axeSource));
			browser.get(this.base + "/about?lang=en");
			browser.executeScript("localStorage.setItem('theme', 'light')");
			logs(browser);
		}
		// Each page is checked by whichever browser is free; its test waits for its
		// result.
		workers = Executors.newFixedThreadPool(BROWSERS);
		List<Future<List<String>>> results = new ArrayList<>();
		for (CheckedPage page : all) {
			results.add(workers.submit(() -> {
				ChromeDriver browser = idle.take();
				try {
					return check(browser, page);
				}
				finally {
					idle.add(browser);
				}
			}));
		}
		return IntStream.range(0, all.size()).mapToObj((i) -> DynamicTest.dynamicTest(all.get(i).url(), () -> {
			List<String> problems = results.get(i).get(5, TimeUnit.MINUTES);
			assertThat(problems).as("%s:%n  %s", all.get(i).url(), String.join("\n  ", problems)).isEmpty();
		}));
	}

	/**
	 * The decoder's results, which only a post shows, in both languages and themes: each
	 * example is decoded in the page and every one's results checked.
	 */
	@Test
	void decoderResultsInBothThemes() {
		List<String> problems = new ArrayList<>();
		for (String language : List.of("en", "tr")) {
			int examples = 0;
			for (int i = 0;; i++) {
				open("/about?lang=en");
				driver.executeScript("localStorage.setItem('theme', 'light'); sessionStorage.clear();");
				logs(driver);
				open("/decode?lang=" + language);
				List<WebElement> buttons = driver.findElements(By.cssSelector("form.decode-example button"));
				if (i >= buttons.size()) {
					break;
				}
				buttons.get(i).click();
				new WebDriverWait(driver, Duration.ofSeconds(15))
					.until((d) -> !d.findElements(By.cssSelector("#decode-results .decode-finding")).isEmpty());
				JsonNode result = runAxe(driver);
				String where = "/decode example " + i + " (" + language + ", ";
				problems.addAll(violations(result.get("light"), where + "light)"));
				problems.addAll(violations(result.get("dark"), where + "dark)"));
				logs(driver).stream()
					.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
					.forEach((entry) -> problems.add(where + ") console error: " + entry.getMessage()));
				examples++;
			}
			assertThat(examples).as("examples on /decode?lang=%s", language).isGreaterThan(1);
		}
		assertThat(problems).as(String.join("\n  ", problems)).isEmpty();
	}

	/**
	 * The playground's states that only a played session shows, in both languages and
	 * themes: a guided step played in the terminal, what each reply means, an AUTH LOGIN
	 * hint, what the server waits for after 354, and the note that the server is out of
	 * reach.
	 */
	@Test
	void playgroundStatesInBothThemes() {
		List<String> problems = new ArrayList<>();
		for (String language : List.of("en", "tr")) {
			open("/about?lang=en");
			driver.executeScript("localStorage.setItem('theme', 'light'); sessionStorage.clear();");
			logs(driver);
			open("/playground?scenario=greylisting&lang=" + language);
			driver.findElement(By.id("scenario-play")).sendKeys(org.openqa.selenium.Keys.ENTER);
			WebElement input = driver.findElement(By.id("playground-input"));
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
			wait.until((d) -> !d.findElements(By.cssSelector("#playground-log .line.client")).isEmpty());
			for (String line : List.of("RSET", "STARTTLS", "EHLO a.example", "AUTH LOGIN", "alice", "*",
					"MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>", "DATA")) {
				int before = driver.findElements(By.cssSelector("#playground-log .line.client")).size();
				wait.until((d) -> input.isEnabled() && input.getDomProperty("value").isEmpty());
				input.sendKeys(line, org.openqa.selenium.Keys.ENTER);
				wait.until((d) -> d.findElements(By.cssSelector("#playground-log .line.client")).size() > before);
			}
			wait.until((d) -> d.findElement(By.id("playground-state")).isDisplayed());
			assertThat(driver.findElements(By.cssSelector("#playground-log .hint"))).isNotEmpty();
			driver.executeScript("document.getElementById('playground-offline').hidden = false");
			JsonNode result = runAxe(driver);
			String where = "/playground played (" + language + ", ";
			problems.addAll(violations(result.get("light"), where + "light)"));
			problems.addAll(violations(result.get("dark"), where + "dark)"));
			logs(driver).stream()
				.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
				.forEach((entry) -> problems.add(where + ") console error: " + entry.getMessage()));
		}
		assertThat(problems).as(String.join("\n  ", problems)).isEmpty();
	}

	@Test
	void theRunFindsViolationsInEachTheme() {
		String page = "<!DOCTYPE html><html lang='en' data-bs-theme='light'><head><title>t</title><style>"
				+ "p { color: #000; background: #fff } [data-bs-theme=dark] p { color: #444; background: #333 }"
				+ "@media (orientation: portrait) { html { transform: rotate(90deg) } }"
				+ "</style></head><body><nav><a href='#a'>a</a></nav><nav><a href='#b'>b</a></nav>"
				+ "<main><h1>t</h1><p>Some text</p><button></button></main></body></html>";
		driver
			.get("data:text/html;charset=utf-8," + URLEncoder.encode(page, StandardCharsets.UTF_8).replace("+", "%20"));
		JsonNode result = runAxe(driver);
		// A WCAG rule, a best-practice one (two navigation landmarks with the same name),
		// and the orientation lock, which only the run with axe's preload sees.
		assertThat(violations(result.get("light"), "light")).hasSize(3)
			.anyMatch((violation) -> violation.startsWith("light button-name "))
			.anyMatch((violation) -> violation.startsWith("light landmark-unique "))
			.anyMatch((violation) -> violation.startsWith("light css-orientation-lock "));
		// The rules run apart from the others are all that read the preload. axe-core
		// has no public list of them; its rule objects say it.
		assertThat(driver
			.executeScript("return axe._audit.rules.filter((rule) => rule.preload).map((rule) => rule.id).sort()"))
			.isEqualTo(PRELOAD_RULES.stream().sorted().toList());
		assertThat(result.path("version").asString("")).as("axe-core release").isEqualTo(Axe.version());
		assertThat(violations(result.get("dark"), "dark")).singleElement(InstanceOfAssertFactories.STRING)
			.startsWith("dark color-contrast ");
	}

	/**
	 * Checks one page in the given browser; the problems found, none when it passes.
	 */
	private List<String> check(ChromeDriver browser, CheckedPage page) {
		// The browser's log was read to the end after the page before (and once when it
		// started), so all it holds now is this page's.
		String url = this.base + page.url();
		browser.get(url);
		String where = page.path() + " (" + page.language().tag() + ", ";
		List<String> problems = new ArrayList<>();
		problems.addAll(consoleErrors(browser, page, url, where + "light)"));
		JsonNode result = runAxe(browser);
		String theme = result.path("theme").asString(null);
		if (!"light".equals(theme)) {
			problems.add(where + "light) the page is in the theme " + theme + ", not light");
		}
		problems.addAll(violations(result.get("light"), where + "light)"));
		problems.addAll(violations(result.get("dark"), where + "dark)"));
		problems.addAll(consoleErrors(browser, page, url, where + "dark)"));
		return problems;
	}

	private static JsonNode runAxe(ChromeDriver browser) {
		// Each browser has axe evaluated in every new document (installed below): sending
		// its half a megabyte with every page took a fifth of this class's time. A page
		// opened otherwise gets it here, when the run finds it missing.
		ObjectNode result = (ObjectNode) JSON.readTree((String) browser.executeAsyncScript(RUN, COLOUR_RULES));
		if (result.path("missing").asBoolean()) {
			browser.executeScript(axeSource);
			result = (ObjectNode) JSON.readTree((String) browser.executeAsyncScript(RUN, COLOUR_RULES));
		}
		assertThat(result.path("error").asString(null)).as("axe-core failed on %s", browser.getCurrentUrl()).isNull();
		List<String> sheets = new ArrayList<>();
		result.path("sheets").forEach((sheet) -> sheets.add(sheet.asString()));
		List<String> rules = new ArrayList<>();
		if (sheetsChecked.add(sheets)) {
			rules.add("css-orientation-lock");
		}
		if (result.path("media").asBoolean()) {
			rules.add("no-autoplay-audio");
		}
		if (!rules.isEmpty()) {
			JsonNode preloaded = JSON.readTree((String) browser.executeAsyncScript(RUN_PRELOADED, rules));
			assertThat(preloaded.path("error").asString(null)).as("axe-core failed on %s", browser.getCurrentUrl())
				.isNull();
			preloaded.path("violations").forEach(((ArrayNode) result.get("light"))::add);
		}
		return result;
	}

	private static List<String> violations(JsonNode rules, String where) {
		List<String> problems = new ArrayList<>();
		for (Rule rule : JSON.convertValue(rules, Rule[].class)) {
			problems.add(where + " " + describe(rule));
		}
		return problems;
	}

	private static List<String> consoleErrors(ChromeDriver browser, CheckedPage page, String url, String where) {
		List<String> problems = new ArrayList<>();
		for (LogEntry entry : logs(browser)) {
			if (entry.getLevel().intValue() >= Level.SEVERE.intValue() && !expected(entry, page, url)) {
				problems.add(where + " console error: " + entry.getMessage());
			}
		}
		return problems;
	}

	/**
	 * The 404 page's own status is reported by Chromium as a failed load; that is the
	 * page working, not an error in it.
	 */
	private static boolean expected(LogEntry entry, CheckedPage page, String url) {
		return page.status() != 200 && entry.getMessage().startsWith(url + " ")
				&& entry.getMessage().contains("status of " + page.status());
	}

	private static String describe(Rule rule) {
		StringBuilder text = new StringBuilder();
		text.append(rule.getId()).append(" (").append(rule.getImpact()).append("): ").append(rule.getHelp());
		List<CheckedNode> nodes = rule.getNodes();
		for (CheckedNode node : nodes.subList(0, Math.min(NODES_SHOWN, nodes.size()))) {
			text.append("\n      at ").append(node.getTarget()).append(": ").append(node.getHtml());
			if (node.getFailureSummary() != null) {
				text.append("\n         ").append(node.getFailureSummary().replace("\n", "\n         "));
			}
		}
		if (nodes.size() > NODES_SHOWN) {
			text.append("\n      and ").append(nodes.size() - NODES_SHOWN).append(" more");
		}
		return text.toString();
	}

	private static List<LogEntry> logs(ChromeDriver browser) {
		return browser.manage().logs().get(LogType.BROWSER).getAll();
	}

}
