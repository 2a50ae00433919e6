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
 * What a person does with the site in a real browser: filter, keyboard, language switch,
 * theme, copy buttons and sample tabs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InteractionBrowserTests extends BrowserTestSupport {

	@BeforeEach
	void freshState() {
		open("/about?lang=en");
		driver.manage().deleteAllCookies();
		driver.executeScript("localStorage.clear()");
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(driver, Duration.ofSeconds(10));
	}

	private List<String> visibleCards() {
		return driver.findElements(By.cssSelector(".command-card"))
			.stream()
			.filter(WebElement::isDisplayed)
			.map((card) -> card.getAttribute("id"))
			.toList();
	}

	@Test
	void instantFilterShowsOnlyMatchingCommands() {
		open("/?lang=en");
		int all = visibleCards().size();
		assertThat(all).isGreaterThan(10);
		driver.findElement(By.id("command-filter")).sendKeys("recpt");
		waiting().until((d) -> visibleCards().size() < all);
		assertThat(visibleCards()).first().isEqualTo("rcpt-to");
		assertThat(visibleCards()).doesNotContain("ehlo");
		driver.findElement(By.id("command-filter")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		waiting().until((d) -> visibleCards().size() == all);
	}

	@Test
	void instantFilterFoldsTurkishLetters() {
		open("/?lang=tr");
		int all = visibleCards().size();
		WebElement filter = driver.findElement(By.id("command-filter"));
		filter.sendKeys("kimlik doğrulama");
		waiting().until((d) -> visibleCards().size() < all);
		List<String> accented = visibleCards();
		assertThat(accented).contains("auth").doesNotContain("noop");
		filter.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
		waiting().until((d) -> visibleCards().size() == all);
		filter.sendKeys("KİMLİK DOGRULAMA");
		waiting().until((d) -> visibleCards().size() < all);
		assertThat(visibleCards()).isEqualTo(accented);
	}

	@Test
	void slashKeyFocusesTheSearchBox() {
		open("/?lang=en");
		driver.findElement(By.tagName("body")).sendKeys("/");
		assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("command-filter");
		open("/faq?lang=en");
		driver.findElement(By.tagName("body")).sendKeys("/");
		assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("site-search");
	}

	@Test
	void languageSwitchKeepsThePageAndIsRemembered() {
		open("/commands/mail-from?lang=en");
		driver.findElement(By.cssSelector("a.lang-switch")).click();
		waiting().until((d) -> "tr".equals(d.findElement(By.tagName("html")).getAttribute("lang")));
		assertThat(driver.getCurrentUrl()).contains("/commands/mail-from");
		open("/faq");
		assertThat(driver.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("tr");
	}

	@Test
	void themeToggleSwitchesAndSurvivesAReload() {
		open("/?lang=en");
		String before = driver.findElement(By.tagName("html")).getAttribute("data-bs-theme");
		assertThat(before).isIn("light", "dark");
		driver.findElement(By.id("theme-toggle")).click();
		String after = driver.findElement(By.tagName("html")).getAttribute("data-bs-theme");
		assertThat(after).isNotEqualTo(before);
		driver.navigate().refresh();
		assertThat(driver.findElement(By.tagName("html")).getAttribute("data-bs-theme")).isEqualTo(after);
		open("/faq");
		assertThat(driver.findElement(By.tagName("html")).getAttribute("data-bs-theme")).isEqualTo(after);
	}

	@Test
	void sampleTabsAreOperableAndRemembered() {
		open("/samples?lang=en");
		WebElement goTab = driver.findElement(By.id("tab-go"));
		goTab.click();
		assertThat(driver.findElement(By.id("sample-go")).isDisplayed()).isTrue();
		assertThat(driver.findElement(By.id("sample-python")).isDisplayed()).isFalse();
		goTab.sendKeys(Keys.ARROW_RIGHT);
		String next = driver.switchTo().activeElement().getAttribute("data-tab");
		assertThat(next).isNotEqualTo("go");
		assertThat(driver.findElement(By.id("sample-" + next)).isDisplayed()).isTrue();
		open("/about?lang=en");
		open("/samples?lang=en");
		assertThat(driver.findElement(By.id("tab-" + next)).getAttribute("aria-selected")).isEqualTo("true");
		assertThat(driver.findElement(By.id("sample-" + next)).isDisplayed()).isTrue();
	}

	@Test
	void copyButtonCopiesTheCode() {
		open("/commands/ehlo?lang=en");
		WebElement button = driver.findElement(By.cssSelector(".code-block .copy-button"));
		button.click();
		waiting().until((d) -> "Copied".equals(button.getText()));
		Object copied = driver.executeAsyncScript(
				"const done = arguments[0]; navigator.clipboard.readText().then(done, () => done(null));");
		assertThat(copied).isNotNull();
		assertThat(copied.toString()).startsWith("EHLO ");
	}

	@Test
	void commandAnchorsLandOnTheCommand() {
		open("/commands/rcpt-to?lang=en");
		driver.findElement(By.cssSelector(".breadcrumb a[href='/#category-message']")).click();
		waiting().until((d) -> d.getCurrentUrl().endsWith("/#category-message"));
		waiting().until((d) -> top("category-message") < 200);
		open("/?lang=en#mail-from");
		waiting().until((d) -> top("mail-from") < 200);
		assertThat(top("mail-from")).isGreaterThan(-5);
	}

	private double top(String id) {
		return ((Number) driver
			.executeScript("return document.getElementById(arguments[0]).getBoundingClientRect().top", id))
			.doubleValue();
	}

}
