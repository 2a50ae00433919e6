package org.smtpreference.browser;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.smtpreference.probe.ScriptedServer;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe in a real browser with script: the form starts the probe through the API and
 * the steps appear in the page without a reload, until it says it has finished. The
 * server is a hand-written one on loopback that answers each command after a pause, so
 * the steps arrive one by one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.probe.enabled=true", "site.probe.allowed-targets=127.0.0.1/32:1-65535",
				"site.probe.reply-timeout=5s", "site.probe.per-client=1000", "site.probe.global=1000" })
class ProbeBrowserTests extends BrowserTestSupport {

	@Test
	void theStepsArriveLiveWithoutAReload() throws Exception {
		try (ScriptedServer server = ScriptedServer.start("220 mx.probe.test <b>ESMTP</b>\r\n", (command) -> {
			try {
				// Slow enough that the page shows the probe running before it ends.
				Thread.sleep(400);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return ScriptedServer.ordinary(command);
		})) {
			open("/probe?lang=en");
			driver.executeScript("window.notReloaded = true");
			driver.findElement(By.id("probe-host")).sendKeys("127.0.0.1");
			WebElement port = driver.findElement(By.id("probe-port"));
			port.clear();
			port.sendKeys(String.valueOf(server.port()));
			driver.findElement(By.id("probe-sender")).sendKeys("a@probe.example");
			driver.findElement(By.id("probe-recipient")).sendKeys("nobody@probe.example");
			driver.findElement(By.cssSelector("#probe-form button[type=submit]")).click();
			WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
			wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
			wait.until((d) -> !d.findElements(By.cssSelector("#probe-results[data-done=false]")).isEmpty());
			wait.until((d) -> !d.findElements(By.cssSelector("#probe-results[data-done=true]")).isEmpty());
			assertThat(driver.executeScript("return window.notReloaded === true")).isEqualTo(true);
			String text = driver.findElement(By.id("probe-results")).getText();
			assertThat(text).contains("S: 220 mx.probe.test <b>ESMTP</b>")
				.contains("The server refuses mail for nobody@probe.example with 550")
				.contains("The server offers AUTH before TLS");
			assertThat(driver.findElements(By.cssSelector("#probe-results b"))).isEmpty();
		}
	}

}
