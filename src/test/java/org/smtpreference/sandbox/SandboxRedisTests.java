package org.smtpreference.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox with {@code site.sandbox.store=redis} against a real {@code redis-server}
 * started for the test: the real clients of {@link SandboxClientScenarios} go to this
 * context's listener and their sessions must show on its pages and on those of a second
 * replica sharing the Redis server; and another replica's store hears the lines live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.sandbox.smtp-port=0", "site.sandbox.bind-address=127.0.0.1",
				"site.sandbox.public-host=localhost", "site.sandbox.store=redis",
				// Fewer web server threads than views in flight in the outage test, and a
				// lookup
				// bound well below them.
				"server.jetty.threads.max=40", "site.sandbox.max-lookups=8" })
class SandboxRedisTests extends SandboxClientScenarios {

	private static final RedisWithReplica REDIS = new RedisWithReplica();

	@Autowired
	TranscriptStore store;

	@BeforeAll
	static void startRedis() throws Exception {
		REDIS.start();
	}

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		REDIS.addProperties(registry);
	}

	@AfterAll
	static void stopRedis() throws InterruptedException {
		REDIS.stop();
	}

	@Override
	List<SiteClient> sites() {
		return List.of(new SiteClient(this.port), new SiteClient(REDIS.replicaPort()));
	}

	@Override
	void settle() throws Exception {
		((RedisTranscriptStore) this.store).awaitWrites();
	}

	@Test
	void sessionIsKeptInRedisAndSeenByAnotherReplica() throws Exception {
		assertThat(this.store).isInstanceOf(RedisTranscriptStore.class);
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", REDIS.redisPort()));
		connections.afterPropertiesSet();
		connections.start();
		RedisMessageListenerContainer listeners = new RedisMessageListenerContainer();
		listeners.setConnectionFactory(connections);
		listeners.afterPropertiesSet();
		listeners.start();
		StringRedisTemplate template = new StringRedisTemplate(connections);
		RedisTranscriptStore otherReplica = new RedisTranscriptStore(template, listeners, 65536, 100,
				java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(1));
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
			smtp.reply();
			smtp.reply();
			smtp.reply();
			assertThat(smtp.last()).startsWith("354");
			smtp.send("Subject: through redis\r\n\r\nHello\r\n.\r\n");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK:");
			((RedisTranscriptStore) this.store).awaitWrites();
			List<TranscriptEvent> events = new CopyOnWriteArrayList<>();
			AutoCloseable subscription = otherReplica.subscribe(id, events::add);
			// The subscription is made in the background: probe the channel until it
			// hears.
			for (int i = 0; i < 100 && events.isEmpty(); i++) {
				template.convertAndSend("smtp-reference:sandbox:" + id, "D");
				Thread.sleep(50);
			}
			assertThat(events).isNotEmpty();
			events.clear();
			smtp.send("NOOP from another replica\r\nQUIT\r\n");
			assertThat(smtp.last()).startsWith("250");
			assertThat(smtp.last()).startsWith("221");
			assertThat(smtp.closedByServer()).isTrue();
			for (int i = 0; i < 200 && events.stream().noneMatch((e) -> e.kind() == TranscriptEvent.Kind.CLOSED); i++) {
				Thread.sleep(50);
			}
			subscription.close();
			List<String> texts = new ArrayList<>();
			events.stream().filter((e) -> e.line() != null).forEach((e) -> texts.add(e.line().text()));
			assertThat(texts).contains("NOOP from another replica");
			assertThat(events).extracting(TranscriptEvent::kind).contains(TranscriptEvent.Kind.CLOSED);
			Transcript seen = otherReplica.find(id).orElseThrow();
			assertThat(seen.open()).isFalse();
			assertThat(seen.deliveries()).hasSize(1);
			assertThat(seen.deliveries().get(0).head()).contains("Subject: through redis");
			for (String lang : List.of("en", "tr")) {
				for (String page : sessionPages(id, lang, "NOOP from another replica")) {
					assertThat(page).contains("through redis").contains("href=\"/replies/354\"");
				}
			}
		}
		finally {
			listeners.stop();
			connections.destroy();
		}
	}

	@Test
	void aFrozenRedisGets503AndNeverTakesTheSiteDown() throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		String base = "http://127.0.0.1:" + this.port;
		List<CompletableFuture<HttpResponse<String>>> views = new ArrayList<>();
		List<Duration> probes = new ArrayList<>();
		REDIS.redis().pause();
		try {
			// More views in flight than the web server has threads: without a bound and a
			// short timeout, each would wait for Redis and the site would stop answering.
			for (int i = 0; i < 80; i++) {
				String lang = (i % 2 == 0) ? "en" : "tr";
				views.add(http.sendAsync(
						HttpRequest.newBuilder(URI.create(base + "/sandbox/" + SessionIds.next() + "?lang=" + lang))
							.timeout(Duration.ofSeconds(30))
							.build(),
						HttpResponse.BodyHandlers.ofString()));
			}
			for (int i = 0; i < 10; i++) {
				long start = System.nanoTime();
				HttpResponse<String> home = http.send(
						HttpRequest.newBuilder(URI.create(base + "/")).timeout(Duration.ofSeconds(5)).build(),
						HttpResponse.BodyHandlers.ofString());
				assertThat(home.statusCode()).isEqualTo(200);
				probes.add(Duration.ofNanos(System.nanoTime() - start));
				Thread.sleep(100);
			}
			HttpResponse<String> stream = http
				.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/" + SessionIds.next() + "/events"))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(stream.statusCode()).isEqualTo(503);
			assertThat(stream.headers().firstValue("Retry-After")).hasValue("5");
			for (int i = 0; i < views.size(); i++) {
				HttpResponse<String> view = views.get(i).get(30, TimeUnit.SECONDS);
				assertThat(view.statusCode()).isEqualTo(503);
				assertThat(view.headers().firstValue("Retry-After")).hasValue("5");
				assertThat(view.body()).contains(
						(i % 2 == 0) ? "Transcripts are unavailable for a moment" : "Dökümlere şu an ulaşılamıyor");
			}
		}
		finally {
			REDIS.redis().resume();
		}
		System.out.println("Probes of / while Redis was frozen: " + probes);
		// Back once Redis is: the pause ends and unknown sessions are "not found" again.
		HttpResponse<String> after = null;
		for (int i = 0; i < 200; i++) {
			after = new SiteClient(this.port).get("/sandbox/" + SessionIds.next());
			if (after.statusCode() == 404) {
				break;
			}
			Thread.sleep(100);
		}
		assertThat(after.statusCode()).isEqualTo(404);
	}

	@Test
	void unknownSessionIsNotFoundThroughRedis() {
		for (SiteClient site : sites()) {
			assertThat(site.get("/sandbox/0123456789abcdef0123456789abcdef?lang=tr").statusCode()).isEqualTo(404);
		}
	}

}
