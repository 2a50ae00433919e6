package org.smtpreference.offline;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A burst of first requests for the offline list, right after start, leaves the rest of
 * the site answering: the list never waits on rendering or on requests to the server
 * itself, and says its size once the stored pages know it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "site.release=offline-burst")
class OfflineBurstTests {

	/**
	 * More connections than Jetty has threads (200), as the attack that froze the site.
	 */
	private static final int BURST = 300;

	/**
	 * Only a guard against a hang: a probe stuck behind the burst's work waits far longer
	 * (the old measurement took 30 s per page).
	 */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Test
	void siteKeepsAnsweringThroughABurstOfFirstOfflineRequests() throws Exception {
		HttpClient probes = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build();
		List<Socket> burst = new ArrayList<>();
		try {
			for (int i = 0; i < BURST; i++) {
				Socket socket = new Socket("127.0.0.1", this.port);
				socket.setSoTimeout(60_000);
				burst.add(socket);
			}
			byte[] request = ("GET /offline.json?lang=en HTTP/1.1\r\nHost: localhost\r\nCookie: lang=en\r\n"
					+ "Connection: close\r\n\r\n")
				.getBytes(StandardCharsets.ISO_8859_1);
			for (Socket socket : burst) {
				socket.getOutputStream().write(request);
			}
			// While the burst is handled, the reference and the health check answer.
			for (int round = 0; round < 10; round++) {
				assertThat(probe(probes, "/").statusCode()).as("/ in round %d", round).isEqualTo(200);
				assertThat(probe(probes, "/actuator/health").statusCode()).as("health in round %d", round)
					.isIn(200, 503);
				Thread.sleep(200);
			}
			for (Socket socket : burst) {
				String answer = read(socket.getInputStream());
				assertThat(answer).startsWith("HTTP/1.1 200").contains("\"count\":");
			}
		}
		finally {
			for (Socket socket : burst) {
				socket.close();
			}
		}
		// The size is said once the stored pages know it (the warm-up renders them).
		await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			JsonNode body = JSON.readTree(probe(probes, "/offline.json?lang=en").body());
			assertThat(body.get("bytes").isNumber()).isTrue();
			assertThat(body.get("bytes").asLong()).isGreaterThan(body.get("count").asLong() * 1000);
		});
	}

	private HttpResponse<String> probe(HttpClient client, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Cookie", "lang=en")
			.timeout(PROBE_TIMEOUT)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String read(InputStream in) throws IOException {
		return new String(in.readAllBytes(), StandardCharsets.UTF_8);
	}

}
