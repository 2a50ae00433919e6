package org.smtpreference.sandbox;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sandbox with {@code site.sandbox.store=redis} against a real {@code redis-server}
 * started for the test: the session appears on this replica's pages and, through Redis,
 * to a second store as another replica would see it, live.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.bind-address=127.0.0.1", "site.sandbox.public-host=localhost", "site.sandbox.store=redis" })
class SandboxRedisTests {

	private static Process redis;

	private static int redisPort;

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener listener;

	@Autowired
	TranscriptStore store;

	@BeforeAll
	static void startRedis() throws Exception {
		String server = findRedisServer();
		if (server == null) {
			String message = "redis-server is not installed (apt-get install redis-server)";
			if (Boolean.parseBoolean(System.getenv().getOrDefault("SMTP_REFERENCE_REQUIRE_ALL", "false"))) {
				fail(message + "; SMTP_REFERENCE_REQUIRE_ALL is set");
			}
			assumeTrue(false, message);
		}
		try (ServerSocket free = new ServerSocket(0)) {
			redisPort = free.getLocalPort();
		}
		redis = new ProcessBuilder(server, "--port", String.valueOf(redisPort), "--bind", "127.0.0.1", "--save", "",
				"--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		for (int i = 0; i < 100; i++) {
			try (Socket probe = new Socket("127.0.0.1", redisPort)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		fail("redis-server did not start");
	}

	private static String findRedisServer() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		return null;
	}

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", () -> redisPort);
	}

	@AfterAll
	static void stopRedis() throws InterruptedException {
		if (redis != null) {
			redis.destroy();
			redis.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void sessionIsKeptInRedisAndSeenByAnotherReplica() throws Exception {
		assertThat(this.store).isInstanceOf(RedisTranscriptStore.class);
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", redisPort));
		connections.afterPropertiesSet();
		connections.start();
		RedisMessageListenerContainer listeners = new RedisMessageListenerContainer();
		listeners.setConnectionFactory(connections);
		listeners.afterPropertiesSet();
		listeners.start();
		StringRedisTemplate template = new StringRedisTemplate(connections);
		RedisTranscriptStore otherReplica = new RedisTranscriptStore(template, listeners, 65536, 100,
				java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(5));
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
				String page = new SiteClient(this.port).get("/sandbox/" + id + "?lang=" + lang).body();
				assertThat(page).contains("<html lang=\"" + lang + "\"")
					.contains("through redis")
					.contains("NOOP from another replica")
					.contains("href=\"/replies/354\"");
			}
		}
		finally {
			listeners.stop();
			connections.destroy();
		}
	}

	@Test
	void unknownSessionIsNotFoundThroughRedis() {
		assertThat(new SiteClient(this.port).get("/sandbox/0123456789abcdef0123456789abcdef?lang=tr").statusCode())
			.isEqualTo(404);
	}

}
