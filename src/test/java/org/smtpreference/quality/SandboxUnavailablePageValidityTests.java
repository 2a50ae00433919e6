package org.smtpreference.quality;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import org.smtpreference.sandbox.Transcript;
import org.smtpreference.sandbox.TranscriptEvent;
import org.smtpreference.sandbox.TranscriptLine;
import org.smtpreference.sandbox.TranscriptStore;
import org.smtpreference.session.Delivery;
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
			assertThat(this.store.asked.await(20, TimeUnit.SECONDS)).isTrue();
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
			this.store.release.countDown();
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

	/**
	 * A store whose lookups wait until the test lets them go.
	 */
	static class StalledStore implements TranscriptStore {

		final CountDownLatch asked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@Override
		public void open(String id, long started, InetAddress client) {
		}

		@Override
		public void append(String id, TranscriptLine line) {
		}

		@Override
		public void deliver(String id, Delivery delivery) {
		}

		@Override
		public void close(String id) {
		}

		@Override
		public Optional<Transcript> find(String id) {
			this.asked.countDown();
			try {
				this.release.await(20, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return Optional.empty();
		}

		@Override
		public AutoCloseable subscribe(String id, Consumer<TranscriptEvent> watcher) {
			return () -> {
			};
		}

	}

}
