package org.smtpreference.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Language;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Renders one page of every kind in both languages as soon as the server listens, so the
 * first readers find the templates parsed and the code warm, and reports through the
 * {@code pages} health indicator (part of the readiness group) whether that is done. Then
 * it renders the pages whose stored size tells the offline size, after readiness.
 * <p>
 * With {@code site.training-run} the application stops once the pages are warm, with
 * status 1 if one of them failed: the image's build runs it so to record an AOT cache of
 * everything a first reader's request uses.
 */
@Component("pagesHealthIndicator")
class PageWarmUp implements HealthIndicator, ApplicationListener<ApplicationReadyEvent> {

	/**
	 * One page of each template; the rest of the pages share their templates.
	 */
	static final List<String> PAGES = List.of("/", "/commands/ehlo", "/replies", "/replies/550", "/status-codes",
			"/status-codes/5.7.1", "/extensions", "/extensions/pipelining", "/faq", "/samples", "/about",
			"/search?q=ehlo");

	/**
	 * Pages requested at once: one rendering per core of a small machine and one more in
	 * flight, so readiness comes soon after the first page rather than after every page
	 * in turn (issue 21).
	 */
	static final int AT_ONCE = 3;

	private static final Log logger = LogFactory.getLog(PageWarmUp.class);

	private final boolean trainingRun;

	/**
	 * The language of a reader who has not chosen one: the home page in it is warmed
	 * first.
	 */
	private final Language firstLanguage;

	/**
	 * {@link #PAGES}, then the samples not among them.
	 */
	private final List<String> pages;

	/**
	 * How many of {@link #pages} readiness waits for: {@link #PAGES}.
	 */
	private final int templatePages;

	private volatile boolean ready;

	/**
	 * Whether the offline samples are rendered too: the warm-up renders nothing more.
	 */
	private volatile boolean finished;

	PageWarmUp(SiteProperties properties) {
		this(properties, List.of());
	}

	/**
	 * A warm-up of {@link #PAGES}, then of the pages whose size stands for all when the
	 * offline size is said ({@link SitePages#samples}), so that size is known soon.
	 */
	@Autowired
	PageWarmUp(SiteProperties properties, SitePages sitePages) {
		this(properties, sitePages.samples().values().stream().flatMap(List::stream).toList());
	}

	/**
	 * A warm-up of {@link #PAGES}, then of these offline samples.
	 */
	PageWarmUp(SiteProperties properties, List<String> samples) {
		this.trainingRun = properties.trainingRun();
		this.firstLanguage = properties.defaultLanguage();
		Set<String> pages = new LinkedHashSet<>(PAGES);
		pages.addAll(samples);
		this.pages = List.copyOf(pages);
		this.templatePages = PAGES.size();
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (!(event.getApplicationContext() instanceof WebServerApplicationContext context)
				|| context.getWebServer() == null || context.getWebServer().getPort() <= 0) {
			this.ready = true;
			this.finished = true;
			return;
		}
		int port = context.getWebServer().getPort();
		Thread thread = new Thread(() -> {
			boolean warm = warm(port);
			if (this.trainingRun) {
				int status = SpringApplication.exit(context, () -> warm ? 0 : 1);
				logger.info("Training run finished with status " + status);
				System.exit(status);
			}
		}, "page-warm-up");
		// A training run's thread must outlive the context it closes: as a daemon, the
		// JVM
		// could end with status 0 once the last other thread stopped, before System.exit.
		thread.setDaemon(!this.trainingRun);
		thread.start();
	}

	/**
	 * Requests every page of {@link #PAGES} in both languages, {@link #AT_ONCE} at a
	 * time, and is ready; then the offline samples, which only tell the offline size and
	 * render the same templates, so readiness does not wait for them (issue 21). Whether
	 * each answered 200.
	 */
	boolean warm(int port) {
		long start = System.nanoTime();
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		AtomicInteger thread = new AtomicInteger();
		ExecutorService requests = Executors.newFixedThreadPool(AT_ONCE, (task) -> {
			Thread requester = new Thread(task, "page-warm-up-" + thread.incrementAndGet());
			requester.setDaemon(true);
			return requester;
		});
		try {
			// The home page in the default language first and alone: a reader's first
			// request, most likely for it, then shares the machine with one rendering
			// instead of AT_ONCE of them.
			boolean first = requests.submit(() -> answers(client, port, PAGES.get(0), this.firstLanguage)).get();
			boolean templates = first
					& requestAll(requests, client, port, this.pages.subList(0, this.templatePages), PAGES.get(0));
			this.ready = true;
			logger.info("Pages warmed in " + (System.nanoTime() - start) / 1_000_000 + " ms");
			long samplesStart = System.nanoTime();
			boolean samples = requestAll(requests, client, port,
					this.pages.subList(this.templatePages, this.pages.size()), null);
			logger.info("Offline samples stored in " + (System.nanoTime() - samplesStart) / 1_000_000 + " ms");
			return templates && samples;
		}
		catch (ExecutionException | InterruptedException ex) {
			// Readers will render the pages themselves; the site works the same.
			logger.warn("Warm-up stopped: " + ((ex instanceof ExecutionException) ? ex.getCause() : ex));
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			return false;
		}
		finally {
			requests.shutdownNow();
			this.ready = true;
			this.finished = true;
		}
	}

	/**
	 * Requests each page in both languages, but the one already requested in the first
	 * language; whether every one answered 200.
	 */
	private boolean requestAll(ExecutorService requests, HttpClient client, int port, List<String> pages, String done)
			throws ExecutionException, InterruptedException {
		List<Future<Boolean>> answers = new ArrayList<>();
		for (Language language : Language.values()) {
			for (String page : pages) {
				if (!(page.equals(done) && language == this.firstLanguage)) {
					answers.add(requests.submit(() -> answers(client, port, page, language)));
				}
			}
		}
		boolean allAnswered = true;
		for (Future<Boolean> answer : answers) {
			allAnswered &= answer.get();
		}
		return allAnswered;
	}

	/**
	 * Requests one page in one language; whether it answered 200.
	 */
	private static boolean answers(HttpClient client, int port, String page, Language language) throws Exception {
		String address = "http://127.0.0.1:" + port + page + (page.contains("?") ? "&" : "?") + "lang="
				+ language.tag();
		HttpRequest request = HttpRequest.newBuilder(URI.create(address))
			.timeout(Duration.ofSeconds(30))
			.header("Cookie", "lang=" + language.tag())
			.header("Accept-Encoding", "gzip")
			.build();
		int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status != 200) {
			logger.warn("Warm-up: " + page + " answered " + status);
			return false;
		}
		return true;
	}

	/**
	 * Whether the warm-up has finished (or was not needed).
	 */
	boolean isReady() {
		return this.ready;
	}

	/**
	 * Whether the offline samples have been rendered as well, or the warm-up stopped.
	 */
	boolean isFinished() {
		return this.finished;
	}

	@Override
	public Health health() {
		return this.ready ? Health.up().build() : Health.outOfService().build();
	}

}
