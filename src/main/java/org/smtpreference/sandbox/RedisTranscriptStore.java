package org.smtpreference.sandbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.smtpreference.session.Delivery;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Keeps transcripts in Redis and tells watchers of new lines through a pub/sub channel
 * per session, so any replica can show any session; writes go through one thread of their
 * own, in order, and are dropped rather than queued without bound.
 */
final class RedisTranscriptStore implements TranscriptStore, DisposableBean {

	private static final Log logger = LogFactory.getLog(RedisTranscriptStore.class);

	private static final String PREFIX = "smtp-reference:sandbox:";

	private static final String FINISHED = PREFIX + "finished";

	private static final int WRITE_QUEUE = 10_000;

	private final StringRedisTemplate redis;

	private final RedisMessageListenerContainer listeners;

	private final long transcriptLimit;

	private final int sessionsKept;

	private final Duration keepFor;

	private final Duration openFor;

	private final ThreadPoolExecutor writer;

	RedisTranscriptStore(StringRedisTemplate redis, RedisMessageListenerContainer listeners, long transcriptLimit,
			int sessionsKept, Duration keepFor, Duration sessionTimeout) {
		this.redis = redis;
		this.listeners = listeners;
		this.transcriptLimit = transcriptLimit;
		this.sessionsKept = sessionsKept;
		this.keepFor = keepFor;
		// An open session's keys outlive its longest possible life, even if this replica
		// dies before closing it.
		this.openFor = sessionTimeout.plus(keepFor);
		this.writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(WRITE_QUEUE),
				new CustomizableThreadFactory("sandbox-redis-"),
				(task, pool) -> logger.debug("Sandbox transcript write dropped: the Redis queue is full"));
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

	private static String channel(String id) {
		return PREFIX + id;
	}

	private void write(String what, Runnable task) {
		this.writer.execute(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.debug("Sandbox transcript write failed: " + what, ex);
			}
		});
	}

	@Override
	public void open(String id, long started, java.net.InetAddress client) {
		write("open", () -> {
			this.redis.opsForHash()
				.putAll(meta(id), Map.of("started", String.valueOf(started), "open", "1", "bytes", "0"));
			expire(id, this.openFor);
		});
	}

	@Override
	public void append(String id, TranscriptLine line) {
		write("line", () -> {
			if (!take(id, line.weight())) {
				return;
			}
			Long size = this.redis.opsForList().rightPush(lines(id), encode(line));
			if (size != null) {
				this.redis.convertAndSend(channel(id), "L" + (size - 1) + "|" + encode(line));
			}
		});
	}

	@Override
	public void deliver(String id, Delivery delivery) {
		write("delivery", () -> {
			if (!take(id, 96 + 2 * delivery.head().length())) {
				return;
			}
			this.redis.opsForList().rightPush(deliveries(id), encode(delivery));
			this.redis.convertAndSend(channel(id), "D");
		});
	}

	private boolean take(String id, int weight) {
		if ("1".equals(this.redis.opsForHash().get(meta(id), "truncated"))) {
			return false;
		}
		Long bytes = this.redis.opsForHash().increment(meta(id), "bytes", weight);
		if (bytes == null || bytes > this.transcriptLimit) {
			this.redis.opsForHash().put(meta(id), "truncated", "1");
			return false;
		}
		return true;
	}

	@Override
	public void close(String id) {
		write("close", () -> {
			long now = System.currentTimeMillis();
			this.redis.opsForHash().put(meta(id), "open", "0");
			expire(id, this.keepFor);
			this.redis.opsForZSet().add(FINISHED, id, now);
			this.redis.convertAndSend(channel(id), "X");
			// Past the count kept, the oldest finished sessions go.
			Long count = this.redis.opsForZSet().zCard(FINISHED);
			if (count != null && count > this.sessionsKept) {
				var oldest = this.redis.opsForZSet().range(FINISHED, 0, count - this.sessionsKept - 1);
				if (oldest != null && !oldest.isEmpty()) {
					for (String old : oldest) {
						this.redis.delete(List.of(meta(old), lines(old), deliveries(old)));
					}
					this.redis.opsForZSet().remove(FINISHED, oldest.toArray());
				}
			}
			this.redis.opsForZSet().removeRangeByScore(FINISHED, 0, now - this.keepFor.toMillis());
		});
	}

	private void expire(String id, Duration time) {
		for (String key : List.of(meta(id), lines(id), deliveries(id))) {
			this.redis.expire(key, time);
		}
	}

	@Override
	public Optional<Transcript> find(String id) {
		try {
			Map<Object, Object> meta = this.redis.opsForHash().entries(meta(id));
			if (meta.isEmpty() || meta.get("started") == null) {
				return Optional.empty();
			}
			List<String> stored = this.redis.opsForList().range(lines(id), 0, -1);
			List<String> messages = this.redis.opsForList().range(deliveries(id), 0, -1);
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
			// Redis away or a damaged entry: the reader gets "not found", never a 500.
			logger.debug("Cannot read sandbox transcript " + id, ex);
			return Optional.empty();
		}
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

	@Override
	public void destroy() {
		this.writer.shutdown();
		try {
			this.writer.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Waits until the writes queued so far are done, for tests.
	 */
	void awaitWrites() throws InterruptedException {
		java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
		this.writer.execute(done::countDown);
		done.await(30, TimeUnit.SECONDS);
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
