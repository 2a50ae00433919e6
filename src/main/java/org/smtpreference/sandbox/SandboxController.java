package org.smtpreference.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.servlet.http.HttpServletResponse;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Reference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The sandbox pages: how to connect, and one session's transcript, live. Lookups are
 * bounded in number and answer 503 while the store is away, so a store in trouble never
 * holds the web server's threads; every live stream ends when the site stops.
 */
@Controller
class SandboxController implements DisposableBean {

	/** How long one event stream lasts; the browser reconnects after it. */
	private static final Duration STREAM_TIME = Duration.ofMinutes(10);

	private final SiteProperties properties;

	private final SandboxListener listener;

	private final TranscriptStore store;

	private final Reference reference;

	private final MessageSource messages;

	/** Seconds a reader is asked to wait when the store is away or busy. */
	static final int RETRY_AFTER = 5;

	/** How long the end of the site waits for live streams to send their last event. */
	private static final Duration STREAMS_END = Duration.ofSeconds(2);

	private final ExecutorService sender;

	private final Semaphore lookups;

	private final Set<LiveFeed> feeds = ConcurrentHashMap.newKeySet();

	@Autowired
	SandboxController(SiteProperties properties, SandboxListener listener, TranscriptStore store, Reference reference,
			MessageSource messages) {
		this(properties, listener, store, reference, messages, properties.sandbox().maxLookups());
	}

	SandboxController(SiteProperties properties, SandboxListener listener, TranscriptStore store, Reference reference,
			MessageSource messages, int maxLookups) {
		this.properties = properties;
		this.messages = messages;
		this.listener = listener;
		this.store = store;
		this.reference = reference;
		this.lookups = new Semaphore(Math.max(1, maxLookups));
		ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				new CustomizableThreadFactory("sandbox-live-"));
		executor.allowCoreThreadTimeOut(true);
		this.sender = executor;
	}

	@GetMapping("/sandbox")
	String guide(Model model) {
		model.addAttribute("guide", SandboxGuide.of(this.properties, this.listener));
		return "sandbox/sandbox";
	}

	@GetMapping(path = "/sandbox/certificate.pem", produces = "application/x-pem-file")
	ResponseEntity<String> certificate() {
		String pem = this.listener.certificatePem();
		if (pem == null || (this.listener.smtpPort() < 0 && this.listener.smtpsPort() < 0)) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(pem);
	}

	@GetMapping("/sandbox/{id}")
	Object session(@PathVariable String id, Model model, HttpServletResponse response, Locale locale) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		Optional<Transcript> found;
		if (!SessionIds.isWellFormed(id)) {
			found = Optional.empty();
		}
		else if (!this.lookups.tryAcquire()) {
			return unavailable(id, response);
		}
		else {
			try {
				found = this.store.find(id);
			}
			catch (StoreUnavailableException ex) {
				return unavailable(id, response);
			}
			finally {
				this.lookups.release();
			}
		}
		if (found.isEmpty()) {
			ModelAndView view = new ModelAndView("error/404", HttpStatus.NOT_FOUND);
			view.addObject("status", 404);
			return view;
		}
		Transcript transcript = found.get();
		List<ExchangeRow> rows = IntStream.range(0, transcript.lines().size())
			.mapToObj((i) -> ExchangeRow.of(i, transcript.lines().get(i), this.reference, this.messages, locale))
			.toList();
		model.addAttribute("transcript", transcript);
		model.addAttribute("rows", rows);
		model.addAttribute("messages", transcript.deliveries().stream().map(MessageView::of).toList());
		model.addAttribute("serverLines",
				transcript.lines()
					.stream()
					.filter((line) -> line.direction() == TranscriptLine.Direction.SERVER)
					.map(TranscriptLine::text)
					.collect(Collectors.joining("\n")));
		return "sandbox/session";
	}

	/**
	 * The page saying the transcripts cannot be read just now, with when to try again.
	 */
	private static ModelAndView unavailable(String id, HttpServletResponse response) {
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER));
		ModelAndView view = new ModelAndView("sandbox/unavailable", HttpStatus.SERVICE_UNAVAILABLE);
		view.addObject("status", 503);
		view.addObject("id", id);
		return view;
	}

	@GetMapping(path = "/sandbox/{id}/events", produces = "text/event-stream")
	ResponseEntity<SseEmitter> events(@PathVariable String id, @RequestParam(defaultValue = "0") String after,
			Locale locale) {
		CacheControl noStore = CacheControl.noStore();
		if (!SessionIds.isWellFormed(id)) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(noStore).build();
		}
		if (!this.lookups.tryAcquire()) {
			return streamUnavailable();
		}
		try {
			return stream(id, after, locale);
		}
		catch (StoreUnavailableException ex) {
			return streamUnavailable();
		}
		finally {
			this.lookups.release();
		}
	}

	private static ResponseEntity<SseEmitter> streamUnavailable() {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.cacheControl(CacheControl.noStore())
			.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER))
			.build();
	}

	private ResponseEntity<SseEmitter> stream(String id, String after, Locale locale) {
		CacheControl noStore = CacheControl.noStore();
		Optional<Transcript> found = this.store.find(id);
		if (found.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(noStore).build();
		}
		int next = after.matches("\\d{1,9}") ? Integer.parseInt(after) : 0;
		SseEmitter emitter = new SseEmitter(STREAM_TIME.toMillis());
		LiveFeed feed = new LiveFeed(emitter, this.sender, next,
				(event) -> ExchangeRow.of(event.index(), event.line(), this.reference, this.messages, locale),
				() -> this.store.find(id));
		this.feeds.add(feed);
		feed.whenStopped(() -> this.feeds.remove(feed));
		// Subscribed before reading the transcript again: no line falls between the two;
		// live events wait until the lines read are handed over, and the feed skips lines
		// the reader already has.
		feed.subscribed(this.store.subscribe(id, feed));
		Transcript transcript;
		try {
			transcript = this.store.find(id).orElse(found.get());
		}
		catch (StoreUnavailableException ex) {
			transcript = found.get();
		}
		for (int i = next; i < transcript.lines().size(); i++) {
			feed.backlog(TranscriptEvent.line(i, transcript.lines().get(i)));
		}
		if (!transcript.open()) {
			feed.backlog(TranscriptEvent.CLOSED);
		}
		feed.caughtUp();
		return ResponseEntity.ok().cacheControl(noStore).body(emitter);
	}

	/**
	 * Ends every live stream when the site starts to stop, before the web server waits
	 * for requests in flight: an open stream would hold that wait for its whole length
	 * and end without a word to the reader.
	 */
	@EventListener(ContextClosedEvent.class)
	void endStreams() throws InterruptedException {
		for (LiveFeed feed : List.copyOf(this.feeds)) {
			feed.end();
		}
		long deadline = System.nanoTime() + STREAMS_END.toNanos();
		while (!this.feeds.isEmpty() && System.nanoTime() - deadline < 0) {
			Thread.sleep(20);
		}
	}

	@Override
	public void destroy() {
		this.sender.shutdownNow();
	}

}
