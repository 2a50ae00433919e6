package org.smtpreference.probe;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe's limits, counted with a clock the test moves: one running probe per client,
 * a number per client and over all clients within the window, a cap on probes at once.
 */
class ProbeLimitsTests {

	private final MovingClock clock = new MovingClock();

	@Test
	void oneClientRunsOneProbeAtATime() {
		ProbeLimits limits = new ProbeLimits(10, 100, 60_000, 4, this.clock);
		assertThat(limits.tryStart("192.0.2.1")).isNull();
		assertThat(limits.tryStart("192.0.2.1")).isEqualTo("running");
		assertThat(limits.tryStart("192.0.2.2")).isNull();
		limits.finished("192.0.2.1");
		assertThat(limits.tryStart("192.0.2.1")).isNull();
	}

	@Test
	void aClientGetsItsNumberPerWindowThenWaitsForTheWindowToMove() {
		ProbeLimits limits = new ProbeLimits(2, 100, 60_000, 4, this.clock);
		for (int i = 0; i < 2; i++) {
			assertThat(limits.tryStart("192.0.2.1")).isNull();
			limits.finished("192.0.2.1");
		}
		assertThat(limits.tryStart("192.0.2.1")).isEqualTo("client");
		assertThat(limits.tryStart("192.0.2.9")).as("another client").isNull();
		this.clock.now += 60_000;
		assertThat(limits.tryStart("192.0.2.1")).isNull();
	}

	@Test
	void allClientsTogetherShareTheGlobalNumberAndTheRunningCap() {
		ProbeLimits limits = new ProbeLimits(10, 3, 60_000, 2, this.clock);
		assertThat(limits.tryStart("a")).isNull();
		assertThat(limits.tryStart("b")).isNull();
		assertThat(limits.tryStart("c")).as("two running").isEqualTo("global");
		limits.finished("a");
		assertThat(limits.tryStart("c")).isNull();
		limits.finished("b");
		limits.finished("c");
		assertThat(limits.tryStart("d")).as("three started in the window").isEqualTo("global");
	}

	/**
	 * A clock that moves only when the test moves it.
	 */
	static final class MovingClock extends Clock {

		long now = 1_000_000;

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
			return Instant.ofEpochMilli(this.now);
		}

	}

}
