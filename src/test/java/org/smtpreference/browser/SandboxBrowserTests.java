package org.smtpreference.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtpreference.SiteClient;
import org.smtpreference.sandbox.SandboxListener;
import org.smtpreference.sandbox.SmtpClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox session watched in a real browser while it happens: the page opened after the
 * greeting gets every later command and reply without a reload (server-sent events read
 * by {@code sandbox.js}), escaped, with reply codes linked, labelled in the page's
 * language, and says so when the connection ends.
 */
// The same settings, in the same order, as TurkishPagesTests and SandboxListenerTests:
// one
// application context for all of them (Spring's test context cache).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.smtps-port=0", "site.sandbox.bind-address=127.0.0.1", "site.sandbox.public-host=localhost" })
class SandboxBrowserTests extends BrowserTestSupport {

	@Autowired
	SandboxListener listener;

	/**
	 * The HTTP port of the replica whose page the browser watches.
	 */
	int pagePort() {
		return this.port;
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(driver, Duration.ofSeconds(20));
	}

	private static List<WebElement> rows() {
		return driver.findElements(By.cssSelector("#sandbox-lines > li"));
	}

	private static List<String> texts() {
		return driver.findElements(By.cssSelector("#sandbox-lines > li .sandbox-text"))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	private static String state() {
		return driver.findElement(By.id("sandbox-state")).getText();
	}

	@ParameterizedTest
	@ValueSource(strings = { "en", "tr" })
	void newLinesAppearWithoutReloadAndTheEndIsShown(String lang) throws InterruptedException {
		boolean tr = lang.equals("tr");
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String greeting = smtp.last();
			String id = SmtpClient.sessionId(greeting);
			// The Redis store records the new session in the background: wait until this
			// replica knows it, as a reader following the greeting's address a moment
			// later.
			SiteClient site = new SiteClient(pagePort());
			for (int i = 0; i < 100 && site.get("/sandbox/" + id).statusCode() != 200; i++) {
				Thread.sleep(100);
			}
			driver.get(site.base() + "/sandbox/" + id + "?lang=" + lang);
			assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo(lang);
			assertThat(driver.findElement(By.tagName("h1")).getText())
				.isEqualTo(tr ? "Deneme sunucusu oturumu" : "Sandbox session");
			// Served saying it does not update by itself; the script, once its stream is
			// open, says it does.
			String liveState = tr ? "Bağlantı açık: yeni satırlar ve iletiler geldikçe burada görünür."
					: "The connection is open: new lines and messages appear here as they happen.";
			waiting().until((d) -> state().equals(liveState));
			assertThat(texts()).endsWith(greeting);
			assertThat(driver.findElements(By.cssSelector("#sandbox-lines > li.sandbox-C"))).isEmpty();
			// A mark on the page itself: a reload would lose it.
			driver.executeScript("window.sandboxMark = 'still here';");

			smtp.send("EHLO browser.example\r\n");
			List<String> ehlo = smtp.reply();
			assertThat(ehlo).contains("250-PIPELINING");
			waiting().until((d) -> texts().contains(ehlo.get(ehlo.size() - 1)));
			assertThat(texts()).containsSubsequence(greeting, "EHLO browser.example", ehlo.get(0));
			WebElement client = rows().get(texts().indexOf("EHLO browser.example"));
			assertThat(client.getAttribute("class")).contains("sandbox-C");
			assertThat(client.findElement(By.className("sandbox-who")).getText()).isEqualTo(tr ? "İstemci" : "Client");
			WebElement reply = rows().get(texts().indexOf(ehlo.get(0)));
			assertThat(reply.findElement(By.className("sandbox-who")).getText()).isEqualTo(tr ? "Sunucu" : "Server");
			assertThat(reply.findElement(By.cssSelector("a[href='/replies/250']")).getText()).isEqualTo("250");

			// Markup in a command is shown as text, never built into the page.
			smtp.send("MAIL FROM:<a@example.com> <b>bold</b>\r\n");
			String refused = smtp.last();
			assertThat(refused).startsWith("5");
			waiting().until((d) -> texts().contains(refused));
			assertThat(texts()).contains("MAIL FROM:<a@example.com> <b>bold</b>");
			assertThat(driver.findElements(By.cssSelector("#sandbox-lines b"))).isEmpty();
			String code = refused.substring(0, 3);
			assertThat(driver.findElements(By.cssSelector("#sandbox-lines a[href='/replies/" + code + "']")))
				.isNotEmpty();

			smtp.send("QUIT\r\n");
			assertThat(smtp.last()).startsWith("221");
			assertThat(smtp.closedByServer()).isTrue();
			String closed = tr ? "Bağlantı kapandı." : "The connection is closed.";
			waiting().until((d) -> state().equals(closed));
			assertThat(texts()).contains("QUIT");
			assertThat(driver.findElement(By.cssSelector("#sandbox-lines a[href='/replies/221']")).getText())
				.isEqualTo("221");
			assertThat(driver.executeScript("return window.sandboxMark;")).isEqualTo("still here");
			// Every line came once, in order, as a reload of the page now shows them.
			List<String> live = texts();
			driver.navigate().refresh();
			assertThat(texts()).isEqualTo(live);
			assertThat(state()).isEqualTo(closed);
		}
	}

}
