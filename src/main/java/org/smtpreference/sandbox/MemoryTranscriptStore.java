package org.smtpreference.sandbox;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.smtpreference.session.Delivery;

/**
 * Keeps transcripts in this process, within a byte limit per transcript and for all of
 * them, a count of finished sessions and a time to keep each; past the count or the
 * memory, sessions that sent nothing go first, then the oldest of the client address that
 * has the most kept, so one client's churn never purges another's transcripts.
 */
final class MemoryTranscriptStore implements TranscriptStore {

	private static final Log logger = LogFactory.getLog(MemoryTranscriptStore.class);

	private final Map<String, Entry> entries = new ConcurrentHashMap<>();

	// Finished sessions by id, oldest first; guarded by itself, as is byClient.
	private final LinkedHashMap<String, Entry> finished = new LinkedHashMap<>();

	// Finished sessions by client address (QUIET for those that sent nothing), oldest
	// first.
	private final Map<String, ArrayDeque<Entry>> byClient = new HashMap<>();

	private static final String QUIET = "quiet";

	private final long transcriptLimit;

	private final long memoryLimit;

	private final int sessionsKept;

	private final Duration keepFor;

	private final Clock clock;

	private final AtomicLong total = new AtomicLong();

	MemoryTranscriptStore(long transcriptLimit, long memoryLimit, int sessionsKept, Duration keepFor, Clock clock) {
		this.transcriptLimit = transcriptLimit;
		this.memoryLimit = memoryLimit;
		this.sessionsKept = sessionsKept;
		this.keepFor = keepFor;
		this.clock = clock;
	}

	@Override
	public void open(String id, long started, InetAddress client) {
		this.entries.put(id, new Entry(id, started, clientKey(client)));
		evict();
	}

	/**
	 * The address a share is counted for: an IPv6 client gets a whole /64, as anyone
	 * holding one has all its addresses.
	 */
	static String clientKey(InetAddress client) {
		if (client == null) {
			return "unknown";
		}
		byte[] bytes = client.getAddress();
		if (client instanceof Inet6Address) {
			bytes = Arrays.copyOf(bytes, 8);
		}
		return Arrays.toString(bytes);
	}

	@Override
	public void append(String id, TranscriptLine line) {
		Entry entry = this.entries.get(id);
		if (entry == null) {
			return;
		}
		if (this.total.get() + line.weight() > this.memoryLimit) {
			evict();
		}
		int index = entry.add(line);
		if (index >= 0) {
			entry.notify(TranscriptEvent.line(index, line));
		}
	}

	@Override
	public void deliver(String id, Delivery delivery) {
		Entry entry = this.entries.get(id);
		if (entry == null) {
			return;
		}
		if (this.total.get() + delivery.head().length() * 2L > this.memoryLimit) {
			evict();
		}
		if (entry.add(delivery)) {
			entry.notify(TranscriptEvent.DELIVERY);
		}
	}

	@Override
	public void close(String id) {
		Entry entry = this.entries.get(id);
		if (entry == null) {
			return;
		}
		synchronized (entry) {
			if (!entry.open) {
				return;
			}
			entry.open = false;
			entry.closedAt = this.clock.millis();
		}
		synchronized (this.finished) {
			this.finished.put(id, entry);
			this.byClient.computeIfAbsent(entry.share(), (key) -> new ArrayDeque<>()).addLast(entry);
		}
		entry.notify(TranscriptEvent.CLOSED);
		evict();
	}

	@Override
	public Optional<Transcript> find(String id) {
		evict();
		Entry entry = this.entries.get(id);
		return (entry != null) ? Optional.of(entry.snapshot()) : Optional.empty();
	}

