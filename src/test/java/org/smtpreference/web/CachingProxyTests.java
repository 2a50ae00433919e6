package org.smtpreference.web;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * A real shared cache in front of the site: Debian's nginx with the configuration in
 * {@code deploy/nginx/}. Readers with every mix of cookie, {@code Accept-Language} and
 * {@code ?lang=} get their own language, never the other one from the cache, and repeated
 * requests for a {@code ?lang=} address are answered by the cache. Skipped where nginx is
 * not installed, unless {@code SMTP_REFERENCE_REQUIRE_ALL} is set (as in CI).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CachingProxyTests {

	private static final Path CONFIGURATION = Path.of("deploy/nginx/smtp-reference.conf");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@LocalServerPort
	int port;

	@TempDir
	Path work;

	private Process nginx;

	private int proxyPort;

	@AfterEach
	void stopNginx() throws InterruptedException {
		if (this.nginx != null) {
			this.nginx.destroy();
			if (!this.nginx.waitFor(10, TimeUnit.SECONDS)) {
				this.nginx.destroyForcibly();
			}
		}
	}

	@Test
	void noReaderGetsTheOtherLanguageAndExplicitAddressesAreCacheHits() throws Exception {
		startNginx();
		String[] cookies = { null, "lang=en", "lang=tr", "lang=xx" };
		String[] accepts = { null, "en-US,en;q=0.9", "tr-TR,tr;q=0.8", "de" };
		List<String> wrong = new ArrayList<>();
		int explicitHits = 0;
		int explicitRequests = 0;
		// The first round fills the cache; the second must find every ?lang= page in it.
		for (int round = 0; round < 2; round++) {
			for (String path : List.of("/", "/commands/ehlo", "/faq")) {
				for (String lang : new String[] { null, "en", "tr" }) {
					for (String cookie : cookies) {
						for (String accept : accepts) {
							String address = (lang != null) ? path + "?lang=" + lang : path;
							HttpResponse<String> response = get(address, cookie, accept);
							String expected = expected(lang, cookie, accept);
							String status = response.headers().firstValue("X-Cache-Status").orElse("-");
							if (response.statusCode() != 200
									|| !response.body().contains("<html lang=\"" + expected + "\"")) {
								wrong.add(address + " cookie=" + cookie + " accept=" + accept + ": status "
										+ response.statusCode() + ", cache " + status + ", expected " + expected);
							}
							if (lang == null) {
								// Chosen by headers: never answered from the shared
								// cache.
								if (status.equals("HIT")) {
									wrong.add(address + " cookie=" + cookie + " accept=" + accept
											+ ": a negotiated page came from the cache");
								}
							}
							else if (round > 0) {
								explicitRequests++;
								explicitHits += status.equals("HIT") ? 1 : 0;
							}
						}
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
		assertThat(explicitHits).as("explicit-language requests answered by the cache after the first round")
			.isEqualTo(explicitRequests);
	}

	@Test
	void anAnswerThatSetsTheCookieIsNeverStored() throws Exception {
		startNginx();
		// Not yet stored by anyone: the first reader without the cookie gets it set.
		HttpResponse<String> first = get("/about?lang=tr", null, null);
		assertThat(first.headers().allValues("Set-Cookie")).anyMatch((cookie) -> cookie.startsWith("lang=tr"));
		assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-store");
		HttpResponse<String> second = get("/about?lang=tr", null, null);
		assertThat(second.headers().firstValue("X-Cache-Status").orElse("")).isNotEqualTo("HIT");
		assertThat(second.headers().allValues("Set-Cookie")).anyMatch((cookie) -> cookie.startsWith("lang=tr"));
	}

	@Test
	void aBurstOfWorkedOutRequestsIsLimitedWhileStoredPagesAreNot() throws Exception {
		startNginx();
		List<String> paths = List.of("/search?q=ehlo", "/api/v1/commands", "/decode", "/playground?try=ehlo");
		// One zone counts a client's requests to every limited path, so each path's burst
		// comes from its own loopback address: a fresh client, as after the 4 s its burst
		// of 20 at 5 a second takes to be whole again, without waiting for them.
		ExecutorService senders = Executors.newFixedThreadPool(60);
		try {
			for (int p = 0; p < paths.size(); p++) {
				String path = paths.get(p);
				InetAddress client = InetAddress.getByName("127.0.0." + (10 + p));
				List<Future<Integer>> burst = new ArrayList<>();
				for (int i = 0; i < 60; i++) {
					burst.add(senders.submit(() -> statusFrom(client, path)));
				}
				Map<Integer, Long> statuses = new TreeMap<>();
				for (Future<Integer> answer : burst) {
					statuses.merge(answer.get(30, TimeUnit.SECONDS), 1L, Long::sum);
				}
				// A reader's burst (20 beyond the rate) passes; the rest is refused with
				// 429.
				assertThat(statuses.getOrDefault(200, 0L)).as("%s answered %s", path, statuses)
					.isGreaterThanOrEqualTo(20);
				assertThat(statuses.getOrDefault(429, 0L)).as("%s answered %s", path, statuses).isPositive();
				assertThat(statuses.keySet()).as(path).containsOnly(200, 429);
			}
		}
		finally {
			senders.shutdownNow();
		}
		// Meanwhile the same client's stored pages are never limited.
		for (int i = 0; i < 60; i++) {
			assertThat(get("/?lang=en", "lang=en", null).statusCode()).isEqualTo(200);
		}
	}

	@Test
	void anAttackersForwardingHeadersNeverReachAnotherReader() throws Exception {
		startNginx();
		String[][] attacks = { { "Forwarded", "host=attacker.example;proto=https" },
				{ "Forwarded", "for=192.0.2.1;host=attacker.example" }, { "X-Forwarded-Host", "attacker.example" },
				{ "X-Forwarded-Server", "attacker.example" }, { "X-Forwarded-Proto", "https" },
				{ "X-Forwarded-Port", "8443" }, { "X-Forwarded-Prefix", "/attacker" }, { "X-Proxied-Https", "on" } };
		List<String> paths = List.of("/commands/ehlo?lang=en", "/faq?lang=tr", "/replies/550?lang=en");
		List<String> wrong = new ArrayList<>();
		String origin = "http://127.0.0.1:" + this.proxyPort;
		for (String[] attack : attacks) {
			for (String path : paths) {
				String cookie = "lang=" + path.substring(path.length() - 2);
				HttpRequest.Builder request = HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + this.proxyPort + path))
					.timeout(Duration.ofSeconds(20))
					.header("Cookie", cookie)
					.header(attack[0], attack[1]);
				String attacked = this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
				HttpResponse<String> victim = get(path, cookie, null);
				for (String body : List.of(attacked, victim.body())) {
					if (body.contains("attacker") || body.contains("https://127.0.0.1")
							|| !body.contains("<link rel=\"canonical\" href=\"" + origin + path + "\">")) {
						wrong.add(attack[0] + ": " + attack[1] + " on " + path + " (cache "
								+ victim.headers().firstValue("X-Cache-Status").orElse("-") + ")");
					}
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	/**
	 * The status of one GET through the proxy, sent from the given loopback address.
	 */
	private int statusFrom(InetAddress client, String path) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.proxyPort, client, 0)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(
					("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + this.proxyPort + "\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			String status = in.readLine();
			assertThat(status).as(path).isNotNull().startsWith("HTTP/1.1 ");
			while (in.read() != -1) {
				// Read the answer to its end, as a browser would.
			}
			return Integer.parseInt(status.substring(9, 12));
		}
	}

	/**
	 * The language a reader should get: the parameter, then the cookie, then
	 * {@code Accept-Language}, then English.
	 */
	private static String expected(String lang, String cookie, String accept) {
		if (lang != null) {
			return lang;
		}
		if (cookie != null && !cookie.endsWith("xx")) {
			return cookie.substring("lang=".length());
		}
		if (accept != null && (accept.startsWith("en") || accept.startsWith("tr"))) {
			return accept.substring(0, 2);
		}
		return "en";
	}

	private HttpResponse<String> get(String path, String cookie, String accept)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.proxyPort + path))
			.timeout(Duration.ofSeconds(20));
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		if (accept != null) {
			request.header("Accept-Language", accept);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private void startNginx() throws IOException, InterruptedException {
		File binary = nginxBinary();
		try (ServerSocket socket = new ServerSocket(0)) {
			this.proxyPort = socket.getLocalPort();
		}
		String site = Files.readString(CONFIGURATION, StandardCharsets.UTF_8)
			.replace("/var/cache/nginx/smtp-reference", this.work.resolve("cache").toString())
			.replace("server app:8080;", "server 127.0.0.1:" + this.port + ";")
			.replace("listen 80;", "listen 127.0.0.1:" + this.proxyPort + ";");
		assertThat(site).contains("127.0.0.1:" + this.port).contains("listen 127.0.0.1:" + this.proxyPort);
		Files.writeString(this.work.resolve("site.conf"), site);
		String temp = this.work.toString();
		String main = ("root".equals(System.getProperty("user.name")) ? "user root;\n" : "") + "worker_processes 1;\n"
				+ "daemon off;\n" + "pid " + temp + "/nginx.pid;\n" + "error_log " + temp + "/error.log;\n"
				+ "events { worker_connections 256; }\n" + "http {\n" + "  access_log off;\n"
				+ "  client_body_temp_path " + temp + "/body;\n" + "  proxy_temp_path " + temp + "/proxy;\n"
				+ "  fastcgi_temp_path " + temp + "/fastcgi;\n" + "  uwsgi_temp_path " + temp + "/uwsgi;\n"
				+ "  scgi_temp_path " + temp + "/scgi;\n" + "  include " + temp + "/site.conf;\n" + "}\n";
		Files.writeString(this.work.resolve("nginx.conf"), main);
		this.nginx = new ProcessBuilder(binary.getPath(), "-p", temp, "-c", temp + "/nginx.conf")
			.redirectErrorStream(true)
			.redirectOutput(this.work.resolve("nginx.out").toFile())
			.start();
		long deadline = System.currentTimeMillis() + 10_000;
		while (System.currentTimeMillis() < deadline) {
			if (!this.nginx.isAlive()) {
				fail("nginx stopped: " + Files.readString(this.work.resolve("nginx.out")) + " "
						+ Files.readString(this.work.resolve("error.log")));
			}
			try (Socket probe = new Socket("127.0.0.1", this.proxyPort)) {
				return;
			}
			catch (IOException ex) {
				Thread.sleep(50);
			}
		}
		fail("nginx did not listen on " + this.proxyPort);
	}

	private static File nginxBinary() {
		for (String candidate : List.of("/usr/sbin/nginx", "/usr/bin/nginx")) {
			File file = new File(candidate);
			if (file.canExecute()) {
				return file;
			}
		}
		String message = "Caching proxy test skipped: nginx is not installed (apt-get install nginx-light)";
		if (Boolean.parseBoolean(System.getenv().getOrDefault("SMTP_REFERENCE_REQUIRE_ALL", "false"))) {
			fail(message.replace("skipped", "required") + "; SMTP_REFERENCE_REQUIRE_ALL is set");
		}
		Assumptions.abort(message);
		return null;
	}

}
