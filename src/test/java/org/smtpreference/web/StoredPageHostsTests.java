package org.smtpreference.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import org.smtpreference.content.Language;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With no {@code site.base-url}, pages are stored once whatever {@code Host} a request
 * names: junk hosts cannot take the store from the real one, and every host still gets
 * links to its own origin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "site.release=stored-page-hosts")
class StoredPageHostsTests {

	private static final List<String> PAGES = List.of("/faq?lang=en", "/commands/ehlo?lang=en", "/replies/550?lang=en");

	@LocalServerPort
	int port;

	@Autowired
	FilterRegistrationBean<RenderedPageFilter> filter;

	@Autowired
	PageWarmUp warmUp;

	@Autowired
	SitePages sitePages;

	@Autowired
	StoredPages store;

	@Test
	void junkHostsLeaveTheRealHostsPagesStored() {
		await().atMost(Duration.ofMinutes(2)).until(this.warmUp::isReady);
		for (int i = 1; i <= 20; i++) {
			for (String page : PAGES) {
				String answer = get("junk" + i + ".example", page);
				assertThat(answer).startsWith("HTTP/1.1 200")
					.contains("<link rel=\"canonical\" href=\"http://junk" + i + ".example" + page + "\">")
					.doesNotContain("localhost:" + this.port);
			}
		}
		long renders = this.filter.getFilter().renders();
		SiteClient client = new SiteClient(this.port);
		for (int round = 0; round < 3; round++) {
			for (String page : PAGES) {
				String answer = client.get(page, "Cookie", "lang=en").body();
				assertThat(answer)
					.contains("<link rel=\"canonical\" href=\"http://localhost:" + this.port + page + "\">")
					.contains("hreflang=\"tr\" href=\"http://localhost:" + this.port
							+ page.replace("lang=en", "lang=tr") + "\"")
					.doesNotContain("junk");
			}
		}
		assertThat(this.filter.getFilter().renders()).as("pages rendered for the real host").isEqualTo(renders);
		// A junk host asking again still gets its own origin, not the real host's, and
		// an ETag of its own: the same ETag for two bodies would let a cache mix them.
		String junk = get("junk7.example", "/faq?lang=en");
		assertThat(junk).contains("href=\"http://junk7.example/faq?lang=en\"").doesNotContain("localhost:" + this.port);
		String realTag = client.get("/faq?lang=en", "Cookie", "lang=en").headers().firstValue("ETag").orElseThrow();
		assertThat(junk).contains("ETag: W/\"en-").doesNotContain(realTag);
	}

	/**
	 * Requests that arrive together for a page not rendered yet (as the first reader's
	 * and the warm-up's right after a start) render it once: the others wait for that
	 * rendering and get the same page.
	 */
	@Test
	void pageAskedForByManyAtOnceIsRenderedOnce() throws Exception {
		// Nothing else renders meanwhile: the warm-up has rendered its offline samples
		// too.
		await().atMost(Duration.ofMinutes(2)).until(this.warmUp::isFinished);
		// A page neither the warm-up nor the other test renders, and not stored yet.
		Set<String> warmed = new HashSet<>(PageWarmUp.PAGES);
		this.sitePages.samples().values().forEach(warmed::addAll);
		String path = this.sitePages.indexable()
			.stream()
			.filter((page) -> page.startsWith("/status-codes/") && !warmed.contains(page))
			.filter((page) -> this.store.size(Language.TR, page).isEmpty())
			.findFirst()
			.orElseThrow();
		int readers = 8;
		long before = this.filter.getFilter().renders();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(readers);
		try {
			List<Future<String>> answers = new ArrayList<>();
			for (int i = 0; i < readers; i++) {
				answers.add(pool.submit(() -> {
					go.await();
					return get("localhost:" + this.port, path + "?lang=tr");
				}));
			}
			go.countDown();
			List<String> bodies = new ArrayList<>();
			for (Future<String> answer : answers) {
				String text = answer.get(1, TimeUnit.MINUTES);
				assertThat(text).startsWith("HTTP/1.1 200");
				bodies.add(text.substring(text.indexOf("\r\n\r\n")));
			}
			assertThat(bodies).as("the same page for every reader").containsOnly(bodies.get(0));
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(this.filter.getFilter().renders() - before).as("renderings of %s", path).isEqualTo(1);
	}

	/**
	 * Sends a request naming a host of its own, which Java's HTTP client does not allow.
	 */
	private String get(String host, String page) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(
					("GET " + page + " HTTP/1.1\r\nHost: " + host + "\r\nCookie: lang=en\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
