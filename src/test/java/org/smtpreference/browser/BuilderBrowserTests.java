package org.smtpreference.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground's AUTH helper and message builder in a real browser: the base64 agrees
 * with Python's for ASCII and non-ASCII input, nothing leaves the page while it computes
 * (Chromium's own network log says so), the message is dot-stuffed, folded and encoded,
 * and "use in the playground" gets 235 for the demo account and 250 after the final dot.
 * This class starts its own Chromium, with network events in the performance log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// With the other browser classes, one after another (see BrowserTestSupport).
@Execution(ExecutionMode.SAME_THREAD)
class BuilderBrowserTests {

	static ChromeDriver driver;

	@LocalServerPort
	int port;

	@BeforeAll
	static void startBrowser() {
		Browser.assumeAvailable();
		driver = Browser.start(1280, 900, true);
	}

	@AfterAll
	static void stopBrowser() {
		if (driver != null) {
			driver.quit();
			driver = null;
		}
	}

	@BeforeEach
	void freshState() {
		open("/about?lang=en");
		driver.manage().deleteAllCookies();
		// The playground keeps its session for the tab; each test starts without one.
		((JavascriptExecutor) driver).executeScript("sessionStorage.clear()");
	}

	private void open(String pathAndQuery) {
		driver.get("http://localhost:" + this.port + pathAndQuery);
	}

	private static WebDriverWait waiting() {
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		return wait;
	}

	/**
	 * Presses a button or follows a link with the keyboard: the page scrolls smoothly, so
	 * a mouse click may land where the element no longer is.
	 */
	private static void press(WebElement element) {
		element.sendKeys(Keys.ENTER);
	}

	private static WebElement byId(String id) {
		return driver.findElement(By.id(id));
	}

	/**
	 * Sets a field as if typed, characters outside the BMP included (which chromedriver
	 * cannot type), and lets the page hear it.
	 */
	private static void fill(String id, String value) {
		((JavascriptExecutor) driver).executeScript("var f = document.getElementById(arguments[0]);"
				+ "f.value = arguments[1]; f.dispatchEvent(new Event('input', { bubbles: true }));", id, value);
	}

	/**
	 * The lines shown in a box, as sent: without the CRLF and dot-stuffing notes beside
	 * them.
	 */
	private static List<String> lines(String selector) {
		return driver.findElements(By.cssSelector(selector + " .line"))
			.stream()
			.map((line) -> (String) ((JavascriptExecutor) driver).executeScript("var c = arguments[0].cloneNode(true);"
					+ "c.querySelectorAll('.crlf, .dot-marker').forEach(function (n) { n.remove(); });"
					+ "return c.textContent;", line))
			.toList();
	}

	/**
	 * What Python's base64 module makes of the same input: PLAIN, LOGIN's two lines,
	 * XOAUTH2, and the PLAIN bytes in hex. The input goes in on stdin as UTF-8, so no
	 * command-line encoding stands between the two.
	 */
	private static List<String> python(String authzid, String user, String secret)
			throws IOException, InterruptedException {
		String script = String.join("\n", "import base64, sys",
				"z, u, s = sys.stdin.buffer.read().decode('utf-8').split('\\n')",
				"b = lambda t: base64.b64encode(t.encode('utf-8')).decode('ascii')",
				"print(b(z + '\\0' + u + '\\0' + s))", "print(b(u))", "print(b(s))",
				"print(b('user=' + u + '\\x01auth=Bearer ' + s + '\\x01\\x01'))",
				"print((z + '\\0' + u + '\\0' + s).encode('utf-8').hex(' '))");
		Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(String.join("\n", authzid, user, secret).getBytes(StandardCharsets.UTF_8));
		}
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return Arrays.asList(out.strip().split("\n"));
	}

	/**
	 * What Python's email package decodes from a header value (RFC 2047 encoded-words).
	 */
	private static String pythonDecodedHeader(String value) throws IOException, InterruptedException {
		String script = "import sys\nfrom email.header import decode_header, make_header\n"
				+ "v = sys.stdin.buffer.read().decode('ascii')\n"
				+ "sys.stdout.buffer.write(str(make_header(decode_header(v))).encode('utf-8'))";
		Process process = new ProcessBuilder("python3", "-c", script).redirectErrorStream(true).start();
		try (OutputStream in = process.getOutputStream()) {
			in.write(value.getBytes(StandardCharsets.US_ASCII));
		}
		String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(out).isZero();
		return out;
	}

	@Test
	void theAuthLinesAreWhatPythonsBase64Gives() throws Exception {
		open("/playground/auth?lang=en");
		String[][] inputs = { { "", "alice", "s3cret" }, { "", "çağrı@örnek.com.tr", "gizli-şifre" },
				{ "", "Jürgen", "pässwörd€" }, { "admin", "Jürgen", "\uD83D\uDD11 key" } };
		for (String[] input : inputs) {
			fill("auth-authzid", input[0]);
			fill("auth-user", input[1]);
			fill("auth-secret", input[2]);
			List<String> expected = python(input[0], input[1], input[2]);
			String label = String.join(" / ", input);
			assertThat(lines("#auth-plain")).as(label).containsExactly("C: AUTH PLAIN " + expected.get(0));
			assertThat(lines("#auth-plain-two-step")).as(label)
				.containsExactly("C: AUTH PLAIN", "S: 334 ", "C: " + expected.get(0));
			assertThat(lines("#auth-login")).as(label)
				.containsExactly("C: AUTH LOGIN", "S: 334 VXNlcm5hbWU6", "C: " + expected.get(1), "S: 334 UGFzc3dvcmQ6",
						"C: " + expected.get(2));
			assertThat(lines("#auth-xoauth2")).as(label).containsExactly("C: AUTH XOAUTH2 " + expected.get(3));
			// The table of bytes adds up to the same bytes, part by part.
			List<String> hex = driver.findElements(By.cssSelector("#auth-plain .builder-hex"))
				.stream()
				.map(WebElement::getText)
				.filter((cell) -> !cell.equals("—"))
				.toList();
			assertThat(String.join(" ", hex)).as(label).isEqualTo(expected.get(4));
		}
		// The NUL separators and the empty authorization identity are spelt out.
		fill("auth-authzid", "");
		String table = byId("auth-plain").findElement(By.tagName("table")).getText();
		assertThat(table).contains("NUL", "00", "act as yourself");
		assertThat(byId("auth-plain").getText()).contains("bytes become");
	}

	@Test
	void nothingLeavesThePageWhileTheBuildersCompute() {
		open("/playground/message?lang=en");
		waiting().until((d) -> !byId("message-results").getDomProperty("hidden").equals("true"));
		// The page has loaded: forget its requests, then count anew.
		drainNetworkLog();
		long resources = resourceCount();
		byId("message-subject").sendKeys(" and more");
		byId("message-body").sendKeys("\n.a line with a dot\n");
		new Select(byId("message-body-encoding")).selectByValue("base64");
		// The output follows the input, so the computation has happened.
		assertThat(lines("#message-lines")).contains("Content-Transfer-Encoding: base64");
		sleep(500);
		assertThat(requestsSent()).as("requests while computing").isEmpty();
		assertThat(resourceCount()).isEqualTo(resources);
		open("/playground/auth?lang=en");
		waiting().until((d) -> !byId("auth-results").getDomProperty("hidden").equals("true"));
		drainNetworkLog();
		resources = resourceCount();
		byId("auth-user").sendKeys("çağrı");
		byId("auth-secret").sendKeys("hunter2");
		assertThat(lines("#auth-plain").get(0)).startsWith("C: AUTH PLAIN AGFsaWNlw6dhxJ9yxLEA");
		sleep(500);
		assertThat(requestsSent()).as("requests while computing").isEmpty();
		assertThat(resourceCount()).isEqualTo(resources);
		// The same log does see a request when one is made: the playground's own.
		press(byId("auth-plain").findElement(By.className("builder-play")));
		waiting().until((d) -> !requestsSent().isEmpty());
	}

	private static void drainNetworkLog() {
		driver.manage().logs().get(LogType.PERFORMANCE);
	}

	private static List<String> requestsSent() {
		return driver.manage()
			.logs()
			.get(LogType.PERFORMANCE)
			.getAll()
			.stream()
			.map(LogEntry::getMessage)
			.filter((message) -> message.contains("\"Network.requestWillBeSent\"")
					|| message.contains("\"Network.webSocketCreated\""))
			// The browser's own request for the page's icon, which may come after the
			// load.
			.filter((message) -> !(message.contains("/favicon.svg\"") && message.contains("\"type\":\"Other\"")))
			.toList();
	}

	private static long resourceCount() {
		return (Long) ((JavascriptExecutor) driver)
			.executeScript("return performance.getEntriesByType('resource').length;");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static List<String> log() {
		return lines("#playground-log");
	}

	@Test
	void theDemoAccountGets235InThePlayground() {
		for (String mechanism : List.of("auth-plain", "auth-plain-two-step", "auth-login")) {
			// The tool's page hands the lines to the playground, which plays them afresh.
			open("/playground/auth?lang=en");
			press(byId(mechanism).findElement(By.className("builder-play")));
			waiting().until((d) -> d.getCurrentUrl().endsWith("/playground?lang=en"));
			waiting().until((d) -> log().stream().anyMatch((line) -> line.startsWith("S: 235")));
			assertThat(log()).as(mechanism)
				.startsWith(log().get(0), "C: EHLO client.example.org")
				.contains("C: STARTTLS")
				.noneMatch((line) -> line.startsWith("S: 5"));
		}
		// The playground's server offers no XOAUTH2, as the helper says.
		open("/playground/auth?lang=en");
		assertThat(byId("auth-xoauth2").getText()).contains("504");
		press(byId("auth-xoauth2").findElement(By.className("builder-play")));
		waiting().until((d) -> log().stream().anyMatch((line) -> line.startsWith("S: 504")));
	}

	@Test
	void theMessageIsDotStuffedFoldedAndEncoded() throws Exception {
		open("/playground/message?lang=en");
		fill("message-subject", "A subject that is long enough to need folding at least once, "
				+ "maybe twice, when it goes over seventy-eight characters per line");
		fill("message-body", "Hi,\n.hidden\n.\nend");
		List<String> message = lines("#message-lines");
		int subject = message.indexOf(message.stream().filter((l) -> l.startsWith("Subject: ")).findFirst().get());
		assertThat(message.get(subject + 1)).startsWith(" ");
		assertThat(message).allSatisfy((line) -> assertThat(line.length()).isLessThanOrEqualTo(78));
		// Dot-stuffing: both lines that begin with a dot get another, marked in text, not
		// only colour.
		List<WebElement> stuffed = driver.findElements(By.cssSelector("#message-lines .line.stuffed"));
		assertThat(stuffed).hasSize(2);
		assertThat(stuffed.get(0).getText()).startsWith("..hidden").contains("(dot added)");
		assertThat(stuffed.get(1).getText()).startsWith("..").contains("(dot added)");
		assertThat(stuffed.get(0).findElements(By.cssSelector("mark.dot-stuffed"))).hasSize(1);
		assertThat(message).last().asString().startsWith(".").doesNotStartWith("..");
		assertThat(byId("message-notes").getText()).contains("dot-stuffing");
		assertThat(lines("#message-envelope")).containsExactly("C: MAIL FROM:<alice@example.org>",
				"C: RCPT TO:<bob@example.com>", "C: DATA");
		assertThat(message).contains("Content-Type: text/plain; charset=us-ascii", "Content-Transfer-Encoding: 7bit");
		// Every line shows its CRLF.
		assertThat(driver.findElements(By.cssSelector("#message-lines .line .crlf"))).hasSize(message.size());

		// Non-ASCII header text becomes encoded-words that Python decodes back, in B and
		// Q.
		String turkish = "Çarşamba günü toplantı: ödeme, İzmir ve Iğdır şubeleri için ayrıntılı bütçe görüşmesi";
		fill("message-subject", turkish);
		for (String kind : List.of("B", "Q")) {
			new Select(byId("message-header-encoding")).selectByValue(kind);
			List<String> lines = lines("#message-lines");
			int first = lines.indexOf(lines.stream().filter((l) -> l.startsWith("Subject: ")).findFirst().get());
			StringBuilder field = new StringBuilder(lines.get(first));
			assertThat(lines.get(first).length()).isLessThanOrEqualTo(76);
			for (int i = first + 1; lines.get(i).startsWith(" "); i++) {
				assertThat(lines.get(i).length()).isLessThanOrEqualTo(76);
				field.append(lines.get(i));
			}
			String value = field.substring("Subject: ".length());
			assertThat(value).as(kind).startsWith("=?UTF-8?" + kind + "?").matches("[\\x20-\\x7e]+");
			assertThat(pythonDecodedHeader(value)).as(kind).isEqualTo(turkish);
		}

		// A non-ASCII body: UTF-8, encoded and explained; a long line is wrapped.
		fill("message-body", "Merhaba Bülent,\n" + "x".repeat(1200) + "\n.son");
		message = lines("#message-lines");
		assertThat(message).contains("Content-Type: text/plain; charset=utf-8",
				"Content-Transfer-Encoding: quoted-printable", "..son");
		assertThat(message).allSatisfy((line) -> assertThat(line.length()).isLessThan(998));
		assertThat(byId("message-notes").getText()).contains("Quoted-printable takes");
		// With 8bit the long line cannot go: refused with the reason, and it cannot be
		// played.
		new Select(byId("message-body-encoding")).selectByValue("8bit");
		assertThat(byId("message-problems").getText()).contains("Line 2 of the body is 1200 octets long");
		assertThat(byId("message-play").isEnabled()).isFalse();
		new Select(byId("message-body-encoding")).selectByValue("auto");
		// A word too long to fold is refused too.
		fill("message-subject", "y".repeat(1000));
		assertThat(byId("message-problems").getText()).contains("Subject", "998");
		assertThat(byId("message-play").isEnabled()).isFalse();

		// A non-ASCII address needs SMTPUTF8, and with it BODY=8BITMIME even for an ASCII
		// body: the header carries the address in UTF-8 (RFC 6531, section 1).
		fill("message-subject", "Merhaba");
		fill("message-body", "Hello");
		fill("message-to", "çağrı@örnek.com.tr");
		assertThat(lines("#message-lines")).contains("Content-Transfer-Encoding: 7bit");
		assertThat(lines("#message-envelope")).containsExactly(
				"C: MAIL FROM:<alice@example.org> SMTPUTF8 BODY=8BITMIME", "C: RCPT TO:<çağrı@örnek.com.tr>",
				"C: DATA");
		assertThat(byId("message-notes").getText()).contains("SMTPUTF8 (RFC 6531)");
	}

	@Test
	void theBuiltMessageGets250AfterItsFinalDot() {
		open("/playground/message?lang=en");
		fill("message-to-name", "Jürgen Müller");
		press(byId("message-play"));
		waiting().until((d) -> d.getCurrentUrl().endsWith("/playground?lang=en"));
		waiting().until((d) -> log().stream().anyMatch((line) -> line.startsWith("S: 250 2.0.0 OK")));
		List<String> log = log();
		int dot = log.lastIndexOf("C: .");
		assertThat(dot).isPositive();
		assertThat(log.get(dot + 1)).startsWith("S: 250 2.0.0 OK").contains("queued");
		assertThat(log).contains("C: DATA", "C: ..NET build moved to Friday", "C: ....and the rest next week.")
			.anyMatch((line) -> line.startsWith("C: To: =?UTF-8?B?"));
		assertThat(log).noneMatch((line) -> line.startsWith("S: 5") || line.startsWith("S: 4"));
	}

	@Test
	void theToolsSpeakTurkishAndTheAuthPageLinksToThem() {
		open("/commands/auth?lang=tr");
		WebElement link = driver.findElement(By.cssSelector("a.tool-link"));
		assertThat(link.getText()).contains("AUTH satırlarını");
		press(link);
		// The content links into the playground's old section, which leads to the tool's
		// own page.
		waiting().until((d) -> d.getCurrentUrl().endsWith("/playground/auth?lang=tr"));
		assertThat(byId("auth-helper-title").getText()).isEqualTo("AUTH yardımcısı");
		assertThat(byId("auth-plain").getText()).contains("NUL baytı", "bayt,", "kendiniz olarak");
		assertThat(byId("auth-xoauth2").getText()).contains("504");
		open("/playground/message?lang=tr");
		assertThat(byId("message-builder-title").getText()).isEqualTo("İleti oluşturucu");
		assertThat(byId("message-notes").getText()).contains("nokta doldurma", "CRLF");
		assertThat(driver.findElement(By.cssSelector("#message-lines .dot-marker")).getText())
			.isEqualTo("(nokta eklendi)");
		open("/commands/data?lang=en");
		assertThat(driver.findElement(By.cssSelector("a.tool-link")).getDomAttribute("href"))
			.isEqualTo("/playground#message-builder");
	}

	@Test
	void withoutScriptThePageSaysHowToDoItInAShell() throws Exception {
		for (String lang : List.of("en", "tr")) {
			String html = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + this.port + "/playground/auth?lang=" + lang))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			html += HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + this.port + "/playground/message?lang=" + lang))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
			assertThat(html).contains("printf '\\0alice\\0s3cret' | base64", "printf 'alice' | openssl base64")
				.contains("<form id=\"auth-form\" class=\"builder-form row g-3 mb-3\" hidden")
				.contains("<div id=\"auth-results\" hidden>")
				.contains("=?UTF-8?B?R8O8bmF5ZMSxbg==?=");
			assertThat(html).contains(lang.equals("tr") ? "Kabukta" : "In a shell");
		}
	}

}
