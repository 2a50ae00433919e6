package org.smtpreference.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtpreference.content.Language;
import org.smtpreference.decode.ReplyMeanings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground teaching in place, in real Chromium, in both languages, at a desktop's
 * 1280 px and a phone's 390 px, light and dark: what each reply means under it, EHLO
 * keywords and commands linked, what the server waits for after 354 and during BDAT, a
 * guided session played step by step, the session surviving reload, Back and the language
 * switch, a hint for a clear-text AUTH LOGIN answer, the terminal out of reach of the
 * server, and the tools at addresses of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaygroundTeachingBrowserTests extends BrowserTestSupport {

	private static final String UNKNOWN = "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown";

	@Autowired
	ReplyMeanings meanings;

	@BeforeEach
	void freshState() {
		viewport(1280, 900);
		open("/about?lang=en");
		driver.manage().deleteAllCookies();
		driver.executeScript("sessionStorage.clear(); localStorage.clear();");
	}

	@AfterEach
	void online() {
		driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", false, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(driver, Duration.ofSeconds(15));
	}

	private WebElement input() {
		return driver.findElement(By.id("playground-input"));
	}

	private List<String> texts(String selector) {
		return driver.findElements(By.cssSelector(selector)).stream().map(WebElement::getText).toList();
	}

	private List<String> clientLines() {
		return texts("#playground-log .line.client");
	}

	private void type(String line) {
		int before = clientLines().size();
		input().sendKeys(line, Keys.ENTER);
		waiting().until((d) -> clientLines().size() == before + 1);
	}

	private void theme(String theme) {
		driver.executeScript("localStorage.setItem('theme', arguments[0])", theme);
	}

	private long overflow() {
		return ((Number) driver
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
			.longValue();
	}

	@ParameterizedTest
	@CsvSource({ "en, 1280, light", "tr, 390, dark", "en, 390, dark", "tr, 1280, light" })
	void eachReplySaysWhatItMeansInTheReadersLanguage(String lang, int width, String theme) {
		theme(theme);
		viewport(width, 900);
		open("/playground?lang=" + lang);
		assertThat(driver.executeScript("return document.documentElement.getAttribute('data-bs-theme')"))
			.isEqualTo(theme);
		type("EHLO client.example");
		type("MAIL FROM:<alice@example.org>");
		type("RCPT TO:<nobody@example.com>");
		Language language = Language.fromTag(lang).orElseThrow();
		String expected = this.meanings.of(UNKNOWN, language).orElseThrow().text();
		String other = this.meanings.of(UNKNOWN, language.other()).orElseThrow().text();
		// The line under the 550 reply says what it means, in this language only.
		WebElement meaning = driver.findElement(
				By.xpath("//div[@id='playground-log']/div[contains(@class,'server')][contains(.,'User unknown')]"
						+ "/following-sibling::*[1]"));
		assertThat(meaning.getDomAttribute("class")).isEqualTo("meaning");
		assertThat(meaning.getText()).isEqualTo(expected);
		assertThat(texts("#playground-log .meaning")).doesNotContain(other);
		// One meaning per reply: the greeting, EHLO's (under its last line), MAIL's,
		// RCPT's.
		assertThat(texts("#playground-log .meaning")).hasSize(4);
		// The codes link as before; the verbs to their commands, the keywords to their
		// extensions.
		assertThat(driver.findElements(By.cssSelector("#playground-log a[href='/status-codes/5.1.1']"))).hasSize(1);
		assertThat(driver.findElement(By.cssSelector("#playground-log a[href='/commands/ehlo']")).getText())
			.isEqualTo("EHLO");
		assertThat(driver.findElement(By.cssSelector("#playground-log a[href='/extensions/pipelining']")).getText())
			.isEqualTo("PIPELINING");
		assertThat(overflow()).as("no sideways scrolling at " + width + " px").isLessThanOrEqualTo(0);
	}

	@Test
	void theTerminalSaysWhatTheServerWaitsFor() {
		open("/playground?lang=en");
		WebElement state = driver.findElement(By.id("playground-state"));
		assertThat(state.isDisplayed()).isFalse();
		for (String line : List.of("EHLO a.example", "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>",
				"DATA")) {
			type(line);
		}
		waiting().until((d) -> state.isDisplayed());
		assertThat(state.getText())
			.isEqualTo("Writing the message: end it with a line holding only \".\" (a single dot).");
		type("Hello.");
		assertThat(state.isDisplayed()).isTrue();
		type(".");
		waiting().until((d) -> !state.isDisplayed());
		type("MAIL FROM:<alice@example.org>");
		type("RCPT TO:<bob@example.com>");
		type("BDAT 12 LAST");
		waiting().until((d) -> state.isDisplayed());
		assertThat(state.getText()).contains("12 octets still owed");
		type("Hello");
		// "Hello" and its CRLF: 7 of the 12 octets.
		waiting().until((d) -> state.getText().contains("5 octets still owed"));
		type("abc");
		waiting().until((d) -> !state.isDisplayed());
	}

	@Test
	void aGuidedSessionIsPlayedInTheTerminalStepByStep() {
		viewport(390, 900);
		open("/playground?scenario=greylisting&lang=tr");
		List<String> first = stepLines(1);
		List<String> second = stepLines(2);
		WebElement play = driver.findElement(By.id("scenario-play"));
		assertThat(play.getText()).isEqualTo("Bu adımı terminalde oynat");
		play.sendKeys(Keys.ENTER);
		waiting().until((d) -> clientLines().size() == first.size());
		assertThat(clientLines()).containsExactlyElementsOf(prefixed(first));
		// It moved on to the next step, which plays on from there.
		assertThat(driver.findElement(By.id("step-2")).isDisplayed()).isTrue();
		play.sendKeys(Keys.ENTER);
		waiting().until((d) -> clientLines().size() == first.size() + second.size());
		assertThat(clientLines().subList(first.size(), clientLines().size()))
			.containsExactlyElementsOf(prefixed(second));
		// The server answered as in the steps as written: their replies are the same.
		String log = driver.findElement(By.id("playground-log")).getDomProperty("textContent");
		for (String step : List.of("step-1", "step-2")) {
			driver.findElements(By.cssSelector("#" + step + " .line.server"))
				.forEach((line) -> assertThat(log).contains(line.getDomProperty("textContent")));
		}
		assertThat(driver.findElement(By.id("step-3")).isDisplayed()).isTrue();
	}

	private List<String> stepLines(int number) {
		String lines = driver.findElement(By.id("step-" + number)).getDomAttribute("data-lines");
		return Arrays.asList(lines.split("\n"));
	}

	private static List<String> prefixed(List<String> lines) {
		return lines.stream().map((line) -> ("C: " + line).strip()).toList();
	}

	@Test
	void theSessionAndTheStepSurviveReloadBackAndTheLanguageSwitch() {
		theme("dark");
		open("/playground?scenario=greylisting&lang=en");
		driver.findElement(By.id("scenario-play")).click();
		waiting().until((d) -> clientLines().size() == stepLines(1).size());
		type("RCPT TO:<nobody@example.com>");
		List<String> lines = clientLines();
		List<String> englishMeanings = texts("#playground-log .meaning");
		assertThat(driver.findElement(By.id("step-2")).isDisplayed()).isTrue();

		// The language switch: the same session and step, in the other language's words.
		driver.findElement(By.cssSelector("a.lang-switch")).sendKeys(Keys.ENTER);
		waiting().until((d) -> "tr".equals(d.findElement(By.tagName("html")).getDomAttribute("lang")));
		waiting().until((d) -> clientLines().size() == lines.size());
		assertThat(clientLines()).isEqualTo(lines);
		List<String> turkishMeanings = texts("#playground-log .meaning");
		assertThat(turkishMeanings).hasSameSizeAs(englishMeanings).doesNotContainAnyElementsOf(englishMeanings);
		String lastReply = texts("#playground-log .line.server").get(texts("#playground-log .line.server").size() - 1)
			.substring(3);
		assertThat(turkishMeanings).last().isEqualTo(this.meanings.of(lastReply, Language.TR).orElseThrow().text());
		assertThat(driver.findElement(By.id("step-2")).isDisplayed()).isTrue();
		assertThat(driver.findElement(By.id("scenario-status")).getText()).startsWith("Adım 2");

		// A reload, and Back from another page.
		driver.navigate().refresh();
		waiting().until((d) -> clientLines().size() == lines.size());
		open("/about?lang=tr");
		driver.navigate().back();
		waiting().until((d) -> clientLines().size() == lines.size());
		assertThat(clientLines()).isEqualTo(lines);
		assertThat(driver.findElement(By.id("step-2")).isDisplayed()).isTrue();

		// Reset forgets it.
		driver.findElement(By.id("playground-reset")).sendKeys(Keys.ENTER);
		driver.navigate().refresh();
		assertThat(clientLines()).isEmpty();
	}

	@ParameterizedTest
	@CsvSource({ "en, 'AUTH LOGIN wants this line in base64', 1280", "tr, 'AUTH LOGIN bu satırı', 390" })
	void aClearTextAuthLoginAnswerGetsAHint(String lang, String start, int width) {
		viewport(width, 900);
		open("/playground?lang=" + lang);
		for (String line : List.of("EHLO a.example", "STARTTLS", "EHLO a.example", "AUTH LOGIN")) {
			type(line);
		}
		assertThat(texts("#playground-log .hint")).isEmpty();
		type("alice");
		waiting().until((d) -> !texts("#playground-log .hint").isEmpty());
		assertThat(texts("#playground-log .hint")).singleElement().asString().startsWith(start).contains("YWxpY2U=");
		// The same answer in base64 gets none.
		type("YWxpY2U=");
		assertThat(texts("#playground-log .hint")).hasSize(1);
	}

	@Test
	void withoutTheServerTheTerminalSaysSoOnceAndKeepsTheLine() {
		open("/playground?lang=tr");
		type("EHLO a.example");
		WebElement note = driver.findElement(By.id("playground-offline"));
		assertThat(note.isDisplayed()).isFalse();
		driver.executeCdpCommand("Network.enable", Map.of());
		driver.executeCdpCommand("Network.emulateNetworkConditions",
				Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
		input().sendKeys("NOOP", Keys.ENTER);
		waiting().until((d) -> note.isDisplayed());
		assertThat(note.getText()).startsWith("Deneme alanı sunucuya ihtiyaç duyar");
		assertThat(input().getDomProperty("value")).isEqualTo("NOOP");
		assertThat(clientLines()).hasSize(1);
		assertThat(driver.findElement(By.id("playground-status")).getText()).isEmpty();
		online();
		input().sendKeys(Keys.ENTER);
		waiting().until((d) -> clientLines().size() == 2);
		assertThat(note.isDisplayed()).isFalse();
	}

	@Test
	void theToolsHaveTheirOwnPagesAndOldLinksReachThem() {
		open("/playground?lang=en");
		long height = ((Number) driver.executeScript("return document.documentElement.scrollHeight")).longValue();
		// It was 6,700 px with both tools under the terminal.
		assertThat(height).isLessThan(3000);
		assertThat(driver.findElements(By.id("auth-form"))).isEmpty();
		for (String lang : List.of("en", "tr")) {
			open("/playground?lang=" + lang + "#auth-helper");
			waiting().until((d) -> d.getCurrentUrl().endsWith("/playground/auth?lang=" + lang));
			assertThat(driver.findElement(By.id("auth-form")).isDisplayed()).isTrue();
			open("/playground?lang=" + lang + "#message-builder");
			waiting().until((d) -> d.getCurrentUrl().endsWith("/playground/message?lang=" + lang));
			assertThat(driver.findElement(By.id("message-form")).isDisplayed()).isTrue();
		}
		// The tool hands its lines to the playground, which plays them.
		open("/playground/auth?lang=tr");
		WebElement play = driver.findElement(By.cssSelector("#auth-plain .builder-play"));
		play.sendKeys(Keys.ENTER);
		waiting().until((d) -> d.getCurrentUrl().contains("/playground?lang=tr"));
		waiting().until((d) -> clientLines().stream().anyMatch((line) -> line.startsWith("C: AUTH PLAIN ")));
		waiting()
			.until((d) -> texts("#playground-log .line.server").stream().anyMatch((line) -> line.startsWith("S: 235")));
	}

	@ParameterizedTest
	@CsvSource({ "en, light", "tr, dark" })
	void theByteTablesFitAPhone(String lang, String theme) {
		theme(theme);
		viewport(390, 900);
		open("/playground/auth?lang=" + lang);
		driver.findElement(By.id("auth-user")).clear();
		driver.findElement(By.id("auth-user")).sendKeys("a.very.long.user.name@mail.example.org");
		waiting().until((d) -> !d.findElements(By.cssSelector(".builder-byte-table")).isEmpty());
		List<?> wide = (List<?>) driver
			.executeScript("return Array.from(document.querySelectorAll('.builder-byte-table'))"
					+ ".filter((t) => t.offsetParent !== null && t.scrollWidth > t.parentElement.clientWidth)"
					+ ".map((t) => t.scrollWidth + ' > ' + t.parentElement.clientWidth)");
		assertThat(wide).as("byte tables wider than the screen").isEmpty();
		assertThat(overflow()).isLessThanOrEqualTo(0);
	}

	/**
	 * The screenshots in the README: a played session with its meanings, in both
	 * languages, saved to {@code target/screenshots/}.
	 */
	@ParameterizedTest
	@CsvSource({ "en, light", "tr, dark" })
	void screenshotsOfAPlayedSession(String lang, String theme) throws IOException {
		theme(theme);
		viewport(1280, 900);
		open("/playground?lang=" + lang);
		for (String line : List.of("EHLO client.example", "MAIL FROM:<alice@example.org>",
				"RCPT TO:<nobody@example.com>", "RCPT TO:<bob@example.com>", "DATA")) {
			type(line);
		}
		WebElement section = driver.findElement(By.id("terminal-title")).findElement(By.xpath(".."));
		driver.executeScript("arguments[0].scrollIntoView()", section);
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip", Map.of("x", 0, "y",
						((Number) driver.executeScript(
								"return window.scrollY + arguments[0].getBoundingClientRect().top - 16", section))
							.doubleValue(),
						"width", 1280, "height", 900, "scale", 1)));
		Files.createDirectories(ScreenshotBrowserTests.DIRECTORY);
		byte[] png = Base64.getDecoder().decode((String) shot.get("data"));
		Files.write(ScreenshotBrowserTests.DIRECTORY.resolve("playground-" + theme + "-" + lang + ".png"), png);
		assertThat(png).hasSizeGreaterThan(10_000);
	}

}
