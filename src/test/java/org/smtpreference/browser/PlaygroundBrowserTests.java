package org.smtpreference.browser;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground in a real browser: a session typed line by line gets the simulated
 * server's replies, earlier lines come back with the arrow keys, a guided session steps
 * forward and back, and a command's "Try it" link fills in its example.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaygroundBrowserTests extends BrowserTestSupport {

	@BeforeEach
	void freshState() {
		open("/about?lang=en");
		driver.manage().deleteAllCookies();
		// The playground keeps its session for the tab; each test starts without one.
		driver.executeScript("sessionStorage.clear()");
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(driver, Duration.ofSeconds(10));
	}

	private WebElement input() {
		return driver.findElement(By.id("playground-input"));
	}

	private List<String> lines(String kind) {
		return driver.findElements(By.cssSelector("#playground-log .line." + kind))
			.stream()
			.map(WebElement::getText)
			.toList();
	}

	/**
	 * Types a line, presses Enter and waits until the log shows it.
	 */
	private void type(String line) {
		int before = lines("client").size();
		input().sendKeys(line, Keys.ENTER);
		waiting().until((d) -> lines("client").size() == before + 1);
	}

	@Test
	void aTypedSessionGetsTheServersReplies() {
		open("/playground?lang=en");
		assertThat(driver.findElement(By.id("playground-form")).isDisplayed()).isFalse();
		assertThat(lines("server")).singleElement().asString().startsWith("S: 220 mail.example.com");
		for (String line : List.of("EHLO client.example.org", "MAIL FROM:<alice@example.org>",
				"RCPT TO:<bob@example.com>", "DATA", "Subject: Hello", "", "Hi Bob.", ".", "QUIT")) {
			type(line);
		}
		List<String> replies = lines("server");
		assertThat(replies).contains("S: 250 HELP", "S: 250 2.1.0 Sender <alice@example.org> OK",
				"S: 250 2.1.5 Recipient <bob@example.com> OK", "S: 354 Start mail input; end with <CRLF>.<CRLF>",
				"S: 221 2.0.0 mail.example.com closing connection");
		assertThat(replies).anySatisfy((reply) -> assertThat(reply).startsWith("S: 250 2.0.0 OK:").contains("queued"));
		// The content lines got no replies: DATA's 354 is followed by the queued 250.
		assertThat(replies.get(replies.indexOf("S: 354 Start mail input; end with <CRLF>.<CRLF>") + 1))
			.startsWith("S: 250 2.0.0 OK:");
		WebElement code = driver.findElement(By.cssSelector("#playground-log a[href='/replies/354']"));
		assertThat(code.getText()).isEqualTo("354");
		assertThat(driver.findElements(By.cssSelector("#playground-log a[href='/status-codes/2.1.5']"))).isNotEmpty();
		// After QUIT the server has closed: the input rests and Reset has focus.
		waiting().until((d) -> !input().isEnabled());
		assertThat(driver.findElement(By.id("playground-closed")).isDisplayed()).isTrue();
		assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("playground-reset");
		driver.switchTo().activeElement().sendKeys(Keys.ENTER);
		waiting().until((d) -> lines("client").isEmpty());
		assertThat(lines("server")).hasSize(1);
		assertThat(input().isEnabled()).isTrue();
	}

	@Test
	void repliesEchoingMarkupStayText() {
		open("/playground?lang=en");
		type("EHLO a.example");
		type("MAIL FROM:<<img src=x onerror=alert(1)>>");
		assertThat(driver.findElements(By.cssSelector("#playground-log img"))).isEmpty();
		assertThat(lines("server")).last().asString().contains("<img src=x onerror=alert(1)>");
	}

	@Test
	void arrowKeysBringBackEarlierLines() {
		open("/playground?lang=tr");
		type("EHLO a.example");
		type("NOOP");
		WebElement input = input();
		input.sendKeys(Keys.ARROW_UP);
		assertThat(input.getDomProperty("value")).isEqualTo("NOOP");
		input.sendKeys(Keys.ARROW_UP);
		assertThat(input.getDomProperty("value")).isEqualTo("EHLO a.example");
		input.sendKeys(Keys.ARROW_DOWN);
		assertThat(input.getDomProperty("value")).isEqualTo("NOOP");
		input.sendKeys(Keys.ARROW_DOWN);
		assertThat(input.getDomProperty("value")).isEmpty();
	}

	@Test
	void aGuidedSessionStepsForwardAndBack() {
		open("/playground?scenario=greylisting&lang=en");
		assertThat(visibleSteps()).containsExactly("step-1");
		WebElement next = driver.findElement(By.id("scenario-next"));
		WebElement previous = driver.findElement(By.id("scenario-previous"));
		assertThat(previous.isEnabled()).isFalse();
		next.click();
		next.click();
		assertThat(visibleSteps()).containsExactly("step-3");
		assertThat(driver.getCurrentUrl()).endsWith("#step-3");
		assertThat(driver.findElement(By.id("scenario-status")).getText()).isEqualTo("Step 3 of 6");
		assertThat(driver.findElement(By.id("step-3")).getText()).contains("450 4.7.1");
		previous.click();
		assertThat(visibleSteps()).containsExactly("step-2");
		// The step is in the address, so it can be linked.
		open("/playground?scenario=greylisting&lang=en#step-4");
		assertThat(visibleSteps()).containsExactly("step-4");
		assertThat(driver.findElement(By.id("step-4")).getText()).contains("250 2.1.5");
	}

	private List<String> visibleSteps() {
		return driver.findElements(By.cssSelector(".scenario-step"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((step) -> step.getAttribute("id"))
			.toList();
	}

	@Test
	void tryItOnACommandPageFillsInItsExample() {
		open("/commands/ehlo?lang=en");
		// Followed with the keyboard, as anyone may.
		driver.findElement(By.cssSelector("a.try-link")).sendKeys(Keys.ENTER);
		waiting().until((d) -> d.getCurrentUrl().contains("/playground?try=ehlo"));
		assertThat(input().getDomProperty("value")).isEqualTo("EHLO client.example.org");
		input().sendKeys(Keys.ENTER);
		waiting().until((d) -> lines("client").size() == 1);
		assertThat(lines("server")).contains("S: 250 HELP");
	}

}
