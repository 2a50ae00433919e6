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

import java.net.InetAddress;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Reference;
import org.smtpreference.decode.ReplyMeanings;
import org.smtpreference.session.Delivery;
import org.smtpreference.web.SiteAddress;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.MessageSource;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
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

	private final ReplyMeanings meanings;

	private final SiteAddress siteAddress;

	/** Sessions listed on {@code /sandbox} for the reader's address. */
	static final int RECENT = 5;

	/**
	 * The policy of an HTML part's frame: nothing runs, nothing is fetched (images only
	 * from {@code data:}), no form is sent, and the document is sandboxed even when
	 * opened on its own.
	 */
	static final String PART_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
			+ "form-action 'none'; base-uri 'none'; frame-ancestors 'self'; sandbox";

	/** Seconds a reader is asked to wait when the store is away or busy. */
	static final int RETRY_AFTER = 5;

	/** How long the end of the site waits for live streams to send their last event. */
	private static final Duration STREAMS_END = Duration.ofSeconds(2);

	private final ExecutorService sender;

	private final Semaphore lookups;

	private final Set<LiveFeed> feeds = ConcurrentHashMap.newKeySet();

	@Autowired
	SandboxController(SiteProperties properties, SandboxListener listener, TranscriptStore store, Reference reference,
			MessageSource messages, ReplyMeanings meanings, SiteAddress siteAddress) {
		this(properties, listener, store, reference, messages, meanings, siteAddress,
				properties.sandbox().maxLookups());
	}

	SandboxController(SiteProperties properties, SandboxListener listener, TranscriptStore store, Reference reference,
			MessageSource messages, ReplyMeanings meanings, SiteAddress siteAddress, int maxLookups) {
		this.properties = properties;
		this.meanings = meanings;
		this.siteAddress = siteAddress;
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
	String guide(Model model, HttpServletRequest request, HttpServletResponse response) {
		SandboxGuide guide = SandboxGuide.of(this.properties, this.listener, this.siteAddress.of(request));
		if (guide.enabled()) {
			// Its commands name the host this reader asked for: never stored as one page
			// for all (the page with the sandbox off names none, and is kept offline).
			guide = SandboxGuide.of(this.properties, this.listener, this.siteAddress.ofThisRequest(request));
			response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		}
		model.addAttribute("guide", guide);
		model.addAttribute("keepMinutes", this.properties.sandbox().keepFor().toMinutes());
		boolean listing = guide.enabled() && this.properties.sandbox().findByAddress();
		model.addAttribute("listing", listing);
		model.addAttribute("recent", listing ? recent(request, response) : List.of());
		return "sandbox/sandbox";
	}

	/**
	 * The reader's recent sessions, by the address the request came from (as the proxy
	 * forwarded it); none while the store is away or busy. The page then depends on the
	 * address, so no shared cache may keep it.
	 */
	private List<RecentSessionRow> recent(HttpServletRequest request, HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		String remote = request.getRemoteAddr();
		InetAddress client;
		try {
			// Only a literal address, so no name is ever looked up.
			if (remote == null || !remote.matches("[0-9A-Fa-f:.]{2,45}")) {
				return List.of();
			}
			client = InetAddress.getByName(remote);
		}
		catch (java.net.UnknownHostException ex) {
			return List.of();
		}
		if (!this.lookups.tryAcquire()) {
			return List.of();
		}
		try {
			return this.store.recent(client, RECENT).stream().map(RecentSessionRow::of).toList();
		}
		catch (StoreUnavailableException ex) {
			return List.of();
		}
		finally {
			this.lookups.release();
		}
	}

	/**
	 * One recent session as listed.
	 *
	 * @param id its id
	 * @param path its live view
	 * @param started when it opened, UTC, {@code HH:mm:ss}
	 * @param open whether it is still open
	 */
	record RecentSessionRow(String id, String path, String started, boolean open) {

		private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
			.ofPattern("HH:mm:ss", Locale.ROOT)
			.withZone(java.time.ZoneOffset.UTC);

		static RecentSessionRow of(TranscriptStore.RecentSession session) {
			return new RecentSessionRow(session.id(), "/sandbox/" + session.id(),
					TIME.format(java.time.Instant.ofEpochMilli(session.started())), session.open());
		}

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
			return expired(id);
		}
		Transcript transcript = found.get();
		List<ExchangeRow> rows = IntStream.range(0, transcript.lines().size())
			.mapToObj((i) -> ExchangeRow.of(i, transcript.lines().get(i), this.reference, this.meanings, this.messages,
					locale))
			.toList();
		model.addAttribute("transcript", transcript);
		model.addAttribute("rows", rows);
		model.addAttribute("messages", messageViews(transcript));
		model.addAttribute("serverLines",
				transcript.lines()
					.stream()
					.filter((line) -> line.direction() == TranscriptLine.Direction.SERVER)
					.map(TranscriptLine::text)
					.collect(Collectors.joining("\n")));
		return "sandbox/session";
	}

	private static List<MessageView> messageViews(Transcript transcript) {
		return IntStream.range(0, transcript.deliveries().size())
			.mapToObj((i) -> MessageView.of(i + 1, transcript.id(), transcript.deliveries().get(i)))
			.toList();
	}

	/**
	 * The page for a session that is not (or no longer) kept: how long sessions are kept
	 * and how to start another, with status 404.
	 */
	private ModelAndView expired(String id) {
		ModelAndView view = new ModelAndView("sandbox/expired", HttpStatus.NOT_FOUND);
		view.addObject("status", 404);
		view.addObject("keepMinutes", this.properties.sandbox().keepFor().toMinutes());
		view.addObject("sessionsKept", this.properties.sandbox().sessionsKept());
		return view;
	}

	/**
	 * The accepted messages of a session, as the part of its page that the live view
	 * replaces when a message comes.
	 */
	@GetMapping("/sandbox/{id}/messages")
	Object messages(@PathVariable String id, Model model, HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		Optional<Transcript> found = lookUp(id, response);
		if (found == null) {
			return unavailable(id, response);
		}
		if (found.isEmpty()) {
			return expired(id);
		}
		model.addAttribute("transcript", found.get());
		model.addAttribute("messages", messageViews(found.get()));
		return "sandbox/session :: messages";
	}

	/**
	 * One accepted message as it was received, to save and open in a mail program.
	 */
	@GetMapping("/sandbox/{id}/messages/{number:\\d{1,4}}.eml")
	ResponseEntity<byte[]> raw(@PathVariable String id, @PathVariable int number, HttpServletResponse response) {
		Optional<Delivery> delivery = delivery(id, number, response);
		if (delivery == null) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
				.header(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER))
				.cacheControl(CacheControl.noStore())
				.build();
		}
		if (delivery.isEmpty()) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND).cacheControl(CacheControl.noStore()).build();
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.parseMediaType("message/rfc822"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(delivery.get().queueId() + ".eml").build().toString())
			.body(RawMessage.octets(delivery.get().head()));
	}

	/**
	 * One HTML part, for a sandboxed frame of the live view: under a policy that runs
	 * nothing and loads nothing, whatever the message holds.
	 */
	@GetMapping("/sandbox/{id}/messages/{number:\\d{1,4}}/parts/{part:\\d{1,3}}")
	ResponseEntity<String> part(@PathVariable String id, @PathVariable int number, @PathVariable int part,
			HttpServletResponse response) {
		Optional<Delivery> delivery = delivery(id, number, response);
		Optional<String> html = (delivery == null) ? Optional.empty()
				: delivery.flatMap((found) -> MessageView.html(found, part));
		ResponseEntity.BodyBuilder answer = html.isPresent() ? ResponseEntity.ok()
				: ResponseEntity.status((delivery == null) ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.NOT_FOUND);
		// Replaces the site's own policy: this document is the message's, not the site's.
		response.setHeader("Content-Security-Policy", PART_POLICY);
		response.setHeader("X-Frame-Options", "SAMEORIGIN");
		response.setHeader("X-Content-Type-Options", "nosniff");
		return answer.cacheControl(CacheControl.noStore())
			.contentType(MediaType.parseMediaType("text/html;charset=UTF-8"))
			.body(html.orElse(""));
	}

	/**
	 * A session's message by its number from 1: empty when there is none, {@code null}
	 * when the store cannot be read just now.
	 */
	private Optional<Delivery> delivery(String id, int number, HttpServletResponse response) {
		Optional<Transcript> found = lookUp(id, response);
		if (found == null) {
			return null;
		}
		return found.filter((transcript) -> number >= 1 && number <= transcript.deliveries().size())
			.map((transcript) -> transcript.deliveries().get(number - 1));
	}

	/**
	 * A bounded lookup: the transcript, empty when unknown, {@code null} when the store
	 * is away or busy.
	 */
	private Optional<Transcript> lookUp(String id, HttpServletResponse response) {
		if (!SessionIds.isWellFormed(id)) {
			return Optional.empty();
		}
		if (!this.lookups.tryAcquire()) {
			return null;
		}
		try {
			return this.store.find(id);
		}
		catch (StoreUnavailableException ex) {
			return null;
		}
		finally {
			this.lookups.release();
		}
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
		try {
			// Sent first, before any line: the stream's headers go out at once, so the
			// page knows it is live (and says so) even while the session is quiet.
			emitter.send(SseEmitter.event().comment("live"));
		}
		catch (java.io.IOException ex) {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).cacheControl(noStore).build();
		}
		LiveFeed feed = new LiveFeed(emitter, this.sender, next, (event) -> ExchangeRow.of(event.index(), event.line(),
				this.reference, this.meanings, this.messages, locale), () -> this.store.find(id));
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
