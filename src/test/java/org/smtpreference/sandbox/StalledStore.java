package org.smtpreference.sandbox;

import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.smtpreference.session.Delivery;

/**
 * A transcript store whose reads wait until released (at most 30 s), as Redis does when
 * it hangs; it counts the reads it was asked for and keeps nothing.
 *
 * @param release opened by the test to let the waiting reads go
 * @param asked how many reads were asked for
 */
public record StalledStore(CountDownLatch release, AtomicInteger asked) implements TranscriptStore {

	public StalledStore() {
		this(new CountDownLatch(1), new AtomicInteger());
	}

	@Override
	public void open(String id, long started, InetAddress client) {
	}

	@Override
	public void append(String id, TranscriptLine line) {
	}

	@Override
	public void deliver(String id, Delivery delivery) {
	}

	@Override
	public void close(String id) {
	}

	@Override
	public Optional<Transcript> find(String id) {
		this.asked.incrementAndGet();
		try {
			this.release.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Optional.empty();
	}

	@Override
	public java.util.List<RecentSession> recent(InetAddress client, int max) {
		find("");
		return java.util.List.of();
	}

	@Override
	public AutoCloseable subscribe(String id, Consumer<TranscriptEvent> watcher) {
		return () -> {
		};
	}

}
