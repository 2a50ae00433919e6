package org.smtpreference.sandbox;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Carries one transcript's events to one reader's event stream: events are queued by the
 * thread that records them and sent on another, so a slow reader never holds up an SMTP
 * connection.
 */
final class LiveFeed implements Consumer<TranscriptEvent> {

	private static final Log logger = LogFactory.getLog(LiveFeed.class);

	/** Events queued for one reader before the feed gives up and asks for a reload. */
	private static final int QUEUE_LIMIT = 2000;

	private final SseEmitter emitter;

	private final Executor sender;

	private final Function<TranscriptEvent, ExchangeRow> rows;

	private final Supplier<Optional<Transcript>> reread;

	private final Queue<TranscriptEvent> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger queued = new AtomicInteger();

	private final AtomicBoolean draining = new AtomicBoolean();

	// Live events that come while the lines the store already had are still being handed
	// over: they wait, so a later line never overtakes an earlier one and hides it.
	private final Queue<TranscriptEvent> early = new ConcurrentLinkedQueue<>();

	private volatile boolean caughtUp;

	private volatile AutoCloseable subscription;

	private volatile boolean done;

	// The index of the next line the reader lacks; only the sending thread changes it.
	private int next;

	// Whether the closing event went out; only the sending thread changes it.
	private boolean finished;

	private volatile Runnable whenStopped = () -> {
	};

	LiveFeed(SseEmitter emitter, Executor sender, int next, Function<TranscriptEvent, ExchangeRow> rows,
			Supplier<Optional<Transcript>> reread) {
		this.emitter = emitter;
		this.reread = reread;
		this.sender = sender;
		this.next = next;
		this.rows = rows;
		emitter.onCompletion(this::stop);
		emitter.onTimeout(this::stop);
		emitter.onError((ex) -> stop());
	}

	/**
	 * Runs the given action once the feed stops, however it stops.
	 */
	void whenStopped(Runnable action) {
		this.whenStopped = action;
	}

	/**
	 * The site is stopping: the reader gets a last event saying so (the page then offers
	 * to reload later) and the stream ends, rather than holding the shutdown.
	 */
	void end() {
		if (this.done) {
			return;
		}
		this.done = true;
		this.queue.clear();
		this.queue.add(TranscriptEvent.STOPPING);
		schedule();
	}

	void subscribed(AutoCloseable subscription) {
		this.subscription = subscription;
		if (this.done) {
			stop();
		}
	}

	/**
	 * A live event from the store's subscription; held back until {@link #caughtUp()}.
	 */
	@Override
	public void accept(TranscriptEvent event) {
		if (!this.caughtUp) {
			synchronized (this.early) {
				if (!this.caughtUp) {
					if (this.early.size() < QUEUE_LIMIT) {
						this.early.add(event);
					}
					return;
				}
			}
		}
		enqueue(event);
	}

	/**
	 * An event the store already had when the reader came.
	 */
	void backlog(TranscriptEvent event) {
		enqueue(event);
	}

	/**
	 * The backlog is all handed over: the live events held meanwhile follow it, and later
	 * ones go straight out. Lines the reader already has are skipped by their index.
	 */
	void caughtUp() {
		synchronized (this.early) {
			TranscriptEvent event;
			while ((event = this.early.poll()) != null) {
				enqueue(event);
			}
			this.caughtUp = true;
		}
	}

	private void enqueue(TranscriptEvent event) {
		if (this.done) {
			return;
		}
		if (this.queued.incrementAndGet() > QUEUE_LIMIT) {
			this.done = true;
			this.queue.clear();
			this.queue.add(TranscriptEvent.CLOSED);
		}
		else {
			this.queue.add(event);
		}
		schedule();
	}

	private void schedule() {
		if (this.draining.compareAndSet(false, true)) {
			try {
				this.sender.execute(this::drain);
			}
			catch (RuntimeException ex) {
				this.draining.set(false);
				stop();
			}
		}
	}

	private void drain() {
		try {
			TranscriptEvent event;
			while ((event = this.queue.poll()) != null) {
				this.queued.decrementAndGet();
				send(event);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("A sandbox reader went away", ex);
			stop();
			this.emitter.completeWithError(ex);
		}
		finally {
			this.draining.set(false);
		}
		if (!this.queue.isEmpty()) {
			schedule();
		}
	}

	private void send(TranscriptEvent event) throws IOException {
		if (this.finished) {
			return;
		}
		switch (event.kind()) {
			case LINE -> {
				if (event.index() > this.next) {
					catchUp(event.index());
				}
				sendLine(event);
			}
			case DELIVERY -> this.emitter.send(SseEmitter.event().name("delivery").data("delivery"));
			case CLOSED -> {
				// Unless the reader fell too far behind and is asked to reload.
				if (!this.done) {
					catchUp(Integer.MAX_VALUE);
				}
				this.finished = true;
				this.emitter.send(SseEmitter.event().name("closed").data("closed"));
				stop();
				this.emitter.complete();
			}
			case STOPPING -> {
				this.finished = true;
				this.emitter.send(SseEmitter.event().name("stopping").data("stopping"));
				stop();
				this.emitter.complete();
			}
		}
	}

	private void sendLine(TranscriptEvent event) throws IOException {
		if (event.index() >= this.next) {
			this.next = event.index() + 1;
			this.emitter.send(SseEmitter.event()
				.name("line")
				.id(String.valueOf(event.index()))
				.data(this.rows.apply(event), MediaType.APPLICATION_JSON));
		}
	}

	/**
	 * Sends the lines before {@code end} the reader lacks, read again from the store: a
	 * live event can be missed, as one published on another replica before this one's
	 * subscription took hold.
	 */
	private void catchUp(int end) throws IOException {
		Optional<Transcript> transcript;
		try {
			transcript = this.reread.get();
		}
		catch (StoreUnavailableException ex) {
			// The reader keeps what it has; a reload brings the rest once the store is
			// back.
			return;
		}
		if (transcript.isEmpty()) {
			return;
		}
		List<TranscriptLine> lines = transcript.get().lines();
		for (int i = this.next; i < Math.min(end, lines.size()); i++) {
			sendLine(TranscriptEvent.line(i, lines.get(i)));
		}
	}

	void stop() {
		this.done = true;
		this.whenStopped.run();
		AutoCloseable current = this.subscription;
		if (current != null) {
			try {
				current.close();
			}
			catch (Exception ex) {
				logger.debug("Cannot end a sandbox subscription", ex);
			}
		}
	}

}
