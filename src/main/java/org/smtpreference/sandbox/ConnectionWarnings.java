package org.smtpreference.sandbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Counts the sandbox connections ended by the listener or by failures, and logs them at
 * WARN at most once a minute per kind, with how many were not logged in between: an
 * operator sees an attack or an outage without one line per connection.
 */
final class ConnectionWarnings {

	private static final Log logger = LogFactory.getLog(SandboxListener.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	/**
	 * Why a connection was ended.
	 */
	enum Kind {

		/** It had more replies and commands waiting than one connection may buffer. */
		BUFFERED_TOO_MUCH("closed for buffering too much (a client that does not read its replies)"),

		/** A reset or another I/O error (TLS garbage is left at debug level). */
		FAILED("ended by a reset or an I/O error"),

		/** The idle timeout or the session time limit. */
		TIMED_OUT("closed for a timeout");

		private final String text;

		Kind(String text) {
			this.text = text;
		}

	}

	private final Map<Kind, Counter> counters = new EnumMap<>(Kind.class);

	ConnectionWarnings() {
		for (Kind kind : Kind.values()) {
			this.counters.put(kind, new Counter());
		}
	}

	/**
	 * Counts one connection and logs it unless one of its kind was logged less than a
	 * minute ago.
	 */
	void record(Kind kind, String detail) {
		Counter counter = this.counters.get(kind);
		counter.total.incrementAndGet();
		long now = System.nanoTime();
		long next = counter.nextWarning.get();
		if (now - next >= 0 && counter.nextWarning.compareAndSet(next, now + INTERVAL_NANOS)) {
			long suppressed = counter.suppressed.getAndSet(0);
			logger.warn("Sandbox connection " + kind.text + ": " + detail
					+ ((suppressed > 0) ? " (and " + suppressed + " more since the last such warning)" : "")
					+ "; at most one such warning a minute");
		}
		else {
			counter.suppressed.incrementAndGet();
		}
	}

	/**
	 * How many connections of a kind were counted since the listener was made.
	 */
	long count(Kind kind) {
		return this.counters.get(kind).total.get();
	}

	private static final class Counter {

		private final AtomicLong total = new AtomicLong();

		private final AtomicLong suppressed = new AtomicLong();

		// Allows the first warning at once.
		private final AtomicLong nextWarning = new AtomicLong(System.nanoTime() - INTERVAL_NANOS);

	}

}
