package org.smtpreference.browser;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtpreference.SmtpReferenceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Offline reading in a real Chromium: pages opened online read offline in the reader's
 * language, "keep offline" stores every page of the language, and a new deployment's
 * worker removes the old deployment's cache. The network is cut with DevTools' offline
 * mode, and every offline check also opens a page that was never stored, which must fail:
 * proof that the pages really come from the browser's store.
 *
 * The app is started by the class itself, on one port for both deployments: a browser
 * keeps a site's workers and caches per origin, and the port is part of the origin.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// With the other browser classes, one after another (see BrowserTestSupport).
@Execution(ExecutionMode.SAME_THREAD)
class OfflineBrowserTests {

	private static final String FIRST = "offline-test-1";

	private static final String SECOND = "offline-test-2";

	private static ChromeDriver driver;

	private static BrowserDevTools devTools;

	private static ConfigurableApplicationContext app;

	private static int port;

	@BeforeAll
	static void start() throws Exception {
		Browser.assumeAvailable();
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		app = deploy(FIRST);
		// A fresh profile: no worker or cache from another run.
		driver = Browser.start(1280, 900);
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		devTools = BrowserDevTools.connect(driver);
	}

	@AfterAll
	static void stop() {
		if (devTools != null) {
			devTools.close();
			devTools = null;
		}
		if (driver != null) {
			driver.quit();
			driver = null;
		}
		if (app != null) {
			app.close();
			app = null;
		}
	}

	@AfterEach
	void online() throws Exception {
		if (driver != null) {
			network(true);
		}
	}

	private static ConfigurableApplicationContext deploy(String release) {
		return new SpringApplicationBuilder(SmtpReferenceApplication.class).run("--server.port=" + port,
				"--site.release=" + release, "--spring.main.banner-mode=off");
	}

	private static String url(String pathAndQuery) {
		return "http://localhost:" + port + pathAndQuery;
	}

	private static void open(String pathAndQuery) {
		driver.get(url(pathAndQuery));
	}

	/**
	 * Cuts or restores the network with DevTools, for the page and for the service
	 * worker, whose requests the page's emulation does not reach.
	 */
	private static void network(boolean on) throws Exception {
		driver.executeCdpCommand("Network.enable", Map.of());
		driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", !on, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
		int workers = devTools.serviceWorkersOnline(on);
		if (!on) {
			assertThat(workers).as("service workers cut off").isPositive();
		}
	}

	/**
	 * Clicks the first link or button of a kind that a reader can see, as a reader would.
	 */
	private static void click(String selector) {
		WebElement element = driver.findElements(By.cssSelector(selector))
			.stream()
			.filter(WebElement::isDisplayed)
			.findFirst()
			.orElseThrow(() -> new AssertionError("nothing visible matches " + selector));
		driver.executeScript("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element);
		element.click();
	}

	private static String language() {
		return (String) driver.executeScript("return document.documentElement.lang");
	}

	private static boolean isSitePage() {
		return !driver.findElements(By.cssSelector("header.site-header")).isEmpty();
	}

	private static void waitForWorker() {
		Object controlled = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
				+ "navigator.serviceWorker.ready.then(function () {"
				+ "  (function check(tries) { if (navigator.serviceWorker.controller || tries > 100) {"
				+ "    done(!!navigator.serviceWorker.controller); } else { setTimeout(function () { check(tries + 1); }, 100); } })(0);"
				+ "});");
		assertThat(controlled).as("the page is controlled by the service worker").isEqualTo(true);
	}

	@SuppressWarnings("unchecked")
	private static List<String> cacheNames() {
		return (List<String>) driver.executeAsyncScript(
				"var done = arguments[arguments.length - 1]; caches.keys().then(done, function () { done([]); });");
	}

	/**
	 * The page addresses a cache holds in a language.
	 */
	@SuppressWarnings("unchecked")
	private static List<String> storedPages(String cache, String lang) {
		return (List<String>) driver.executeAsyncScript(
				"var name = arguments[0], lang = arguments[1];" + "var done = arguments[arguments.length - 1];"
						+ "caches.has(name).then(function (has) { if (!has) { return []; }"
						+ "  return caches.open(name).then(function (c) { return c.keys(); }).then(function (keys) {"
						+ "    return keys.map(function (r) { return new URL(r.url); })"
						+ "      .filter(function (u) { return u.searchParams.get('lang') === lang; })"
						+ "      .map(function (u) { return u.pathname + u.search; }); }); })"
						+ ".then(done, function (e) { done(['error ' + e]); });",
				cache, lang);
	}

