package org.smtpreference.sandbox;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smtpreference.session.Delivery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory transcript store's limits: bytes per transcript, bytes in all, finished
 * sessions kept and for how long; and its events.
 */
class SandboxTranscriptStoreTests {

	private final MutableClock clock = new MutableClock();

	private static TranscriptLine line(String text) {
		return new TranscriptLine(TranscriptLine.Direction.CLIENT, 0, text);
	}

	@Test
	void aTranscriptStopsAtItsSize() {
		MemoryTranscriptStore store = new MemoryTranscriptStore(1000, 100_000, 10, Duration.ofHours(1), this.clock);
		store.open("a", 0);
		for (int i = 0; i < 100; i++) {
			store.append("a", line("NOOP " + i));
		}
		Transcript transcript = store.find("a").orElseThrow();
		assertThat(transcript.truncated()).isTrue();
		assertThat(transcript.lines()).hasSizeLessThan(100).isNotEmpty();
		assertThat(store.memory()).isLessThanOrEqualTo(1000);
	}

	@Test
	void allTranscriptsStayWithinTheMemoryLimitOldestFinishedFirst() {
		MemoryTranscriptStore store = new MemoryTranscriptStore(1000, 3000, 100, Duration.ofHours(1), this.clock);
		for (int s = 0; s < 10; s++) {
			String id = "s" + s;
			store.open(id, 0);
			for (int i = 0; i < 20; i++) {
				store.append(id, line("NOOP " + i));
			}
			store.close(id);
			assertThat(store.memory()).isLessThanOrEqualTo(3000);
		}
		assertThat(store.find("s0")).isEmpty();
		assertThat(store.find("s9")).isPresent();
	}

	@Test
	void onlySoManyFinishedSessionsAreKept() {
		MemoryTranscriptStore store = new MemoryTranscriptStore(10_000, 1_000_000, 2, Duration.ofHours(1), this.clock);
		for (String id : List.of("a", "b", "c")) {
			store.open(id, 0);
			store.close(id);
		}
		store.open("open", 0);
		assertThat(store.find("a")).isEmpty();
		assertThat(store.find("b")).isPresent();
		assertThat(store.find("c")).isPresent();
		assertThat(store.find("open")).isPresent();
	}

	@Test
	void oneAddressChurningDoesNotPurgeAnotherAddresssFinishedSession() throws Exception {
		MemoryTranscriptStore store = new MemoryTranscriptStore(64 * 1024, 32 * 1024 * 1024, 500, Duration.ofHours(1),
				this.clock);
		InetAddress victim = InetAddress.getByName("127.0.0.2");
		InetAddress churner = InetAddress.getByName("127.0.0.3");
		store.open("victim", 0, victim);
		store.append("victim", line("EHLO victim.example"));
		store.close("victim");
		// 600 sessions that say something and 600 that say nothing, from one address.
		for (int i = 0; i < 1200; i++) {
			String id = "churn" + i;
			store.open(id, 0, churner);
			if (i % 2 == 0) {
				store.append(id, line("EHLO churn.example"));
			}
			store.close(id);
		}
		assertThat(store.find("victim")).isPresent();
		// The churner's own latest sessions are kept within the count; its silent ones
		// went first.
		assertThat(store.find("churn1198")).isPresent();
		assertThat(store.find("churn1199")).isEmpty();
		assertThat(store.size()).isEqualTo(500);
	}

	@Test
	void finishedSessionsExpire() {
		MemoryTranscriptStore store = new MemoryTranscriptStore(10_000, 1_000_000, 10, Duration.ofMinutes(10),
				this.clock);
		store.open("a", 0);
		store.open("b", 0);
		store.close("a");
		this.clock.advance(Duration.ofMinutes(9));
		assertThat(store.find("a")).isPresent();
		this.clock.advance(Duration.ofMinutes(2));
		assertThat(store.find("a")).isEmpty();
		// An open session never expires: it ends by the session timeout.
		assertThat(store.find("b")).isPresent();
	}

	@Test
	void watchersHearLinesDeliveriesAndTheEnd() throws Exception {
		MemoryTranscriptStore store = new MemoryTranscriptStore(10_000, 1_000_000, 10, Duration.ofHours(1), this.clock);
		store.open("a", 0);
		store.append("a", line("EHLO x"));
		List<TranscriptEvent> events = new ArrayList<>();
		AutoCloseable subscription = store.subscribe("a", events::add);
		store.append("a", line("NOOP"));
		store.deliver("a", new Delivery("ID", "a@example.com", List.of("b@example.org"), 10, "Subject: x\r\n"));
		store.close("a");
		subscription.close();
		store.append("a", line("after"));
		assertThat(events).extracting(TranscriptEvent::kind)
			.containsExactly(TranscriptEvent.Kind.LINE, TranscriptEvent.Kind.DELIVERY, TranscriptEvent.Kind.CLOSED);
		assertThat(events.get(0).index()).isEqualTo(1);
		assertThat(store.find("a").orElseThrow().deliveries()).hasSize(1);
	}

	@Test
	void controlCharactersAreMadeVisible() {
		assertThat(line("NO\0OP\r\u001b").text()).isEqualTo("NO\u2400OP\u240d\u241b");
		assertThat(line("x".repeat(5000)).text()).hasSize(TranscriptLine.TEXT_LIMIT + 1).endsWith("…");
	}

	@Test
	void sessionIdsCarry128RandomBits() {
		Set<String> ids = new java.util.HashSet<>();
		for (int i = 0; i < 1000; i++) {
			String id = SessionIds.next();
			assertThat(SessionIds.isWellFormed(id)).isTrue();
			ids.add(id);
		}
		assertThat(ids).hasSize(1000);
		assertThat(ids.iterator().next()).hasSize(32);
		assertThat(SessionIds.isWellFormed("../etc/passwd")).isFalse();
	}

	/**
	 * A clock the test moves.
	 */
	static final class MutableClock extends Clock {

		private Instant now = Instant.parse("2026-01-01T00:00:00Z");

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
