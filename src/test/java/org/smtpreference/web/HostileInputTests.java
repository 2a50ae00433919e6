package org.smtpreference.web;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.smtpreference.RawHttp;
import org.smtpreference.content.Reference;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sends every route odd input: no answer may be a server error, none may echo markup, and
 * each gets the 4xx it deserves.
 */
// The probe on for loopback, so its page and API are checked as readers who use it see
// them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.probe.enabled=true", "site.probe.allowed-targets=127.0.0.1/32:1-65535",
				"site.probe.reply-timeout=2s", "site.probe.per-client=1000", "site.probe.global=1000" })
class HostileInputTests {

	private static final String SCRIPT = "<script>alert(1)</script>";

	private static final Pattern STACK_FRAME = Pattern.compile("\\sat [a-zA-Z_$][\\w$]*(\\.[\\w$<>]+)+\\(");

	@LocalServerPort
	int port;

	@Autowired
	SitePages pages;

	@Autowired
	Reference reference;

	private List<String> routes() {
		List<String> routes = new ArrayList<>(this.pages.paths());
		routes.addAll(List.of("/api/v1/commands", "/api/v1/commands/ehlo", "/api/v1/replies", "/api/v1/replies/550",
				"/api/v1/status-codes", "/api/v1/status-codes/5.7.1", "/api/v1/extensions",
				"/api/v1/extensions/pipelining", "/api/v1/samples", "/api/v1/samples/python", "/api/v1/search",
				"/api/v1/openapi.json", "/sitemap.xml", "/robots.txt", "/probe"));
		return routes;
	}

	@TestFactory
	Stream<DynamicTest> oddParametersNeverFail() {
		String longValue = "a".repeat(6000);
		List<String> queries = List.of("q=" + longValue, "q=", "lang=", "q=%00%07%1b%7f", "q=%ff%fe%c3%28",
				"lang=..%2F..%2Fx", "lang=../../x", "q=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "q=%zz%", "q=%",
				"lang=tr&lang=en&q=a&q=b");
		return routes().stream().map((route) -> DynamicTest.dynamicTest(route, () -> {
			for (String query : queries) {
				RawHttp.Response response = RawHttp.send(this.port, "GET " + route + "?" + query + " HTTP/1.1");
				String request = shortened(route + "?" + query);
				assertThat(response.status()).as(request).isBetween(200, 499);
				assertThat(leaks(response.body())).as(request + " echoes markup or a stack trace").isFalse();
			}
		}));
	}

	/**
	 * Whether a body echoes the script it was sent or shows a stack trace.
	 */
	private static boolean leaks(String body) {
		return body.contains(SCRIPT) || STACK_FRAME.matcher(body).find() || body.contains("Whitelabel")
				|| body.contains("Jetty") || body.contains("Tomcat");
	}

	private static String shortened(String request) {
		return (request.length() > 80) ? request.substring(0, 80) + "…(" + request.length() + " chars)" : request;
	}