	/**
	 * How many pages the sitemap lists in a language.
	 */
	private static int sitemapCount(String lang) throws Exception {
		HttpResponse<String> sitemap = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url("/sitemap.xml"))).build(),
					HttpResponse.BodyHandlers.ofString());
		Matcher loc = Pattern.compile("<loc>[^<]*\\?lang=" + lang + "</loc>").matcher(sitemap.body());
		int count = 0;
		while (loc.find()) {
			count++;
		}
		assertThat(count).isPositive();
		return count;
	}

	@Test
	@Order(1)
	void pagesOpenedOnlineReadOfflineInTheReadersLanguage() throws Exception {
		open("/?lang=tr");
		waitForWorker();
		// As a reader does: follow a command link, whose address names no language.
		click("a[href='/commands/data']");
		new WebDriverWait(driver, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith("/commands/data"));
		assertThat(language()).isEqualTo("tr");

		network(false);
		open("/commands/data");
		assertThat(isSitePage()).as("the page opened before reads offline").isTrue();
		assertThat(language()).isEqualTo("tr");
		assertThat(driver.findElement(By.tagName("h1")).getText()).contains("DATA");

		// A page never opened cannot be read offline: the network is cut. It gets the
		// offline page in the reader's language, not the browser's error.
		open("/commands/rset");
		assertThat(isOfflinePage()).as("a page never opened gets the offline page").isTrue();
		assertThat(language()).isEqualTo("tr");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Çevrim dışı kullanım için saklanmadı");
		open("/commands/data?lang=en");
		assertThat(isOfflinePage()).as("nor the English page, which was never stored").isTrue();
		assertThat(language()).isEqualTo("en");
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Not kept offline");
	}

	/**
	 * Whether the page shown is the offline page the worker keeps for pages it did not
	 * keep, rather than the page asked for.
	 */
	private static boolean isOfflinePage() {
		return isSitePage() && !driver.findElements(By.cssSelector("link[rel=canonical][href*='/offline?']")).isEmpty();
	}

	@Test
	@Order(2)
	void keepOfflineStoresEveryPageOfTheLanguage() throws Exception {
		int count = sitemapCount("tr");
		open("/about");
		assertThat(language()).isEqualTo("tr");
		waitForWorker();
		// The size is known once the warm-up has stored the sampled pages, which takes a
		// while on a busy machine; until then the page count is said alone.
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(180));
		wait.until((d) -> d.findElement(By.id("offline-keep")).isDisplayed());
		assertThat(driver.findElement(By.id("offline-unavailable")).isDisplayed()).isFalse();
		assertThat(driver.findElement(By.id("offline-size")).getText()).contains(count + " sayfa");
		wait.until((d) -> d.findElement(By.id("offline-size")).getText().contains("MB"));
		String size = driver.findElement(By.id("offline-size")).getText();
		assertThat(size).as("the size is said beforehand").matches(".*\\d+(,\\d)? MB.*").contains(count + " sayfa");

		click("#offline-button");
		wait.until((d) -> "done".equals(d.findElement(By.id("offline-keep")).getDomAttribute("data-state"))
				|| "failed".equals(d.findElement(By.id("offline-keep")).getDomAttribute("data-state")));
		assertThat(driver.findElement(By.id("offline-keep")).getDomAttribute("data-state")).isEqualTo("done");
		Object value = driver.executeScript("var p = document.getElementById('offline-progress');"
				+ "return [p.hidden, p.value, p.max, p.position].join(' ');");
		assertThat(value).as("progress at 100 %").isEqualTo("false " + count + " " + count + " 1");
		assertThat(driver.findElement(By.id("offline-status")).getText()).contains(String.valueOf(count));

		List<String> stored = storedPages("smtp-reference-" + FIRST, "tr");
		// Beside the sitemap's pages, the offline page the worker kept at install.
		assertThat(stored).contains("/offline?lang=tr");
		assertThat(stored).filteredOn((page) -> !page.startsWith("/offline?"))
			.hasSize(count)
			.contains("/?lang=tr", "/commands/rset?lang=tr", "/replies/550?lang=tr");
	}

	@Test
	@Order(3)
	void keptPagesOpenOfflineAsTheReaderOpensThem() throws Exception {
		network(false);
		open("/");
		assertThat(isSitePage()).isTrue();
		assertThat(language()).isEqualTo("tr");
		// A command page never opened, reached by its link.
		click("a[href='/commands/rset']");
		new WebDriverWait(driver, Duration.ofSeconds(10)).until((d) -> d.getCurrentUrl().endsWith("/commands/rset"));
		assertThat(isSitePage()).isTrue();
		assertThat(language()).isEqualTo("tr");
		assertThat(driver.findElement(By.tagName("h1")).getText()).contains("RSET");
		assertThat((Boolean) driver.executeScript("return document.styleSheets.length > 0 && "
				+ "getComputedStyle(document.querySelector('.skip-link')).position !== 'static'"))
			.as("the style sheets come from the store too")
			.isTrue();
		open("/extensions/pipelining");
		assertThat(language()).isEqualTo("tr");

		open("/commands/rset?lang=en");
		assertThat(isOfflinePage()).as("English was not kept, and the network is cut").isTrue();
		assertThat(language()).isEqualTo("en");
	}

	@Test
	@Order(4)
	void aNewDeploymentRemovesTheOldCaches() throws Exception {
		open("/about");
		assertThat(cacheNames()).contains("smtp-reference-" + FIRST);
		app.close();
		app = deploy(SECOND);
		open("/faq");
		// The new deployment renders every page of the language afresh for the worker; on
		// a two-core machine busy with other tests that took over a minute once.
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofMinutes(3));
		wait.pollingEvery(Duration.ofMillis(500))
			.until((d) -> cacheNames().contains("smtp-reference-" + SECOND)
					&& !cacheNames().contains("smtp-reference-" + FIRST));
		assertThat(cacheNames()).filteredOn((name) -> name.startsWith("smtp-reference-"))
			.containsExactlyInAnyOrder("smtp-reference-" + SECOND, "smtp-reference-settings");
		// The new deployment stores again what the old one held.
		int count = sitemapCount("tr");
		wait.until((d) -> storedPages("smtp-reference-" + SECOND, "tr").size() >= count);
	}

}
