package org.smtpreference.sandbox;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.session.Delivery;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Redis transcript store against a real {@code redis-server}: a flood of lines from
 * some sessions never costs another session its opening, lines or end; every key it
 * writes expires; and the sessions of a replica that stops without closing them stop
 * showing as open once their short open mark runs out.
 */
class RedisTranscriptStoreTests {

	private static RedisServerProcess redis;

	private static LettuceConnectionFactory connections;

	private static StringRedisTemplate template;

	@BeforeAll
	static void startRedis() throws Exception {
		redis = RedisServerProcess.start();
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(5)).build());
		connections.afterPropertiesSet();
		connections.start();
		template = new StringRedisTemplate(connections);
	}

	@AfterAll
	static void stopRedis() throws InterruptedException {
		if (connections != null) {
			connections.destroy();
		}
		RedisServerProcess.stop(redis);
	}

	private static RedisTranscriptStore store(Duration aliveFor) {
		return new RedisTranscriptStore(template, new RedisMessageListenerContainer(), 64 * 1024, 500,
				Duration.ofHours(1), Duration.ofMinutes(10), aliveFor);
	}

	private static TranscriptLine line(String text) {
		return new TranscriptLine(TranscriptLine.Direction.CLIENT, 0, text);
	}

	@Test
	void aFloodOfLinesNeverCostsAnotherSessionItsOpeningLinesOrEnd() throws Exception {
		RedisTranscriptStore store = store(Duration.ofMinutes(1));
		try {
			int flooders = 6;
			CountDownLatch flooding = new CountDownLatch(flooders);
			List<Thread> threads = new ArrayList<>();
			for (int f = 0; f < flooders; f++) {
				String id = "flood" + f + "-" + System.nanoTime();
				Thread thread = new Thread(() -> {
					store.open(id, 0);
					for (int i = 0; i < 30_000; i++) {
						store.append(id, line("NOOP " + i));
						if (i == 100) {
							flooding.countDown();
						}
					}
					store.close(id);
				});
				thread.start();
				threads.add(thread);
			}
			assertThat(flooding.await(30, TimeUnit.SECONDS)).isTrue();
			String victim = "victim-" + System.nanoTime();
			store.open(victim, 1);
			for (int i = 0; i < 5; i++) {
				store.append(victim, line("victim line " + i));
			}
			store.close(victim);
			for (Thread thread : threads) {
				thread.join(60_000);
			}
			store.awaitWrites();
			Transcript transcript = store.find(victim).orElseThrow();
			assertThat(transcript.lines()).extracting(TranscriptLine::text)
				.containsExactly("victim line 0", "victim line 1", "victim line 2", "victim line 3", "victim line 4");
			assertThat(transcript.open()).isFalse();
			assertThat(transcript.truncated()).isFalse();
			// The flooders only lost their own later lines, and say so.
			Transcript flood = store.find(firstFlood()).orElseThrow();
			assertThat(flood.truncated()).isTrue();
			assertThat(flood.open()).isFalse();
		}
		finally {
			store.destroy();
		}
	}

	@Test
	void eachSessionHasAShareOfTheQueueSoManyFloodersLeaveRoomForOthers() throws Exception {
		RedisTranscriptStore store = store(Duration.ofMinutes(1));
		String run = "share" + System.nanoTime() + "-";
		int flooders = 30;
		try {
			// Redis frozen for a moment: every write waits in the queue.
			redis.pause();
			try {
				for (int f = 0; f < flooders; f++) {
					store.open(run + f, 0);
					// Within the byte limit: only the queue share stops these.
					for (int i = 0; i < 1000; i++) {
						store.append(run + f, line("NOOP " + i));
					}
				}
				store.open(run + "victim", 0);
				for (int i = 0; i < 5; i++) {
					store.append(run + "victim", line("victim line " + i));
				}
				store.close(run + "victim");
			}
			finally {
				redis.resume();
			}
			store.awaitWrites();
			Transcript victim = store.find(run + "victim").orElseThrow();
			assertThat(victim.lines()).hasSize(5);
			assertThat(victim.truncated()).isFalse();
			Transcript flood = store.find(run + "0").orElseThrow();
			assertThat(flood.truncated()).isTrue();
			assertThat(flood.lines()).hasSize(RedisTranscriptStore.SESSION_QUEUE);
		}
		finally {
			store.destroy();
		}
	}

	private static String firstFlood() {
		Set<String> keys = template.keys("smtp-reference:sandbox:flood0-*:meta");
		assertThat(keys).isNotEmpty();
		String key = keys.iterator().next();
		return key.substring("smtp-reference:sandbox:".length(), key.length() - ":meta".length());
	}

	@Test
	void everyKeyTheStoreWritesExpires() throws Exception {
		RedisTranscriptStore store = store(Duration.ofMinutes(1));
		try {
			for (int s = 0; s < 300; s++) {
				String id = "churn" + s + "-" + System.nanoTime();
				store.open(id, 0);
				store.append(id, line("EHLO churn.example"));
				store.deliver(id,
						new Delivery("Q" + s, "a@example.com", List.of("b@example.org"), 10, "Subject: x\r\n"));
				store.append(id, line("QUIT"));
				// A third stay open, as when a replica dies mid-session.
				if (s % 3 != 0) {
					store.close(id);
				}
			}
			store.awaitWrites();
		}
		finally {
			store.destroy();
		}
		Map<String, Long> ttls = new TreeMap<>();
		for (String key : template.keys("smtp-reference:sandbox:*")) {
			ttls.put(key, template.getExpire(key));
		}
		assertThat(ttls.keySet()).anyMatch((key) -> key.endsWith(":lines"))
			.anyMatch((key) -> key.endsWith(":deliveries"))
			.anyMatch((key) -> key.endsWith(":meta"))
			.contains("smtp-reference:sandbox:finished");
		assertThat(ttls).allSatisfy((key, ttl) -> assertThat(ttl).as(key).isPositive());
	}

	@Test
	void aStoppedReplicasSessionsStopShowingOpenOnceTheirMarkRunsOut() throws Exception {
		Duration aliveFor = Duration.ofSeconds(1);
		RedisTranscriptStore crashed = store(aliveFor);
		RedisTranscriptStore reader = store(aliveFor);
		String id = "alive-" + System.nanoTime();
		try {
			crashed.open(id, 0);
			crashed.append(id, line("EHLO alive.example"));
			crashed.awaitWrites();
			// Renewed while the replica runs: still open well past the mark's own life.
			Thread.sleep(3 * aliveFor.toMillis());
			assertThat(reader.find(id)).hasValueSatisfying((transcript) -> assertThat(transcript.open()).isTrue());
			// The replica stops without closing its session, as on kill -9.
			crashed.destroy();
			Optional<Transcript> seen = reader.find(id);
			for (int i = 0; i < 100 && seen.map(Transcript::open).orElse(false); i++) {
				Thread.sleep(100);
				seen = reader.find(id);
			}
			assertThat(seen.map(Transcript::open)).as("still shown open").isNotEqualTo(Optional.of(true));
		}
		finally {
			crashed.destroy();
			reader.destroy();
		}
	}

	@Test
	void recentSessionsAreFoundByClientAndMessagesKeepTheirOctets() throws Exception {
		RedisTranscriptStore store = store(Duration.ofMinutes(1));
		InetAddress client = InetAddress.getByName("192.0.2.41");
		InetAddress other = InetAddress.getByName("192.0.2.42");
		String prefix = "recent-" + System.nanoTime() + "-";
		// Octets as the listener keeps them: one character per octet, beyond ASCII too.
		String octets = RawMessage.kept(
				new byte[] { 'S', ':', ' ', (byte) 0xc4, (byte) 0x9f, (byte) 0xfe, '\r', '\n', '.', '\r', '\n' }, true,
				8, 1024);
		try {
			for (int s = 0; s < 3; s++) {
				store.open(prefix + s, 1000 + s, client);
			}
			store.open(prefix + "other", 5000, other);
			store.deliver(prefix + 1, new Delivery("Q1", "a@example.com", List.of("b@example.org"), 8, octets));
			store.close(prefix + 0);
			store.awaitWrites();
			assertThat(store.recent(client, 5)).extracting(TranscriptStore.RecentSession::id)
				.containsExactly(prefix + 2, prefix + 1, prefix + 0);
			assertThat(store.recent(client, 2)).hasSize(2);
			assertThat(store.recent(other, 5)).extracting(TranscriptStore.RecentSession::id)
				.containsExactly(prefix + "other");
			assertThat(store.find(prefix + 1).orElseThrow().deliveries().get(0).head()).isEqualTo(octets);
			assertThat(RawMessage.octets(octets)).containsExactly('S', ':', ' ', (byte) 0xc4, (byte) 0x9f, (byte) 0xfe,
					'\r', '\n');
		}
		finally {
			store.destroy();
		}
		String key = template.keys("smtp-reference:sandbox:client:*")
			.stream()
			.filter((name) -> name.endsWith(":client:[-64,0,2,41]"))
			.findFirst()
			.orElseThrow();
		assertThat(template.getExpire(key)).isPositive();
	}

}
