package org.smtpreference.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Language;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pages} health indicator, part of readiness, is out of service until the
 * pages are warm and up afterwards; the warm-up requests every page in both languages,
 * several at once.
 */
class PageWarmUpTests {

	@Test
	void outOfServiceBeforeTheWarmUpAndUpAfterIt() {
		PageWarmUp warmUp = new PageWarmUp(
				new SiteProperties(null, "content", null, 200, Language.EN, null, null, false));
		assertThat(warmUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		// Without a web server there is nothing to warm: ready at once.
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			warmUp.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, null));
		}
		assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void requestsEveryPageInBothLanguagesSeveralAtOnce() throws Exception {
		PageWarmUp warmUp = new PageWarmUp(
				new SiteProperties(null, "content", null, 200, Language.EN, null, null, false));
		Set<String> requested = ConcurrentHashMap.newKeySet();
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		CountDownLatch second = new CountDownLatch(2);
		HttpServer server = stub((exchange) -> {
			if (exchange.getRequestURI().toString().equals("/?lang=en")) {
				// The home page comes first and alone (the test below).
				requested.add("/?lang=en");
				exchange.sendResponseHeaders(200, -1);
				exchange.close();
				return;
			}
			int now = inFlight.incrementAndGet();
			mostInFlight.accumulateAndGet(now, Math::max);
			second.countDown();
			try {
				// Each answer waits (a little, bounded) for a second request to come in:
				// one at a time, the first would wait for nothing.
				second.await(2, TimeUnit.SECONDS);
				requested.add(exchange.getRequestURI().toString());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				// No longer in flight once answered: the warm-up may send its
				// next request as soon as it has the answer, before this
				// handler has returned.
				inFlight.decrementAndGet();
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		try {
			assertThat(warmUp.warm(server.getAddress().getPort())).isTrue();
		}
		finally {
			stop(server);
		}
		assertThat(requested).hasSize(2 * PageWarmUp.PAGES.size())
			.contains("/commands/ehlo?lang=en", "/commands/ehlo?lang=tr", "/search?q=ehlo&lang=tr");
		assertThat(mostInFlight.get()).as("requests in flight at once")
			.isGreaterThan(1)
			.isLessThanOrEqualTo(PageWarmUp.AT_ONCE);
		assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
	}

	/**
	 * Readiness waits for one page of every template, not for the offline samples, which
	 * render the same templates: those are requested after it says UP.
	 */
	@Test
	void readyOnceTheTemplatesAreWarmBeforeTheOfflineSamples() throws Exception {
		List<String> samples = List.of("/commands/data", "/replies/421");
		PageWarmUp warmUp = new PageWarmUp(
				new SiteProperties(null, "content", null, 200, Language.EN, null, null, false), samples);
		CountDownLatch upSeen = new CountDownLatch(1);
		List<String> sampleStatus = new CopyOnWriteArrayList<>();
		HttpServer server = stub((exchange) -> {
			try {
				String path = exchange.getRequestURI().getPath();
				if (samples.contains(path)) {
					// Answered only once the test has seen readiness UP (or after 5 s).
					boolean seen = upSeen.await(5, TimeUnit.SECONDS);
					sampleStatus.add(path + (seen ? " after UP" : " before UP"));
				}
				exchange.sendResponseHeaders(200, -1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				exchange.close();
			}
		});
		ExecutorService warming = Executors.newSingleThreadExecutor();
		try {
			Future<Boolean> warmed = warming.submit(() -> warmUp.warm(server.getAddress().getPort()));
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
			while (warmUp.health().getStatus() != Status.UP && System.nanoTime() < deadline) {
				Thread.sleep(10);
			}
			assertThat(warmUp.health().getStatus()).as("readiness before the samples answered").isEqualTo(Status.UP);
			upSeen.countDown();
			assertThat(warmed.get(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			warming.shutdownNow();
			stop(server);
		}
		assertThat(sampleStatus).hasSize(2 * samples.size()).allMatch((status) -> status.endsWith("after UP"));
	}

	/**
	 * The home page in the default language is requested first and alone, so a reader's
	 * first request shares the machine with one rendering only.
	 */
	@Test
	void theHomePageInTheDefaultLanguageComesFirstAndAlone() throws Exception {
		PageWarmUp warmUp = new PageWarmUp(
				new SiteProperties(null, "content", null, 200, Language.TR, null, null, false), List.of());
		List<String> arrivals = new CopyOnWriteArrayList<>();
		AtomicInteger inFlight = new AtomicInteger();
		List<String> besideTheFirst = new CopyOnWriteArrayList<>();
		HttpServer server = stub((exchange) -> {
			String address = exchange.getRequestURI().toString();
			arrivals.add(address);
			if (inFlight.incrementAndGet() > 1 && arrivals.size() <= 2) {
				besideTheFirst.add(address);
			}
			try {
				if (arrivals.size() == 1) {
					// Long enough for any other request sent at once to arrive.
					Thread.sleep(300);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				inFlight.decrementAndGet();
			}
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		try {
			assertThat(warmUp.warm(server.getAddress().getPort())).isTrue();
		}
		finally {
			stop(server);
		}
		assertThat(arrivals.get(0)).isEqualTo("/?lang=tr");
		assertThat(besideTheFirst).isEmpty();
		// Every page once in each language: the home page is not asked for twice.
		assertThat(arrivals).hasSize(2 * PageWarmUp.PAGES.size()).doesNotHaveDuplicates();
	}

	/**
	 * A web server on a free loopback port answering every address with the handler, on
	 * enough threads for the warm-up's requests at once.
	 */
	private static HttpServer stub(HttpHandler handler) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setExecutor(Executors.newFixedThreadPool(8));
		server.createContext("/", handler);
		server.start();
		return server;
	}

	private static void stop(HttpServer server) {
		server.stop(0);
		((ExecutorService) server.getExecutor()).shutdownNow();
	}

}
