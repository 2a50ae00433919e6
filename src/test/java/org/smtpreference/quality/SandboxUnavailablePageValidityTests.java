package org.smtpreference.quality;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import org.smtpreference.sandbox.StalledStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page a reader gets while the transcript store is away or busy (503 with
 * {@code Retry-After}), which no list of pages holds, is valid HTML in both languages:
 * one lookup is held in a store that does not answer, so the next one is over the bound.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.bind-address=127.0.0.1", "site.sandbox.max-lookups=1" })
class SandboxUnavailablePageValidityTests {

	@LocalServerPort
	int port;

	@Autowired
	StalledStore store;

	@BeforeAll
	static void checkerInstalled() {
		HtmlChecker.assumeAvailable();
	}

	@Test
	void theBusyPageIsValidInBothLanguages() throws Exception {
		SiteClient client = new SiteClient(this.port);
		Thread holder = new Thread(() -> client.get("/sandbox/" + "0".repeat(32)), "held-lookup");
		holder.setDaemon(true);
		holder.start();
		try {
			// Waits until the first lookup holds the only place (polls are a hang guard).
			for (int poll = 0; poll < 200 && this.store.asked().get() == 0; poll++) {
				Thread.sleep(100);
			}
			assertThat(this.store.asked().get()).isEqualTo(1);
			Map<String, String> pages = new LinkedHashMap<>();
			for (String lang : List.of("en", "tr")) {
				HttpResponse<String> page = client.get("/sandbox/" + "1".repeat(32) + "?lang=" + lang);
				assertThat(page.statusCode()).isEqualTo(503);
				assertThat(page.headers().firstValue("Retry-After")).isPresent();
				assertThat(page.body()).contains("<html lang=\"" + lang + "\"");
				pages.put("sandbox-unavailable-" + lang, page.body());
			}
			HtmlChecker.check(pages).forEach((name, errors) -> assertThat(errors).as(name).isEmpty());
		}
		finally {
			this.store.release().countDown();
			holder.join(20_000);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class StalledStoreConfiguration {

		@Bean
		@Primary
		StalledStore stalledStore() {
			return new StalledStore();
		}

	}

}
