package org.smtpreference.playground;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/v1/playground} over real HTTP: the shape of its answer, message
 * content without replies, the end at QUIT, and a problem (never a server error) for
 * every body it cannot take.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaygroundApiTests {

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private HttpResponse<String> post(String query, String contentType, HttpRequest.BodyPublisher body)
			throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/playground" + query))
			.header("Content-Type", contentType)
			.header("Accept", "application/json")
			.POST(body)
			.build();
		return this.client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
	}

	private HttpResponse<String> post(String body) throws Exception {
		return post("", "application/json", HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	private JsonNode played(String... lines) throws Exception {
		HttpResponse<String> response = post(this.json.writeValueAsString(new PlaygroundRequest(List.of(lines), null)));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		assertThat(response.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
		return this.json.readTree(response.body());
	}

	private JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("title").stringValue()).isNotBlank();
		assertThat(problem.get("detail").stringValue()).isNotBlank();
		assertThat(response.body()).doesNotContain("Exception", "at org.");
		return problem;
	}

	private JsonNode played(String lang, PlaygroundRequest request) throws Exception {
		HttpResponse<String> response = post("?lang=" + lang, "application/json",
				HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(request), StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	@Test
	void saysWhatEachReplyMeansInTheLanguageAskedFor() throws Exception {
		PlaygroundRequest request = new PlaygroundRequest(
				List.of("EHLO a.example", "MAIL FROM:<a@example.org>", "RCPT TO:<nobody@example.com>"), null);
		JsonNode english = played("en", request);
		JsonNode turkish = played("tr", request);
		JsonNode en = english.get("exchanges").get(2).get("meanings").get(0);
		JsonNode tr = turkish.get("exchanges").get(2).get("meanings").get(0);
		assertThat(en.get("code").stringValue()).isEqualTo("550 5.1.1");
		assertThat(en.get("path").stringValue()).isEqualTo("/status-codes/5.1.1");
		assertThat(en.get("after").intValue()).isZero();
		assertThat(en.get("text").stringValue()).isNotBlank().isNotEqualTo(tr.get("text").stringValue());
		// A multi-line reply has one meaning, under its last line.
		JsonNode ehlo = english.get("exchanges").get(0);
		assertThat(ehlo.get("meanings")).hasSize(1);
		assertThat(ehlo.get("meanings").get(0).get("after").intValue()).isEqualTo(ehlo.get("replies").size() - 1);
		assertThat(ehlo.get("command").stringValue()).isEqualTo("/commands/ehlo");
		assertThat(english.get("greetingMeanings").get(0).get("code").stringValue()).startsWith("220");
	}

	@Test
	void saysWhatTheServerWaitsForAfter354AndDuringBdat() throws Exception {
		JsonNode data = played("en", new PlaygroundRequest(
				List.of("EHLO a", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.com>", "DATA", "Hi"), null));
		assertThat(data.get("writing").booleanValue()).isTrue();
		assertThat(data.get("state").stringValue()).contains("\".\"");
		JsonNode chunk = played("tr", new PlaygroundRequest(
				List.of("EHLO a", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.com>", "BDAT 10 LAST", "abc"),
				null));
		// "abc" and its CRLF are 5 of the 10 octets.
		assertThat(chunk.get("writing").booleanValue()).isFalse();
		assertThat(chunk.get("octetsOwed").longValue()).isEqualTo(5);
		assertThat(chunk.get("state").stringValue()).contains("5 bayt");
		JsonNode done = played("en", new PlaygroundRequest(
				List.of("EHLO a", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.com>", "BDAT 10 LAST", "abc", "abc"),
				null));
		assertThat(done.get("octetsOwed").longValue()).isZero();
		assertThat(done.get("state").isNull()).isTrue();
	}

	@Test
	void aGuidedSessionsLinesArePlayedOnItsServer() throws Exception {
		// The legacy submission server offers AUTH before TLS; the playground's own does
		// not.
		List<String> lines = List.of("EHLO a.example");
		JsonNode own = played("en", new PlaygroundRequest(lines, null));
		JsonNode implicit = played("en", new PlaygroundRequest(lines, "legacy-submission"));
		assertThat(own.get("exchanges").get(0).get("replies").toString()).doesNotContain("AUTH");
		assertThat(implicit.get("exchanges").get(0).get("replies").toString()).contains("AUTH");
		JsonNode unknown = played("en", new PlaygroundRequest(lines, "nope"));
		assertThat(unknown.get("exchanges")).isEqualTo(own.get("exchanges"));
	}

	@Test
	void aHostileScenarioNameGetsAnAnswerNeverAServerError() throws Exception {
		for (String scenario : List.of("\"" + "x".repeat(10_000) + "\"", "\"../../etc/passwd\"", "\"<script>\"", "5",
				"[\"greylisting\"]", "{\"id\": \"greylisting\"}", "null")) {
			HttpResponse<String> response = post("{\"lines\": [\"EHLO a\"], \"scenario\": " + scenario + "}");
			assertThat(response.statusCode()).as(scenario).isIn(200, 400);
			assertThat(response.body()).as(scenario).doesNotContain("Exception", "at org.", "<script>");
		}
	}

	@Test
	void answersTheGreetingAndEachLineWithItsReplies() throws Exception {
		JsonNode answer = played("EHLO a.example", "MAIL FROM:<alice@example.org>", "RCPT TO:<nobody@example.com>",
				"RCPT TO:<bob@example.com>", "DATA", "Subject: Hi", "", "Hello.", ".");
		assertThat(answer.propertyNames()).containsExactlyInAnyOrder("greeting", "greetingMeanings", "exchanges",
				"closed", "writing", "octetsOwed", "state");
		assertThat(answer.get("greeting").stringValue()).startsWith("220 mail.example.com ");
		assertThat(answer.get("closed").booleanValue()).isFalse();
		JsonNode exchanges = answer.get("exchanges");
		assertThat(exchanges).hasSize(9);
		assertThat(exchanges.get(0).propertyNames()).containsExactlyInAnyOrder("client", "replies", "command",
				"meanings", "hint");
		assertThat(exchanges.get(0).get("client").stringValue()).isEqualTo("EHLO a.example");
		assertThat(replies(exchanges.get(0))).first().isEqualTo("250-mail.example.com Hello a.example");
		assertThat(replies(exchanges.get(0))).last().isEqualTo("250 HELP");
		assertThat(replies(exchanges.get(2)))
			.containsExactly("550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown");
		assertThat(replies(exchanges.get(4))).singleElement().asString().startsWith("354 ");
		// Message content gets no replies until the lone dot.
		for (int i = 5; i < 8; i++) {
			assertThat(exchanges.get(i).get("replies").isArray()).isTrue();
			assertThat(replies(exchanges.get(i))).as(exchanges.get(i).toString()).isEmpty();
		}
		assertThat(replies(exchanges.get(8))).singleElement().asString().startsWith("250 2.0.0 OK: ");
	}

	@Test
	void endsAtQuitAndPlaysNothingAfterIt() throws Exception {
		// RFC 2034 section 4: enhanced codes after HELO too.
		JsonNode answer = played("HELO a.example", "QUIT", "NOOP", "EHLO again.example");
		assertThat(answer.get("closed").booleanValue()).isTrue();
		assertThat(answer.get("exchanges")).hasSize(2);
		assertThat(replies(answer.get("exchanges").get(1)))
			.containsExactly("221 2.0.0 mail.example.com closing connection");
	}

	@Test
	void aLineHoldingABareLineFeedIsRefusedAndEndsTheSession() throws Exception {
		// RFC 5321 section 2.3.8: a bare LF is no line end; refused as Postfix's
		// smtpd_forbid_bare_newline = reject does.
		JsonNode answer = played("EHLO a.example", "NOOP\nQUIT", "NOOP");
		assertThat(answer.get("closed").booleanValue()).isTrue();
		assertThat(answer.get("exchanges")).hasSize(2);
		assertThat(replies(answer.get("exchanges").get(1)))
			.containsExactly("550 5.5.2 mail.example.com Error: bare <LF> received");
	}

	@Test
	void theSameLinesGetTheSameAnswerEveryTime() throws Exception {
		String[] lines = { "EHLO a.example", "MAIL FROM:<a@example.org>", "RCPT TO:<b@example.com>", "DATA", "x", "." };
		assertThat(played(lines)).isEqualTo(played(lines));
		assertThat(played().get("exchanges")).isEmpty();
	}

	@Test
	void answersInEitherLanguage() throws Exception {
		HttpResponse<String> turkish = post("?lang=tr", "application/json",
				HttpRequest.BodyPublishers.ofString("{\"lines\": [\"NOOP\"]}"));
		assertThat(turkish.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(turkish.body()).get("exchanges").get(0).get("replies").get(0).stringValue())
			.isEqualTo("250 2.0.0 OK");
		String english = problem(post("?lang=en", "application/json", HttpRequest.BodyPublishers.ofString("[]")), 400)
			.get("title")
			.stringValue();
		String translated = problem(post("?lang=tr", "application/json", HttpRequest.BodyPublishers.ofString("[]")),
				400)
			.get("title")
			.stringValue();
		assertThat(translated).isNotEqualTo(english).isEqualTo("İstek gövdesi okunamıyor");
	}

	@Test
	void moreThanAThousandLinesIsTooMany() throws Exception {
		List<String> lines = new ArrayList<>(Collections.nCopies(1000, "NOOP"));
		assertThat(played(lines.toArray(String[]::new)).get("exchanges")).hasSize(1000);
		lines.add("NOOP");
		JsonNode problem = problem(post(this.json.writeValueAsString(new PlaygroundRequest(lines, null))), 413);
		assertThat(problem.get("detail").stringValue()).contains("1000");
		JsonNode turkish = problem(post("?lang=tr", "application/json",
				HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(new PlaygroundRequest(lines, null)))),
				413);
		assertThat(turkish.get("title").stringValue()).isEqualTo("Çok fazla satır");
	}

	@Test
	void theLargestBodyGetsABoundedAnswer() throws Exception {
		// The most a body may hold, spent on the line with the longest answer: EHLO with
		// a
		// long name, which the twelve-line reply echoes. About 450 KB with each reply's
		// meaning, 7 times the body (and a few KB gzipped): a guard that keeps it so, as
		// the form's page is kept small.
		String line = "EHLO " + "a".repeat(55) + ".example";
		List<String> lines = new java.util.ArrayList<>(java.util.Collections.nCopies(Replay.MAX_LINES, line));
		String body = this.json.writeValueAsString(new PlaygroundRequest(lines, null));
		while (body.length() > 64 * 1024) {
			lines.remove(lines.size() - 1);
			body = this.json.writeValueAsString(new PlaygroundRequest(lines, null));
		}
		HttpResponse<String> response = post(body);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.json.readTree(response.body()).get("exchanges")).hasSize(lines.size());
		assertThat(response.body().length()).isLessThan(500_000);
	}

	@Test
	void aBodyOverSixtyFourKibibytesIsTooLarge() throws Exception {
		String body = "{\"lines\": [\"" + "A".repeat(64 * 1024) + "\"]}";
		problem(post(body), 413);
		// Without a declared length (chunked), the limit holds all the same.
		problem(post("", "application/json", HttpRequest.BodyPublishers
			.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))), 413);
	}

	@Test
	void bodiesOfTheWrongShapeAreBadRequests() throws Exception {
		for (String body : List.of("EHLO a.example", "{\"lines\": \"x\"}", "{\"lines\": [1]}", "[]", "{}",
				"{\"lines\": [null]}", "{\"lines\": [[\"EHLO\"]]}", "{\"lines\": [\"EHLO\"", "", "null")) {
			problem(post(body), 400);
		}
		byte[] binary = new byte[2048];
		new Random(7).nextBytes(binary);
		problem(post("", "application/json", HttpRequest.BodyPublishers.ofByteArray(binary)), 400);
	}

	@Test
	void anotherContentTypeIsUnsupported() throws Exception {
		problem(post("", "text/plain", HttpRequest.BodyPublishers.ofString("EHLO a.example")), 415);
		problem(post("", "application/x-www-form-urlencoded", HttpRequest.BodyPublishers.ofString("lines=EHLO")), 415);
	}

	private static List<String> replies(JsonNode exchange) {
		List<String> replies = new ArrayList<>();
		exchange.get("replies").forEach((reply) -> replies.add(reply.stringValue()));
		return replies;
	}

}
