package org.smtpreference.browser;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtpreference.SiteClient;
import org.smtpreference.sandbox.SampleMessages;
import org.smtpreference.sandbox.SandboxListener;
import org.smtpreference.sandbox.SmtpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox for a learner on another machine, in a real browser, in both languages, at
 * 1280 and 390 px, light and dark: the greeting's address works through a forwarded host,
 * a session is found without its greeting, an accepted message appears live and decoded
 * (a Turkish encoded subject, an HTML part, an attachment), and a hostile HTML part runs
 * nothing and loads nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.bind-address=127.0.0.1", "site.sandbox.find-by-address=true" })
class SandboxMessageBrowserTests extends BrowserTestSupport {

	/** Where the live message view's screenshots go, as ScreenshotBrowserTests's. */
	static final Path DIRECTORY = Path.of("target", "screenshots");

	/** Language, width and theme of each run: every value of each appears. */
	private static final List<Look> LOOKS = List.of(new Look("en", 1280, "light"), new Look("tr", 390, "dark"),
			new Look("en", 390, "dark"), new Look("tr", 1280, "light"));

	@Autowired
	SandboxListener listener;

	@AfterEach
	void plainHeaders() {
		headers(Map.of());
		driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
	}

	private record Look(String lang, int width, String theme) {

		boolean turkish() {
			return this.lang.equals("tr");
		}

	}

	/**
	 * Sends these headers with every request of the browser, as a proxy in front of the
	 * site would add them.
	 */
	private static void headers(Map<String, String> headers) {
		driver.executeCdpCommand("Network.enable", Map.of());
		driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", new HashMap<>(headers)));
	}

	private void look(Look look) {
		viewport(look.width(), 900);
		open("/about?lang=" + look.lang());
		driver.executeScript("localStorage.setItem('theme', arguments[0])", look.theme());
	}

	private void checkLook(Look look) {
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(look.lang());
		assertThat(driver.findElement(By.tagName("html")).getAttribute("data-bs-theme")).isEqualTo(look.theme());
		Number overflow = (Number) driver
			.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
		assertThat(overflow.intValue()).as("sideways scroll at %s", look).isLessThanOrEqualTo(0);
	}

	private static WebDriverWait waiting() {
		// The messages section is replaced whole when a message comes.
		return (WebDriverWait) new WebDriverWait(driver, Duration.ofSeconds(20))
			.ignoring(StaleElementReferenceException.class);
	}