	@Override
	public List<RecentSession> recent(InetAddress client, int max) {
		evict();
		String key = clientKey(client);
		List<RecentSession> found = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			if (entry.client.equals(key)) {
				synchronized (entry) {
					found.add(new RecentSession(entry.id, entry.started, entry.open));
				}
			}
		}
		found.sort(Comparator.comparingLong(RecentSession::started).reversed());
		return List.copyOf(found.subList(0, Math.min(max, found.size())));
	}

	@Override
	public AutoCloseable subscribe(String id, Consumer<TranscriptEvent> watcher) {
		Entry entry = this.entries.get(id);
		if (entry == null) {
			return () -> {
			};
		}
		entry.watchers.add(watcher);
		return () -> entry.watchers.remove(watcher);
	}

	/**
	 * Bytes all transcripts take, as this store counts them.
	 */
	long memory() {
		return this.total.get();
	}

	/**
	 * Transcripts held, open or finished.
	 */
	int size() {
		return this.entries.size();
	}

	/**
	 * Drops finished transcripts that expired, and while there are more than the count
	 * kept or all together take more than the memory limit, the next one of
	 * {@link #victim()}.
	 */
	private void evict() {
		long now = this.clock.millis();
		List<Entry> dropped = new ArrayList<>();
		synchronized (this.finished) {
			while (!this.finished.isEmpty()) {
				Entry oldest = this.finished.values().iterator().next();
				if (now - oldest.closedAt >= this.keepFor.toMillis()) {
					forget(oldest, dropped);
					continue;
				}
				// Keep a margin below the limit so one eviction makes room for a while.
				boolean full = this.total.get() > this.memoryLimit - this.transcriptLimit;
				if (this.finished.size() <= this.sessionsKept && !full) {
					break;
				}
				forget(victim(), dropped);
			}
		}
		for (Entry entry : dropped) {
			this.entries.remove(entry.id);
			this.total.addAndGet(-entry.bytes);
			entry.watchers.clear();
		}
		if (!dropped.isEmpty() && logger.isDebugEnabled()) {
			logger.debug("Dropped " + dropped.size() + " finished sandbox transcripts");
		}
	}

	/**
	 * The finished session to drop for room: one that sent nothing if any, else the
	 * oldest of the client with the most sessions kept. Called holding {@code finished}.
	 */
	private Entry victim() {
		ArrayDeque<Entry> quiet = this.byClient.get(QUIET);
		if (quiet != null && !quiet.isEmpty()) {
			return quiet.peekFirst();
		}
		ArrayDeque<Entry> most = null;
		for (ArrayDeque<Entry> sessions : this.byClient.values()) {
			if (most == null || sessions.size() > most.size()) {
				most = sessions;
			}
		}
		return most.peekFirst();
	}

	private void forget(Entry entry, List<Entry> dropped) {
		this.finished.remove(entry.id);
		ArrayDeque<Entry> sessions = this.byClient.get(entry.share());
		// Both orders are by closing time, so the entry is almost always the first.
		if (sessions.peekFirst() == entry) {
			sessions.pollFirst();
		}
		else {
			sessions.remove(entry);
		}
		if (sessions.isEmpty()) {
			this.byClient.remove(entry.share());
		}
		dropped.add(entry);
	}

	/**
	 * One transcript and its watchers.
	 */
	private final class Entry {

		private final String id;

		private final long started;

		private final String client;

		// Whether the client sent a line: sessions that sent nothing are dropped first.
		private volatile boolean spoke;

		private final List<TranscriptLine> lines = new ArrayList<>();

		private final List<Delivery> deliveries = new ArrayList<>();

		private final List<Consumer<TranscriptEvent>> watchers = new CopyOnWriteArrayList<>();

		private long bytes;

		private boolean open = true;

		private boolean truncated;

		private long closedAt;

		Entry(String id, long started, String client) {
			this.id = id;
			this.started = started;
			this.client = client;
		}

		String share() {
			return this.spoke ? this.client : QUIET;
		}

		synchronized int add(TranscriptLine line) {
			if (line.direction() == TranscriptLine.Direction.CLIENT && this.open) {
				this.spoke = true;
			}
			if (!take(line.weight())) {
				return -1;
			}
			this.lines.add(line);
			return this.lines.size() - 1;
		}

		synchronized boolean add(Delivery delivery) {
			int weight = 96 + 2 * delivery.head().length()
					+ delivery.recipients().stream().mapToInt((recipient) -> 40 + 2 * recipient.length()).sum();
			return take(weight) && this.deliveries.add(delivery);
		}

		private boolean take(int weight) {
			// Open sessions are never evicted: past either limit their later lines are
			// dropped, so memory stays bounded whatever the clients send.
			if (this.truncated || this.bytes + weight > MemoryTranscriptStore.this.transcriptLimit
					|| MemoryTranscriptStore.this.total.get() + weight > MemoryTranscriptStore.this.memoryLimit) {
				this.truncated = true;
				return false;
			}
			this.bytes += weight;
			MemoryTranscriptStore.this.total.addAndGet(weight);
			return true;
		}

		synchronized Transcript snapshot() {
			return new Transcript(this.id, this.started, this.open, this.truncated, this.lines, this.deliveries);
		}

		void notify(TranscriptEvent event) {
			for (Consumer<TranscriptEvent> watcher : this.watchers) {
				try {
					watcher.accept(event);
				}
				catch (RuntimeException ex) {
					logger.debug("A sandbox watcher failed", ex);
				}
			}
		}

	}

}
