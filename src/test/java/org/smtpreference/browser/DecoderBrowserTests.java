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
 * The decoder in a real browser: a bounce pasted into the box is explained code by code,
 * with script (without a page reload) and from an example button, in both languages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DecoderBrowserTests extends BrowserTestSupport {

	private static final String BOUNCE = """
			This message was created automatically by mail delivery software.

			  bob@example.com
			    host mx.example.com [192.0.2.1]
			    SMTP error from remote mail server after RCPT TO:<bob@example.com>:
			    550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown
			  carol@example.org
			    host mx.example.org [198.51.100.7]:25
			    SMTP error from remote mail server after RCPT TO:<carol@example.org>:
			    451 4.7.1 Greylisted, please try again later
			""";

	@BeforeEach
	void freshState() {
		open("/about?lang=en");
		driver.manage().deleteAllCookies();
		driver.executeScript("sessionStorage.clear()");
	}

	private WebDriverWait waiting() {
		// The results are swapped in whole: a finding read while that happens is stale.
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
		wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
		return wait;
	}

	private static List<String> codes() {
		return driver.findElements(By.cssSelector("#decode-results .decode-finding"))
			.stream()
			.map((finding) -> finding.getDomAttribute("data-code"))
			.toList();
	}

	private static List<String> causes() {
		return driver.findElements(By.cssSelector("#decode-results .decode-cause"))
			.stream()
			.map((cause) -> cause.getDomAttribute("data-cause"))
			.toList();
	}

	@Test
	void aPastedBounceIsExplainedWithoutAReload() {
		open("/decode?lang=en");
		driver.executeScript("window.notReloaded = true");
		WebElement box = driver.findElement(By.id("decode-text"));
		box.sendKeys(BOUNCE);
		driver.findElement(By.cssSelector("#decode-form button[type=submit]")).click();
		waiting().until((d) -> codes().size() == 2);
		assertThat(codes()).containsExactly("550 5.1.1", "451 4.7.1");
		assertThat(causes()).containsExactly("unknown-user", "greylisting");
		assertThat(driver.executeScript("return window.notReloaded === true")).isEqualTo(true);
		WebElement results = driver.findElement(By.id("decode-results"));
		assertThat(results.getText()).contains("The recipient address does not exist")
			.contains("Greylisting")
			.doesNotContain("192")
			.contains("Line 6");
		assertThat(driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("decode-results");
		assertThat(results.findElement(By.cssSelector("a[href='/replies/550']")).isDisplayed()).isTrue();
		assertThat(results.findElement(By.cssSelector("a[href='/status-codes/5.1.1']")).isDisplayed()).isTrue();
		assertThat(box.getDomProperty("value")).contains("Greylisted");
		// Decoding again replaces the results rather than adding to them.
		box.clear();
		box.sendKeys("552 5.3.4 Message size exceeds fixed maximum message size");
		// The results took the focus and the page scrolls to them, smoothly: the button
		// is
		// pressed from the keyboard, which no scroll still under way can make miss.
		WebElement submit = driver.findElement(By.cssSelector("#decode-form button[type=submit]"));
		submit.sendKeys(Keys.ENTER);
		waiting().until((d) -> codes().equals(List.of("552 5.3.4")));
		assertThat(causes()).containsExactly("message-too-big");
		assertThat(driver.findElements(By.id("decode-results"))).hasSize(1);
	}

	@Test
	void anExampleIsExplainedInTurkish() {
		open("/decode?lang=tr");
		driver.findElement(By.cssSelector("form.decode-example button")).click();
		waiting().until((d) -> !codes().isEmpty());
		assertThat(codes()).containsExactly("550 5.1.1");
		assertThat(driver.findElement(By.id("decode-results")).getText()).contains("Böyle bir alıcı adresi yok")
			.contains("Hayır");
		assertThat(driver.findElement(By.id("decode-text")).getDomProperty("value")).contains("550-5.1.1");
	}

	@Test
	void theTextAndItsResultsSurviveTheLanguageSwitchReloadAndBack() {
		open("/decode?lang=en");
		driver.findElement(By.id("decode-text")).sendKeys(BOUNCE);
		driver.findElement(By.cssSelector("#decode-form button[type=submit]")).click();
		waiting().until((d) -> codes().size() == 2);
		// The other language shows the same text decoded in its own words.
		// The results took the focus and the page scrolls to them, smoothly: a click at
		// the
		// switch's place can land while it still moves (seen on a busy machine), so the
		// switch is followed from the keyboard, as a keyboard user would.
		WebElement languageSwitch = driver.findElement(By.cssSelector("a.lang-switch"));
		languageSwitch.sendKeys(Keys.ENTER);
		waiting().until((d) -> d.getCurrentUrl().contains("lang=tr") && codes().size() == 2);
		assertThat(codes()).containsExactly("550 5.1.1", "451 4.7.1");
		assertThat(driver.findElement(By.id("decode-results")).getText()).contains("Böyle bir alıcı adresi yok");
		assertThat(driver.findElement(By.id("decode-text")).getDomProperty("value")).contains("Greylisted");
		driver.navigate().refresh();
		waiting().until((d) -> codes().size() == 2);
		assertThat(driver.findElement(By.id("decode-results")).getText()).contains("Böyle bir alıcı adresi yok");
		driver.navigate().back();
		waiting().until((d) -> d.getCurrentUrl().contains("lang=en") && codes().size() == 2);
		assertThat(driver.findElement(By.id("decode-results")).getText())
			.contains("The recipient address does not exist");
		// Text typed but not decoded comes back as text only.
		WebElement box = driver.findElement(By.id("decode-text"));
		box.clear();
		box.sendKeys("552 5.3.4 too big");
		open("/decode?lang=en");
		assertThat(driver.findElement(By.id("decode-text")).getDomProperty("value")).isEqualTo("552 5.3.4 too big");
		assertThat(driver.findElements(By.id("decode-results"))).isEmpty();
	}

	@Test
	void withoutScriptTheFormPostsAndThePageShowsTheResults() {
		open("/decode?lang=en");
		// Take the enhancement away: the form is an ordinary post.
		driver.executeScript("const f = document.getElementById('decode-form'); f.replaceWith(f.cloneNode(true));");
		driver.findElement(By.id("decode-text"))
			.sendKeys("554 5.7.1 Client host [192.0.2.1] blocked using zen.spamhaus.org");
		driver.findElement(By.cssSelector("#decode-form button[type=submit]")).click();
		waiting().until((d) -> !codes().isEmpty());
		assertThat(codes()).containsExactly("554 5.7.1");
		assertThat(causes()).containsExactly("blocklist");
		assertThat(driver.getCurrentUrl()).endsWith("/decode?lang=en");
	}

}