	@Test
	void theGreetingsAddressIsReachableThroughAForwardedHost() {
		for (Look look : LOOKS) {
			look(look);
			headers(Map.of("X-Forwarded-Host", "smtp-lab.example.org", "X-Forwarded-Proto", "http"));
			try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
				String greeting = smtp.last();
				String id = SmtpClient.sessionId(greeting);
				// No guessed host: the path, which the reader opens on the site they use.
				assertThat(greeting).contains("live at /sandbox/" + id)
					.doesNotContain("localhost:8080")
					.doesNotContain("http");
				open("/sandbox?lang=" + look.lang());
				checkLook(look);
				String commands = driver.findElement(By.tagName("main")).getText();
				int port = this.listener.smtpPort();
				assertThat(commands).contains("telnet smtp-lab.example.org " + port,
						"curl -o sandbox.pem http://smtp-lab.example.org/sandbox/certificate.pem");
				open("/sandbox/" + id + "?lang=" + look.lang());
				checkLook(look);
				assertThat(driver.findElement(By.cssSelector("link[rel=canonical]")).getAttribute("href"))
					.startsWith("http://smtp-lab.example.org/sandbox/" + id);
				assertThat(driver.findElement(By.tagName("h1")).getText())
					.isEqualTo(look.turkish() ? "Deneme sunucusu oturumu" : "Sandbox session");
				assertThat(driver.findElement(By.id("sandbox-lines")).getText()).contains(greeting);
				// An unknown session: a page of its own saying how long sessions are
				// kept.
				open("/sandbox/" + "0".repeat(32) + "?lang=" + look.lang());
				checkLook(look);
				assertThat(driver.findElement(By.tagName("main")).getText())
					.contains(look.turkish() ? "60 dakika saklanır" : "kept for 60 minutes");
				assertThat(axe()).as("axe on the expired session page at %s", look).isEmpty();
			}
		}
	}

	@Test
	void aSessionIsFoundWithoutItsGreeting() {
		for (Look look : LOOKS) {
			look(look);
			// The browser comes, through the proxy, from the address the SMTP client
			// uses.
			headers(Map.of("X-Forwarded-For", "127.0.0.1"));
			try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
				// As openssl -starttls does, the greeting is read and not shown.
				smtp.last();
				smtp.send("EHLO learner.example\r\n");
				String id = SmtpClient.sessionId(smtp.reply().get(0));
				open("/sandbox?lang=" + look.lang());
				checkLook(look);
				WebElement listed = driver.findElement(By.cssSelector("#sandbox-recent a[href='/sandbox/" + id + "']"));
				assertThat(driver.findElement(By.tagName("main")).getText())
					.contains(look.turkish() ? "Adresinizden gelen oturumlar" : "Sessions from your address");
				assertThat(axe()).as("axe on the guide with recent sessions at %s", look).isEmpty();
				// Followed from the keyboard, as a reader without a mouse would.
				listed.sendKeys(Keys.ENTER);
				waiting().until((d) -> d.getCurrentUrl().contains("/sandbox/" + id));
				assertThat(driver.findElement(By.id("sandbox-lines")).getText()).contains("EHLO learner.example");
			}
		}
	}

	@Test
	void anAcceptedMessageAppearsLiveDecoded() throws IOException {
		Map<String, String> meanings = new HashMap<>();
		for (Look look : LOOKS) {
			look(look);
			try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
				String id = SmtpClient.sessionId(smtp.last());
				open("/sandbox/" + id + "?lang=" + look.lang());
				checkLook(look);
				// The script says the page is live; the page as served says it is not.
				waiting().until((d) -> state()
					.equals(look.turkish() ? "Bağlantı açık: yeni satırlar ve iletiler geldikçe burada görünür."
							: "The connection is open: new lines and messages appear here as they happen."));
				driver.executeScript("window.sandboxMark = 'still here';");
				smtp.send("EHLO learner.example\r\n");
				smtp.reply();
				smtp.send("MAIL FROM:<ayse@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
				smtp.last();
				smtp.last();
				smtp.last();
				smtp.send(SampleMessages.turkish());
				assertThat(smtp.last()).startsWith("250 2.0.0");
				waiting().until((d) -> messages().contains(SampleMessages.SUBJECT));
				assertThat(driver.executeScript("return window.sandboxMark;")).isEqualTo("still here");
				String shown = messages();
				assertThat(shown).contains(SampleMessages.TEXT, SampleMessages.DOT_LINE, SampleMessages.FILE_NAME,
						"multipart/alternative", "application/pdf", "ISO-8859-9", "quoted-printable");
				assertThat(shown).contains(look.turkish() ? "MIME yapısı" : "MIME structure");
				WebElement frame = driver.findElement(By.cssSelector("#sandbox-messages iframe.sandbox-frame"));
				assertThat(frame.getAttribute("sandbox")).isEmpty();
				driver.switchTo().frame(frame);
				waiting().until((d) -> d.findElement(By.tagName("body")).getText().contains(SampleMessages.HTML_TEXT));
				driver.switchTo().defaultContent();
				WebElement download = driver
					.findElement(By.cssSelector("#sandbox-messages a[href$='/messages/1.eml']"));
				assertThat(download.getText()).contains(".eml");
				// Under each reply, what it means, in the page's language, linked.
				List<WebElement> meaning = driver.findElements(By.cssSelector("#sandbox-lines .sandbox-meaning a"));
				assertThat(meaning).isNotEmpty();
				meanings.put(look.lang(), meaning.get(meaning.size() - 1).getText());
				assertThat(meaning.get(meaning.size() - 1).getAttribute("href"))
					.matches(".*/(replies|status-codes)/.*");
				assertThat(axe()).as("axe on the live message view at %s", look).isEmpty();
				if (look.width() == 1280) {
					save("sandbox-message-" + look.lang() + "-" + look.theme() + ".png", look.width());
				}
			}
		}
		assertThat(meanings.get("en")).isNotBlank().isNotEqualTo(meanings.get("tr"));
	}

	@Test
	void aHostileHtmlPartRunsNothingAndLoadsNothing() throws Exception {
		try (Recorder recorder = new Recorder()) {
			for (Look look : List.of(LOOKS.get(0), LOOKS.get(1))) {
				look(look);
				String id;
				try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
					id = SmtpClient.sessionId(smtp.last());
					smtp.send("EHLO mallory.example\r\n");
					smtp.reply();
					smtp.send("MAIL FROM:<mallory@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
					smtp.last();
					smtp.last();
					smtp.last();
					smtp.send(SampleMessages.hostile(recorder.origin()));
					assertThat(smtp.last()).startsWith("250 2.0.0");
				}
				open("/sandbox/" + id + "?lang=" + look.lang());
				checkLook(look);
				String page = driver.getCurrentUrl();
				WebElement frame = waiting()
					.until((d) -> d.findElement(By.cssSelector("#sandbox-messages iframe.sandbox-frame")));
				driver.switchTo().frame(frame);
				waiting().until((d) -> d.findElement(By.tagName("body")).getText().contains("Hostile part"));
				driver.switchTo().defaultContent();
				// Time for anything that would load or refresh to have done so.
				Thread.sleep(1500);
				assertThat(recorder.hits()).as("requests that left the page").isEmpty();
				assertThat(driver.executeScript("return typeof window.pwned;")).isEqualTo("undefined");
				assertThat(driver.getCurrentUrl()).isEqualTo(page);
				driver.switchTo().frame(frame);
				assertThat(driver.findElement(By.tagName("body")).getText()).contains("Hostile part");
				driver.switchTo().defaultContent();
			}
			assertThat(recorder.hits()).isEmpty();
		}
	}

	/**
	 * The violations axe-core (the current release; see {@link Axe}) finds on the page in
	 * its current theme, best practices included, as "rule: nodes"; the message's own
	 * frame is its content, not the site's, and is left out.
	 */
	private static List<String> axe() {
		driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
		driver.executeScript(Axe.source());
		@SuppressWarnings("unchecked")
		List<String> violations = (List<String>) driver.executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				axe.run(document, { resultTypes: ['violations'], iframes: false })
				  .then((result) => done(result.violations.map((v) => v.id + ': '
				    + v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '))),
				    (error) => done(['axe failed: ' + error]));
				""");
		return violations;
	}

	private static String state() {
		return driver.findElement(By.id("sandbox-state")).getText();
	}

	private static String messages() {
		return driver.findElement(By.id("sandbox-messages")).getText();
	}

	/**
	 * Saves the whole page, as ScreenshotBrowserTests does.
	 */
	private static void save(String name, int width) throws IOException {
		Files.createDirectories(DIRECTORY);
		long height = ((Number) driver.executeScript("return Math.ceil(document.documentElement.scrollHeight)"))
			.longValue();
		viewport(width, height);
		Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip",
						Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
		Files.write(DIRECTORY.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
		viewport(width, 900);
	}

	/**
	 * A loopback listener that records the first line of every connection made to it:
	 * anything a message manages to load lands here.
	 */
	private static final class Recorder implements AutoCloseable {

		private final ServerSocket server;

		private final List<String> hits = new CopyOnWriteArrayList<>();

		private final Thread thread;

		Recorder() throws IOException {
			this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
			this.thread = new Thread(this::accept, "hostile-recorder");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		String origin() {
			return "http://127.0.0.1:" + this.server.getLocalPort();
		}

		/**
		 * The requests received: connections that sent something. A connection that sends
		 * nothing is not counted, since on a shared machine another process's port probe
		 * can land on any loopback port (a headless Chromium shown this message on its
		 * own opens none).
		 */
		List<String> hits() {
			return this.hits.stream().filter((hit) -> !hit.equals("(connection)")).toList();
		}

		private void accept() {
			while (!this.server.isClosed()) {
				try (Socket socket = this.server.accept()) {
					this.hits.add(firstLine(socket));
				}
				catch (IOException ex) {
					// Closed.
				}
			}
		}

		private static String firstLine(Socket socket) {
			try {
				socket.setSoTimeout(2000);
				InputStream in = socket.getInputStream();
				byte[] line = new byte[200];
				int read = in.read(line);
				return (read > 0)
						? new String(line, 0, read, StandardCharsets.ISO_8859_1).lines().findFirst().orElse("")
						: "(connection)";
			}
			catch (IOException ex) {
				// A client that connected and sent nothing still counts.
				return "(connection)";
			}
		}

		@Override
		public void close() throws IOException {
			this.server.close();
		}

	}

}
