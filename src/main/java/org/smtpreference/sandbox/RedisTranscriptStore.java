package org.smtpreference.sandbox;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.smtpreference.session.Delivery;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.DefaultStringRedisConnection;
import org.springframework.data.redis.connection.StringRedisConnection;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Keeps transcripts in Redis and tells watchers of new lines through a pub/sub channel
 * per session, so any replica can show any session. Writes go through one thread of their
 * own, in order, in pipelined batches; each session has a share of the queue and a byte
 * limit kept here, so a flooding client only truncates its own transcript, and opening
 * and closing are never dropped. Every key is written with its expiry; a session still
 * open is marked so for a short time that this replica keeps renewing, so the sessions of
 * a replica that dies end soon after it.
 */
final class RedisTranscriptStore implements TranscriptStore, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisTranscriptStore.class);

	private static final String PREFIX = "smtp-reference:sandbox:";

	private static final String FINISHED = PREFIX + "finished";

	/**
	 * Lines and messages queued for all sessions together: a safety net, as each
	 * session's byte limit already bounds what it can queue.
	 */
	static final int WRITE_QUEUE = 20_000;

	/** Lines and messages queued for one session, so no session takes the whole queue. */
	static final int SESSION_QUEUE = 500;

	/** Writes sent to Redis in one pipeline. */
	private static final int BATCH = 500;

	/** How long reads are refused after Redis failed one, without asking it. */
	static final Duration PAUSE = Duration.ofSeconds(5);

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private final long transcriptLimit;

	private final int sessionsKept;

	private final Duration keepFor;

	private final Duration openFor;

	private final Duration aliveFor;

	// Sessions this replica opened and has not closed: their open mark is renewed.
	private final Map<String, Session> live = new ConcurrentHashMap<>();

	private final BlockingQueue<Write> queue = new LinkedBlockingQueue<>();

	// Lines and messages in the queue; opening, closing and marks are not counted.
	private final AtomicInteger queuedData = new AtomicInteger();

	private final AtomicBoolean renewalQueued = new AtomicBoolean();

	private final Thread writer;

	private final ScheduledExecutorService renewer;

	private final RateLimitedWarning drops = new RateLimitedWarning(logger, "Sandbox transcript lines dropped");

	private final RateLimitedWarning failures = new RateLimitedWarning(logger, "Sandbox Redis store failed");

	private final AtomicLong dropped = new AtomicLong();

	// Until when (System.nanoTime) reads are refused after a failure.
	private volatile long pausedUntil = System.nanoTime();

	private volatile boolean stopping;

	RedisTranscriptStore(StringRedisTemplate redis, RedisMessageListenerContainer listeners, long transcriptLimit,
			int sessionsKept, Duration keepFor, Duration sessionTimeout, Duration aliveFor) {
		this.redis = redis;
		this.listeners = listeners;
		this.transcriptLimit = transcriptLimit;
		this.sessionsKept = sessionsKept;
		this.keepFor = keepFor;
		// The lines of an open session outlive its longest possible life; its open mark
		// only lives as long as this replica renews it.
		this.openFor = sessionTimeout.plus(keepFor);
		this.aliveFor = aliveFor;
		this.writer = new CustomizableThreadFactory("sandbox-redis-").newThread(this::writeAll);
		this.writer.setDaemon(true);
		this.writer.start();
		this.renewer = Executors
			.newSingleThreadScheduledExecutor(new CustomizableThreadFactory("sandbox-redis-renew-"));
		long every = Math.max(aliveFor.toMillis() / 3, 100);
		this.renewer.scheduleWithFixedDelay(this::queueRenewal, every, every, TimeUnit.MILLISECONDS);
	}

	private static String meta(String id) {
		return PREFIX + id + ":meta";
	}

	private static String lines(String id) {
		return PREFIX + id + ":lines";
	}

	private static String deliveries(String id) {
		return PREFIX + id + ":deliveries";
	}

	/**
	 * The sessions of one client address, by start time, for {@link #recent}.
	 */
	private static String client(InetAddress client) {
		return PREFIX + "client:" + MemoryTranscriptStore.clientKey(client).replace(" ", "");
	}

	/** Sessions listed per client address; older ones leave the list. */
	private static final int PER_CLIENT = 20;

	private static String channel(String id) {
		return PREFIX + id;
	}

	private static long seconds(Duration time) {
		return Math.max(1, time.toSeconds());
	}

	@Override
	public void open(String id, long started, InetAddress client) {
		Session session = new Session(id, started);
		this.live.put(id, session);
		queue(new Write(null, (redis) -> mark(redis, session, true)));
		if (client != null) {
			String key = client(client);
			queue(new Write(null, (redis) -> {
				redis.zAdd(key, started, id);
				redis.zRemRange(key, 0, -PER_CLIENT - 1);
				redis.expire(key, seconds(this.openFor));
			}));
		}
	}

	/**
	 * Writes a session's meta hash whole, with its expiry: the open mark lives only as
	 * long as this replica renews it.
	 */
	private void mark(StringRedisConnection redis, Session session, boolean open) {
		Map<String, String> fields = new HashMap<>();
		fields.put("started", String.valueOf(session.started));
		fields.put("open", open ? "1" : "0");
		if (session.truncated) {
			fields.put("truncated", "1");
		}
		redis.hMSet(meta(session.id), fields);
		redis.expire(meta(session.id), seconds(open ? this.aliveFor : this.keepFor));
	}

	@Override
	public void append(String id, TranscriptLine line) {
		Session session = this.live.get(id);
		if (session == null) {
			return;
		}
		synchronized (session) {
			if (!take(session, line.weight())) {
				return;
			}
			int index = session.lines++;
			String encoded = encode(line);
			queue(new Write(session, (redis) -> {
				redis.rPush(lines(id), encoded);
				redis.expire(lines(id), seconds(this.openFor));
				redis.publish(channel(id), "L" + index + "|" + encoded);
			}));
		}
	}

	@Override
	public void deliver(String id, Delivery delivery) {
		Session session = this.live.get(id);
		if (session == null) {
			return;
		}
		synchronized (session) {
			if (!take(session, 96 + 2 * delivery.head().length())) {
				return;
			}
			String encoded = encode(delivery);
			queue(new Write(session, (redis) -> {
				redis.rPush(deliveries(id), encoded);
				redis.expire(deliveries(id), seconds(this.openFor));
				redis.publish(channel(id), "D");
			}));
		}
	}

	/**
	 * Whether one more line or message of a session may be queued: within its byte limit,
	 * its share of the queue and the whole queue. Past any, the transcript is truncated
	 * and nothing more of it is queued. Called holding the session.
	 */
	private boolean take(Session session, int weight) {
		if (session.truncated) {
			return false;
		}
		boolean over = session.bytes + weight > this.transcriptLimit;
		if (!over && (session.queued.get() >= SESSION_QUEUE || this.queuedData.get() >= WRITE_QUEUE)) {
			over = true;
			this.dropped.incrementAndGet();
			this.drops.warn("the Redis write queue is full for session " + session.id + " (" + this.dropped.get()
					+ " sessions truncated so far)", null);
		}
		if (over) {
			session.truncated = true;
			queue(new Write(null, (redis) -> {
				redis.hSet(meta(session.id), "truncated", "1");
				redis.expire(meta(session.id), seconds(this.aliveFor));
			}));
			return false;
		}
		session.bytes += weight;
		return true;
	}

	@Override
	public void close(String id) {
		Session session = this.live.remove(id);
		if (session == null) {
			return;
		}
		queue(new Write(null, (redis) -> {
			long now = System.currentTimeMillis();
			mark(redis, session, false);
			redis.expire(lines(id), seconds(this.keepFor));
			redis.expire(deliveries(id), seconds(this.keepFor));
			redis.zAdd(FINISHED, now, id);
			redis.expire(FINISHED, seconds(this.keepFor));
			redis.publish(channel(id), "X");
		}, true, null));
	}

	/**
	 * Queues one renewal of the open marks of this replica's sessions, unless one is
	 * waiting already (as while Redis is away).
	 */
	private void queueRenewal() {
		if (this.renewalQueued.compareAndSet(false, true)) {
			queue(new Write(null, (redis) -> {
				this.renewalQueued.set(false);
				// Read when written, so a session closed meanwhile is not marked open
				// again.
				for (Session session : this.live.values()) {
					mark(redis, session, true);
				}
			}));
		}
	}

	private void queue(Write write) {
		if (write.session != null) {
			write.session.queued.incrementAndGet();
			this.queuedData.incrementAndGet();
		}
		this.queue.add(write);
	}

	/**
	 * The writer thread: takes what is queued, up to a batch, and sends it in one
	 * pipeline.
	 */
	private void writeAll() {
		List<Write> batch = new ArrayList<>();
		while (true) {
			try {
				Write first = this.queue.poll(100, TimeUnit.MILLISECONDS);
				if (first == null) {
					if (this.stopping) {
						return;
					}
					continue;
				}
				batch.add(first);
				this.queue.drainTo(batch, BATCH - 1);
				writeBatch(batch);
			}
			catch (InterruptedException ex) {
				return;
			}
			finally {
				for (Write write : batch) {
					if (write.session != null) {
						write.session.queued.decrementAndGet();
						this.queuedData.decrementAndGet();
					}
					if (write.done != null) {
						write.done.countDown();
					}
				}
				batch.clear();
			}
		}
	}

	private void writeBatch(List<Write> batch) {
		try {
			this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
				StringRedisConnection redis = (connection instanceof StringRedisConnection strings) ? strings
						: new DefaultStringRedisConnection(connection);
				for (Write write : batch) {
					write.commands.accept(redis);
				}
				return null;
			});
			if (batch.stream().anyMatch(Write::trim)) {
				trimFinished();
			}
		}
		catch (RuntimeException ex) {
			this.failures.warn(batch.size() + " writes lost", ex);
		}
	}

	/**
	 * Past the count kept, the oldest finished sessions go.
	 */
	private void trimFinished() {
		long now = System.currentTimeMillis();
		Long count = this.redis.opsForZSet().zCard(FINISHED);
		if (count != null && count > this.sessionsKept) {
			var oldest = this.redis.opsForZSet().range(FINISHED, 0, count - this.sessionsKept - 1);
			if (oldest != null && !oldest.isEmpty()) {
				List<String> keys = new ArrayList<>();
				for (String old : oldest) {
					keys.addAll(List.of(meta(old), lines(old), deliveries(old)));
				}
				this.redis.delete(keys);
				this.redis.opsForZSet().remove(FINISHED, oldest.toArray());
			}
		}
		this.redis.opsForZSet().removeRangeByScore(FINISHED, 0, now - this.keepFor.toMillis());
	}

	@Override
	public Optional<Transcript> find(String id) {
		// While Redis is away, readers are told at once instead of each waiting for the
		// timeout on a web server thread.
		if (System.nanoTime() - this.pausedUntil < 0) {
			throw new StoreUnavailableException("Redis failed a moment ago", null);
		}
		Map<Object, Object> meta;
		List<String> stored;
		List<String> messages;
		try {
			meta = this.redis.opsForHash().entries(meta(id));
			if (meta.isEmpty() || meta.get("started") == null) {
				return Optional.empty();
			}
			stored = this.redis.opsForList().range(lines(id), 0, -1);
			messages = this.redis.opsForList().range(deliveries(id), 0, -1);
		}
		catch (DataAccessException ex) {
			this.pausedUntil = System.nanoTime() + PAUSE.toNanos();
			this.failures.warn("cannot read transcripts, refusing reads for " + PAUSE.toSeconds() + " s", ex);
			throw new StoreUnavailableException("Cannot read sandbox transcript", ex);
		}
		try {
			List<TranscriptLine> shown = new ArrayList<>();
			for (String line : (stored != null) ? stored : List.<String>of()) {
				shown.add(decodeLine(line));
			}
			List<Delivery> accepted = new ArrayList<>();
			for (String message : (messages != null) ? messages : List.<String>of()) {
				accepted.add(decodeDelivery(message));
			}
			return Optional.of(new Transcript(id, Long.parseLong((String) meta.get("started")),
					"1".equals(meta.get("open")), "1".equals(meta.get("truncated")), shown, accepted));
		}
		catch (RuntimeException ex) {
			// A damaged entry: the reader gets "not found", never a 500.
			logger.debug("Cannot read sandbox transcript " + id, ex);
			return Optional.empty();
		}
	}

	@Override
	public List<RecentSession> recent(InetAddress client, int max) {
		if (System.nanoTime() - this.pausedUntil < 0) {
			throw new StoreUnavailableException("Redis failed a moment ago", null);
		}
		List<RecentSession> found = new ArrayList<>();
		try {
			var ids = this.redis.opsForZSet().reverseRange(client(client), 0, PER_CLIENT - 1);
			for (String id : (ids != null) ? ids : java.util.Set.<String>of()) {
				if (found.size() >= max) {
					break;
				}
				List<Object> meta = this.redis.opsForHash().multiGet(meta(id), List.of("started", "open"));
				if (meta.get(0) instanceof String started) {
					found.add(new RecentSession(id, Long.parseLong(started), "1".equals(meta.get(1))));
				}
			}
		}
		catch (DataAccessException ex) {
			this.pausedUntil = System.nanoTime() + PAUSE.toNanos();
			this.failures.warn("cannot read transcripts, refusing reads for " + PAUSE.toSeconds() + " s", ex);
			throw new StoreUnavailableException("Cannot read sandbox sessions", ex);
		}
		catch (NumberFormatException ex) {
			logger.debug("Damaged sandbox session list", ex);
		}
		return List.copyOf(found);
	}

	@Override
	public AutoCloseable subscribe(String id, Consumer<TranscriptEvent> watcher) {
		ChannelTopic topic = new ChannelTopic(channel(id));
		MessageListener listener = (message, pattern) -> {
			String text = new String(message.getBody(), StandardCharsets.UTF_8);
			try {
				watcher.accept(decodeEvent(text));
			}
			catch (RuntimeException ex) {
				logger.debug("Bad sandbox event on " + topic.getTopic(), ex);
			}
		};
		this.listeners.addMessageListener(listener, topic);
		return () -> this.listeners.removeMessageListener(listener, topic);
	}

	/**
	 * Stops renewing open marks and writes what is queued; sessions still open are not
	 * closed here (the listener closes them first), so a replica stopped without closing
	 * them looks like one that died.
	 */
	@Override
	public void destroy() throws InterruptedException {
		this.renewer.shutdownNow();
		this.stopping = true;
		this.writer.join(5000);
	}

	/**
	 * Waits until the writes queued so far are done, for tests.
	 */
	void awaitWrites() throws InterruptedException {
		CountDownLatch done = new CountDownLatch(1);
		this.queue.add(new Write(null, (redis) -> {
		}, false, done));
		done.await(30, TimeUnit.SECONDS);
	}

	/**
	 * What this replica knows of a session it opened.
	 */
	private static final class Session {

		private final String id;

		private final long started;

		private final AtomicInteger queued = new AtomicInteger();

		// The rest is guarded by the session.
		private long bytes;

		private int lines;

		private volatile boolean truncated;

		Session(String id, long started) {
			this.id = id;
			this.started = started;
		}

	}

	/**
	 * Commands for the writer: with a session when they carry its lines or messages
	 * (counted in its share); {@code trim} when a session closed, {@code done} for who
	 * waits for it.
	 */
	private record Write(Session session, Consumer<StringRedisConnection> commands, boolean trim, CountDownLatch done) {

		Write(Session session, Consumer<StringRedisConnection> commands) {
			this(session, commands, false, null);
		}

	}

	/**
	 * A WARN at most once a minute for one kind of failure, with how many were not
	 * logged.
	 */
	static final class RateLimitedWarning {

		private static final long EVERY = TimeUnit.MINUTES.toNanos(1);

		private final Log log;

		private final String what;

		private final AtomicLong next = new AtomicLong(System.nanoTime());

		private final AtomicLong quiet = new AtomicLong();

		RateLimitedWarning(Log log, String what) {
			this.log = log;
			this.what = what;
		}

		void warn(String detail, Throwable ex) {
			long now = System.nanoTime();
			long due = this.next.get();
			if (now - due >= 0 && this.next.compareAndSet(due, now + EVERY)) {
				long skipped = this.quiet.getAndSet(0);
				this.log.warn(this.what + ": " + detail
						+ ((skipped > 0) ? " (and " + skipped + " more in the last minute)" : "")
						+ ((ex != null) ? ": " + ex : ""));
			}
			else {
				this.quiet.incrementAndGet();
			}
		}

	}

	static String encode(TranscriptLine line) {
		return line.direction().letter() + "|" + line.at() + "|" + line.text();
	}

	static TranscriptLine decodeLine(String text) {
		String[] parts = text.split("\\|", 3);
		return new TranscriptLine(TranscriptLine.Direction.of(parts[0].charAt(0)), Long.parseLong(parts[1]), parts[2]);
	}

	static TranscriptEvent decodeEvent(String text) {
		return switch (text.charAt(0)) {
			case 'L' -> {
				int bar = text.indexOf('|');
				yield TranscriptEvent.line(Integer.parseInt(text.substring(1, bar)),
						decodeLine(text.substring(bar + 1)));
			}
			case 'D' -> TranscriptEvent.DELIVERY;
			case 'X' -> TranscriptEvent.CLOSED;
			default -> throw new IllegalArgumentException("Unknown sandbox event " + text.charAt(0));
		};
	}

	static String encode(Delivery delivery) {
		// Addresses never hold a line feed or U+0001 (the engine refuses control
		// characters), so they separate the fields; the content comes last, whole.
		return delivery.queueId() + "\n" + delivery.reversePath() + "\n" + delivery.octets() + "\n"
				+ String.join("\u0001", delivery.recipients()) + "\n" + delivery.head();
	}

	static Delivery decodeDelivery(String text) {
		String[] parts = text.split("\n", 5);
		List<String> recipients = parts[3].isEmpty() ? List.of() : Arrays.asList(parts[3].split("\u0001"));
		return new Delivery(parts[0], parts[1], recipients, Long.parseLong(parts[2]), parts[4]);
	}

}
