package org.smtpreference.api;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smtpreference.RawHttp;
import org.smtpreference.SiteClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared handling of request bodies under {@code /api/}, on an endpoint of the test's
 * own: bodies that are not JSON, of the wrong shape, of another content type or over the
 * limit (declared or chunked) get a localized problem, never a server error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(ApiRequestProblemsTests.Echo.class)
class ApiRequestProblemsTests {

	private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	private HttpResponse<String> post(String body, String contentType, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + Echo.PATH))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
		return new SiteClient(this.port).send(request, headers);
	}

	private JsonNode problem(HttpResponse<String> response, int status) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(PROBLEM_MEMBERS).containsAll(problem.propertyNames());
		assertThat(problem.get("status").intValue()).isEqualTo(status);
		assertThat(problem.get("title").stringValue()).isNotBlank();
		assertThat(problem.get("detail").stringValue()).isNotBlank();
		return problem;
	}

	@Test
	void aWellFormedBodyIsTaken() {
		HttpResponse<String> response = post("{\"text\": \"hello\"}", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"text\":\"hello\"}");
	}

	@Test
	void bodiesThatAreNotJsonOrOfTheWrongShapeAreA400() {
		for (String body : List.of("", "not json", "{\"text\": ", "{\"text\": 5}", "{\"text\": true}", "[]", "{}",
				"{\"text\": null}", "{\"text\": [\"a\"]}", "\"text\"", "null")) {
			JsonNode problem = problem(post(body, "application/json"), 400);
			assertThat(problem.get("instance").stringValue()).isEqualTo(Echo.PATH);
		}
		assertThat(problem(post("{\"text\": 5}", "application/json"), 400).get("detail").stringValue())
			.contains("'text'");
	}

	@Test
	void problemsAreInTheReadersLanguage() {
		JsonNode english = problem(post("nope", "application/json", "Accept-Language", "en"), 400);
		JsonNode turkish = problem(post("nope", "application/json", "Accept-Language", "tr"), 400);
		assertThat(turkish.get("title").stringValue()).isEqualTo("İstek gövdesi okunamıyor")
			.isNotEqualTo(english.get("title").stringValue());
	}

	@Test
	void anotherContentTypeIsA415() {
		for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/xml")) {
			JsonNode problem = problem(post("text=hello", type), 415);
			assertThat(problem.get("detail").stringValue()).contains("application/json");
		}
	}

	@Test
	void aBodyOverTheLimitIsA413WhetherItsLengthIsDeclaredOrNot() {
		String big = "{\"text\": \"" + "a".repeat(RequestBodyTooLargeException.MAX_BYTES) + "\"}";
		JsonNode declared = problem(post(big, "application/json"), 413);
		assertThat(declared.get("detail").stringValue()).contains("65536");
		// A publisher of unknown length makes the client send the body in chunks.
		HttpRequest.Builder chunked = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + Echo.PATH + "?lang=tr"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big)));
		JsonNode problem = problem(new SiteClient(this.port).send(chunked), 413);
		assertThat(problem.get("detail").stringValue()).contains("65536 bayt");
		String exactly = "{\"text\": \"" + "a".repeat(RequestBodyTooLargeException.MAX_BYTES - 12) + "\"}";
		assertThat(exactly.getBytes(StandardCharsets.UTF_8)).hasSize(RequestBodyTooLargeException.MAX_BYTES);
		assertThat(post(exactly, "application/json").statusCode()).isEqualTo(200);
	}

	@Test
	void aChunkedBodyOverTheLimitIsRefusedOnTheWire() {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		byte[] chunk = "a".repeat(8192).getBytes(StandardCharsets.US_ASCII);
		body.writeBytes("2\r\n{\"\r\n".getBytes(StandardCharsets.US_ASCII));
		for (int i = 0; i < 10; i++) {
			body.writeBytes("2000\r\n".getBytes(StandardCharsets.US_ASCII));
			body.writeBytes(chunk);
			body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		body.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(("POST " + Echo.PATH + " HTTP/1.1").getBytes(StandardCharsets.US_ASCII));
		RawHttp.Response response = RawHttp.send(this.port, request.toByteArray(), "Content-Type: application/json",
				"Transfer-Encoding: chunked\r\n\r\n" + body.toString(StandardCharsets.ISO_8859_1).stripTrailing());
		assertThat(response.status()).as(response.raw()).isEqualTo(413);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void bytesThatAreNotUtf8AreA400() {
		byte[] bytes = { '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xff, (byte) 0xfe, (byte) 0xc3, 0x28, '"',
				'}' };
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + Echo.PATH))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
		problem(new SiteClient(this.port).send(request), 400);
	}

	/**
	 * A body with one required text.
	 *
	 * @param text the text
	 */
	record EchoRequest(String text) {

		EchoRequest {
			if (text == null) {
				throw new IllegalArgumentException("text is required");
			}
		}

	}

	/**
	 * An API endpoint that takes a JSON body and sends it back.
	 */
	@RestController
	static class Echo {

		static final String PATH = "/api/test/echo";

		@PostMapping(path = PATH, consumes = "application/json", produces = "application/json")
		EchoRequest echo(@RequestBody EchoRequest request) {
			return request;
		}

	}

}
