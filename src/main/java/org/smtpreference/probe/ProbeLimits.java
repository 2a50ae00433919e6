package org.smtpreference.probe;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * How many probes may start: per client and over all clients within a window, one running
 * probe per client, and a cap on probes running at once.
 */
class ProbeLimits {

	private final int perClient;

	private final int global;

	private final long windowMillis;

	private final int maxRunning;

	private final Clock clock;

	private final Map<String, Deque<Long>> starts = new HashMap<>();

	private final Deque<Long> allStarts = new ArrayDeque<>();

	private final Set<String> running = new HashSet<>();

	ProbeLimits(int perClient, int global, long windowMillis, int maxRunning, Clock clock) {
		this.perClient = perClient;
		this.global = global;
		this.windowMillis = windowMillis;
		this.maxRunning = maxRunning;
		this.clock = clock;
	}

	/**
	 * Takes a start for the client, or says which limit stops it.
	 * @param client the client's address
	 * @return {@code null} when the probe may start (then {@link #finished} must follow),
	 * else a key under {@code probe.limited.}
	 */
	synchronized String tryStart(String client) {
		long now = this.clock.millis();
		prune(this.allStarts, now);
		if (this.starts.size() > 2 * this.global) {
			// Clients seen in earlier windows: their counts are over.
			this.starts.values().forEach((times) -> prune(times, now));
			this.starts.values().removeIf(Deque::isEmpty);
		}
		Deque<Long> mine = this.starts.computeIfAbsent(client, (key) -> new ArrayDeque<>());
		prune(mine, now);
		if (this.running.contains(client)) {
			return "running";
		}
		if (mine.size() >= this.perClient) {
			return "client";
		}
		if (this.allStarts.size() >= this.global || this.running.size() >= this.maxRunning) {
			return "global";
		}
		mine.addLast(now);
		this.allStarts.addLast(now);
		this.running.add(client);
		return null;
	}

	synchronized void finished(String client) {
		this.running.remove(client);
		Deque<Long> mine = this.starts.get(client);
		if (mine != null) {
			prune(mine, this.clock.millis());
			if (mine.isEmpty()) {
				this.starts.remove(client);
			}
		}
	}

	private void prune(Deque<Long> times, long now) {
		while (!times.isEmpty() && times.peekFirst() <= now - this.windowMillis) {
			times.pollFirst();
		}
	}

}