	@TestFactory
	Stream<DynamicTest> rawBytesAndHeadersNeverFail() {
		return routes().stream().map((route) -> DynamicTest.dynamicTest(route, () -> {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			line.writeBytes(("GET " + route + "?q=").getBytes(StandardCharsets.US_ASCII));
			line.writeBytes(new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28 });
			line.writeBytes(" HTTP/1.1".getBytes(StandardCharsets.US_ASCII));
			RawHttp.Response rawBytes = RawHttp.send(this.port, line.toByteArray());
			// Bytes that are not UTF-8 are either refused or read as U+FFFD, never passed
			// on.
			assertThat(rawBytes.status()).as(route + " raw bytes").isIn(200, 400);
			assertThat(rawBytes.header("Content-Security-Policy")).as(route + " raw bytes")
				.contains("default-src 'self'");
			assertThat(leaks(rawBytes.body())).as(route + " raw bytes echo markup or a stack trace").isFalse();
			for (String header : List.of("Accept-Language: " + "tr-TR,".repeat(1200), "Accept-Language: ;;;q=abc,*",
					"Accept-Language: ../../x", "Cookie: lang=../../x", "Cookie: lang=" + "x".repeat(3000))) {
				RawHttp.Response response = RawHttp.send(this.port, "GET " + route + " HTTP/1.1", header);
				assertThat(response.status()).as(route + " " + header.substring(0, 20)).isBetween(200, 499);
			}
		}));
	}

	@TestFactory
	Stream<DynamicTest> unknownMethodsAndPathsGetAClientError() {
		return routes().stream()
			.filter((route) -> !route.equals("/"))
			.map((route) -> DynamicTest.dynamicTest(route, () -> {
				for (String method : List.of("FOO", "PROPFIND", "TRACE", "DELETE", "PUT")) {
					RawHttp.Response response = RawHttp.send(this.port, method + " " + route + " HTTP/1.1");
					assertThat(response.status()).as(method + " " + route).isEqualTo(405);
				}
				for (String path : List.of(route + "/..%2f..%2fetc%2fpasswd", route + "/%2e%2e/%2e%2e/x", route + "%00",
						route + "/../../../../etc/passwd")) {
					RawHttp.Response response = RawHttp.send(this.port, "GET " + path + " HTTP/1.1");
					assertThat(response.status()).as(path).isBetween(400, 499);
					assertThat(response.body()).as(path).doesNotContain("root:");
				}
			}));
	}

	/**
	 * Bodies nobody should send to the routes that take one: markup, bytes that are not
	 * UTF-8, broken encodings, deep nesting, far too much, under every content type.
	 */
	@TestFactory
	Stream<DynamicTest> hostilePlaygroundBodiesNeverFail() {
		ByteArrayOutputStream binary = new ByteArrayOutputStream();
		binary.writeBytes("transcript=".getBytes(StandardCharsets.US_ASCII));
		binary.writeBytes(new byte[] { (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, 0x00, 0x1b, 0x7f });
		List<byte[]> bodies = Stream
			.of("", "transcript=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
					"transcript=EHLO+a%0AMAIL+FROM%3A%3C" + "%3Cscript%3Ealert(1)%3C%2Fscript%3E%3E", "transcript=%zz%",
					"transcript=%", "{\"lines\": [\"EHLO a\", \"MAIL FROM:<<script>alert(1)</script>>\"]}",
					"{\"lines\": [\"" + "\\u0000\\r\\n".repeat(500) + "\"]}", "[".repeat(5000) + "]".repeat(5000),
					"{\"lines\": {\"$ref\": \"x\"}}", "transcript=" + "A".repeat(300 * 1024), "a=1&".repeat(20000),
					"--x\r\nContent-Disposition: form-data; name=\"transcript\"\r\n\r\nEHLO")
			.map((body) -> body.getBytes(StandardCharsets.UTF_8))
			.collect(java.util.stream.Collectors.toCollection(ArrayList::new));
		bodies.add(binary.toByteArray());
		List<String> types = List.of("application/x-www-form-urlencoded", "application/json", "text/plain",
				"multipart/form-data; boundary=x", "application/json; charset=ebcdic-nope", "*/*");
		return Stream.of("/playground", "/api/v1/playground").map((route) -> DynamicTest.dynamicTest(route, () -> {
			for (byte[] body : bodies) {
				for (String type : types) {
					HttpRequest request = HttpRequest
						.newBuilder(URI.create("http://localhost:" + this.port + route + "?lang=tr"))
						.header("Content-Type", type)
						.POST(HttpRequest.BodyPublishers.ofByteArray(body))
						.build();
					String what = route + " " + type + " " + shortened(new String(body, StandardCharsets.UTF_8));
					HttpResponse<String> response;
					// A new connection each time: a body refused before it was read in
					// full
					// leaves the connection unusable, which is no concern of the next
					// body.
					try {
						response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
					}
					catch (java.io.IOException ex) {
						// Over the limit the server may answer and close while the client
						// is
						// still sending; the client then loses the answer with the
						// connection.
						// Being cut off is a fair answer to 300 KB; for anything smaller
						// it is not.
						if (body.length > 64 * 1024) {
							continue;
						}
						throw new AssertionError(what + ": no answer (" + ex.getMessage() + ")", ex);
					}
					assertThat(response.statusCode()).as(what).isBetween(200, 499);
					assertThat(leaks(response.body())).as(what + " echoes markup or a stack trace").isFalse();
					// Never an empty answer: the page, or a problem saying what was
					// wrong.
					if (route.startsWith("/api/")) {
						assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what)
							.startsWith(
									type.startsWith("application/json") ? "application/" : "application/problem+json");
						if (!type.startsWith("application/json")) {
							assertThat(response.statusCode()).as(what).isEqualTo(415);
						}
					}
					else {
						assertThat(response.body()).as(what).contains("<html lang=\"tr\"");
					}
				}
			}
		}));
	}

	@TestFactory
	Stream<DynamicTest> searchQueriesComeBackEscaped() {
		return Stream.of("/search", "/api/v1/search").map((route) -> DynamicTest.dynamicTest(route, () -> {
			RawHttp.Response response = RawHttp.send(this.port,
					"GET " + route + "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E%22%27 HTTP/1.1");
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.body()).doesNotContain(SCRIPT);
			assertThat(response.body()).containsAnyOf("&lt;script&gt;", "\\u003cscript\\u003e",
					"<script>".replace("<", "\\u003c"), "\"<script>alert(1)</script>");
		}));
	}

	/**
	 * Bodies no form or client would send, to every address that takes a POST: binary
	 * bytes, bytes that are not UTF-8, broken JSON, markup, a body far over the limit
	 * (declared and chunked) and the wrong content type.
	 */
	@TestFactory
	Stream<DynamicTest> hostileProbeBodiesNeverFail() {
		String huge = "a".repeat(80_000);
		List<PostedBody> bodies = List.of(
				new PostedBody("markup JSON", "application/json",
						("{\"host\": \"" + SCRIPT + "\", \"sender\": \"" + SCRIPT + "\", \"recipient\": \"x@y\"}")
							.getBytes(StandardCharsets.UTF_8)),
				new PostedBody("markup form", "application/x-www-form-urlencoded",
						("host=" + java.net.URLEncoder.encode(SCRIPT, StandardCharsets.UTF_8) + "&port=25")
							.getBytes(StandardCharsets.UTF_8)),
				new PostedBody("control form", "application/x-www-form-urlencoded",
						"host=127.0.0.1%0d%0aDATA&port=25&sender=a%40b%0d%0aDATA&recipient=c%40d%00"
							.getBytes(StandardCharsets.UTF_8)),
				new PostedBody("wrong shape", "application/json",
						"{\"host\": [1], \"port\": \"x\"}".getBytes(StandardCharsets.UTF_8)),
				new PostedBody("huge port", "application/json",
						"{\"host\": \"127.0.0.1\", \"port\": 99999999999}".getBytes(StandardCharsets.UTF_8)),
				new PostedBody("nested", "application/json",
						("{\"host\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8)),
				new PostedBody("huge JSON", "application/json",
						("{\"host\": \"" + huge + "\"}").getBytes(StandardCharsets.UTF_8)),
				new PostedBody("huge form", "application/x-www-form-urlencoded",
						("host=" + huge).getBytes(StandardCharsets.UTF_8)),
				new PostedBody("no type", null, "host=x".getBytes(StandardCharsets.UTF_8)));
		return Stream.of("/probe", "/probe?lang=tr", "/api/v1/probe", "/api/v1/probe?lang=tr")
			.map((route) -> DynamicTest.dynamicTest(route, () -> {
				for (PostedBody body : bodies) {
					RawHttp.Response response = post(route, body, false);
					String what = route + " " + body.name();
					assertThat(response.status()).as(what).isBetween(400, 499);
					assertThat(leaks(response.text())).as(what + " echoes markup or a stack trace").isFalse();
					assertThat(response.header("Content-Security-Policy")).as(what).contains("default-src 'self'");
					if (route.startsWith("/api/")) {
						assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
					}
				}
			}));
	}

	@TestFactory
	Stream<DynamicTest> hostileBodiesNeverFail() {
		byte[] binary = new byte[4096];
		for (int i = 0; i < binary.length; i++) {
			binary[i] = (byte) (i * 31 + 7);
		}
		String huge = "x".repeat(300_000);
		List<PostedBody> bodies = List.of(new PostedBody("binary", "application/octet-stream", binary),
				new PostedBody("binary as JSON", "application/json", binary),
				new PostedBody("binary as form", "application/x-www-form-urlencoded", binary),
				new PostedBody("not UTF-8", "application/json",
						new byte[] { '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xff, (byte) 0xc3, 0x28, '"',
								'}' }),
				new PostedBody("not UTF-8 form", "application/x-www-form-urlencoded",
						"text=%ff%fe%c3%28%00".getBytes(StandardCharsets.US_ASCII)),
				new PostedBody("broken JSON", "application/json", "{\"text\": \"550".getBytes(StandardCharsets.UTF_8)),
				new PostedBody("wrong shape", "application/json", "[{\"text\": 5}]".getBytes(StandardCharsets.UTF_8)),
				new PostedBody("nested", "application/json",
						("{\"text\":" + "[".repeat(5000) + "]".repeat(5000) + "}").getBytes(StandardCharsets.UTF_8)),
				new PostedBody("markup JSON", "application/json",
						("{\"text\": \"" + SCRIPT + " 550 5.1.1 " + SCRIPT + "\"}").getBytes(StandardCharsets.UTF_8)),
				new PostedBody("markup form", "application/x-www-form-urlencoded",
						("text=" + java.net.URLEncoder.encode(SCRIPT + "\n550 5.1.1 " + SCRIPT, StandardCharsets.UTF_8))
							.getBytes(StandardCharsets.UTF_8)),
				new PostedBody("huge JSON", "application/json",
						("{\"text\": \"" + huge + "\"}").getBytes(StandardCharsets.UTF_8)),
				new PostedBody("huge form", "application/x-www-form-urlencoded",
						("text=" + huge).getBytes(StandardCharsets.UTF_8)),
				new PostedBody("text", "text/plain", "550 5.1.1".getBytes(StandardCharsets.UTF_8)),
				new PostedBody("no type", null, "550 5.1.1".getBytes(StandardCharsets.UTF_8)));
		return Stream.of("/decode", "/decode?lang=tr", "/api/v1/decode", "/api/v1/decode?lang=tr")
			.flatMap((route) -> Stream.of(false, true)
				.map((chunked) -> DynamicTest.dynamicTest(route + (chunked ? " chunked" : ""), () -> {
					for (PostedBody body : bodies) {
						RawHttp.Response response = post(route, body, chunked);
						String what = route + " " + body.name() + (chunked ? " (chunked)" : "");
						assertThat(response.status()).as(what).isBetween(200, 499);
						assertThat(leaks(response.text())).as(what + " echoes markup or a stack trace").isFalse();
						assertThat(response.header("Content-Security-Policy")).as(what).contains("default-src 'self'");
						if (route.startsWith("/api/") && response.status() >= 400) {
							assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
						}
						// What the address takes: JSON for the API, a form for the page.
						String own = route.startsWith("/api/") ? " JSON" : " form";
						if (body.name().equals("huge" + own)) {
							assertThat(response.status()).as(what).isEqualTo(413);
						}
						if (body.name().equals("markup" + own)) {
							assertThat(response.status()).as(what).isEqualTo(200);
							assertThat(response.text()).as(what)
								.containsAnyOf("&lt;script&gt;", "\\u003cscript\\u003e");
						}
					}
				})));
	}

	private RawHttp.Response post(String route, PostedBody body, boolean chunked) {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(("POST " + route + " HTTP/1.1").getBytes(StandardCharsets.US_ASCII));
		List<String> headers = new ArrayList<>();
		if (body.contentType() != null) {
			headers.add("Content-Type: " + body.contentType());
		}
		ByteArrayOutputStream payload = new ByteArrayOutputStream();
		if (chunked) {
			headers.add("Transfer-Encoding: chunked");
			payload.writeBytes((Integer.toHexString(body.bytes().length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
			payload.writeBytes(body.bytes());
			payload.writeBytes("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		else {
			headers.add("Content-Length: " + body.bytes().length);
			payload.writeBytes(body.bytes());
		}
		return RawHttp.send(this.port, request.toByteArray(), payload.toByteArray(), headers.toArray(String[]::new));
	}

	/**
	 * A request body and how it is labelled.
	 *
	 * @param name what it is
	 * @param contentType its Content-Type, or {@code null} for none
	 * @param bytes the body
	 */
	record PostedBody(String name, String contentType, byte[] bytes) {
	}

}
