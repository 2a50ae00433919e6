package org.smtpreference.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import org.smtpreference.content.DecodeExample;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The OpenAPI document at {@code /api/v1/openapi.json} against the running API: every
 * handler under {@code /api/v1} is described, and every operation is called with good and
 * bad input in both languages, each answer's status documented and its body valid against
 * the JSON Schema the document gives for that status (draft 2020-12, as OpenAPI 3.1
 * uses). Every status an operation documents must also really occur.
 */
// The probe is on for loopback so its operations answer everything they document.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.probe.enabled=true", "site.probe.allowed-targets=127.0.0.1/32:1-65535",
				"site.probe.reply-timeout=10s", "site.probe.per-client=1000", "site.probe.global=1000" })
class OpenApiTests {

	/**
	 * A loopback port that takes connections (in its backlog) and never greets: a probe
	 * of it runs until its reply timeout, so the same client's next start is refused.
	 */
	private static ServerSocket silent;

	@BeforeAll
	static void openSilentPort() throws IOException {
		silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
	}

	@AfterAll
	static void closeSilentPort() throws IOException {
		silent.close();
	}

	private static final String DOCUMENT = "/api/v1/openapi.json";

	/** A body just over the API's limit, small enough that the answer still arrives. */
	private static final String TOO_LARGE_TEXT = "5".repeat(RequestBodyTooLargeException.MAX_BYTES + 1024);

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	Reference reference;

	@Autowired
	@Qualifier("requestMappingHandlerMapping")
	RequestMappingHandlerMapping mappings;

	private final Map<String, Schema> schemas = new HashMap<>();

	@Test
	void documentIsOpenApi31InEnglishWithTheLanguageParameter() {
		HttpResponse<String> response = client().get(DOCUMENT);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElseThrow()).getType())
			.isEqualTo("application");
		JsonNode document = this.json.readTree(response.body());
		assertThat(document.get("openapi").stringValue()).startsWith("3.1.");
		assertThat(document.at("/info/title").stringValue()).isEqualTo("SMTP Reference API");
		assertThat(document.at("/components/parameters/lang/schema/enum").values().stream().map(JsonNode::stringValue))
			.containsExactly("en", "tr");
		// The document describes the API, not itself, the pages or the actuator.
		assertThat(operations(document).keySet()).allMatch((key) -> key.contains(" /api/v1/"))
			.noneMatch((key) -> key.contains("openapi"));
		// Every operation takes lang and can be refused JSON.
		operations(document).forEach((key, operation) -> {
			assertThat(operation.get("parameters").toString()).as(key).contains("#/components/parameters/lang");
			assertThat(operation.at("/responses/406").isMissingNode()).as(key).isFalse();
		});
	}

	@Test
	void everyApiHandlerIsDocumentedAndNothingElse() {
		Set<String> handled = new TreeSet<>();
		for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : this.mappings.getHandlerMethods().entrySet()) {
			if (entry.getValue().getBeanType().getName().startsWith("org.springdoc")) {
				continue;
			}
			for (String pattern : entry.getKey().getPatternValues()) {
				if (pattern.startsWith("/api/")) {
					assertThat(entry.getKey().getMethodsCondition().getMethods()).as(pattern).isNotEmpty();
					entry.getKey()
						.getMethodsCondition()
						.getMethods()
						.forEach((method) -> handled.add(method.name() + " " + pattern));
				}
			}
		}
		assertThat(handled).contains("GET /api/v1/commands", "POST /api/v1/decode", "POST /api/v1/playground");
		assertThat(operations(document()).keySet()).containsExactlyInAnyOrderElementsOf(handled);
	}

	@Test
	void everyOperationAnswersAsDocumentedInBothLanguages() {
		JsonNode document = document();
		Map<String, JsonNode> operations = operations(document);
		Map<String, List<Call>> calls = calls();
		assertThat(calls.keySet()).as("operations called").containsExactlyInAnyOrderElementsOf(operations.keySet());
		Map<String, Set<String>> seen = new TreeMap<>();
		int checked = 0;
		for (Map.Entry<String, List<Call>> entry : calls.entrySet()) {
			for (Call call : entry.getValue()) {
				for (Language language : Language.values()) {
					HttpResponse<String> response = call.send(client(), language);
					assertMatches(document, entry.getKey(), response, call + " in " + language.tag());
					seen.computeIfAbsent(entry.getKey(), (key) -> new TreeSet<>())
						.add(String.valueOf(response.statusCode()));
					checked++;
				}
			}
		}
		// Every documented answer really occurs: the document lists no problem that
		// cannot happen, and these calls reach every one. The probe's 404 is its answer
		// when off, which ProbeOffTests checks against this document.
		seen.computeIfPresent("POST /api/v1/probe", (key, statuses) -> {
			statuses.add("404");
			return statuses;
		});
		operations.forEach((key, operation) -> assertThat(seen.get(key)).as(key)
			.containsExactlyInAnyOrderElementsOf(fieldNames(operation.get("responses"))));
		assertThat(checked).isGreaterThan(500);
	}

	@Test
	void everyExampleInTheDocumentMatchesItsSchema() {
		JsonNode document = document();
		List<String> failures = new ArrayList<>();
		int examples = 0;
		List<JsonNode> contents = new ArrayList<>();
		document.at("/components/responses").values().forEach((response) -> contents.add(response.get("content")));
		for (JsonNode operation : operations(document).values()) {
			operation.get("responses").values().forEach((response) -> contents.add(response.get("content")));
			contents.add(operation.at("/requestBody/content"));
		}
		for (JsonNode content : contents) {
			if (content == null || content.isMissingNode()) {
				continue;
			}
			for (JsonNode type : content.values()) {
				for (Map.Entry<String, JsonNode> example : type.path("examples").properties()) {
					examples++;
					validate(document, type.get("schema"), example.getValue().get("value"))
						.forEach((error) -> failures.add(example.getKey() + ": " + error));
				}
			}
		}
		assertThat(failures).isEmpty();
		assertThat(examples).isPositive();
		// Every answer that depends on the language has an example in each, and so has
		// every shared problem.
		List<JsonNode> bilingual = new ArrayList<>();
		document.at("/components/responses").values().forEach(bilingual::add);
		operations(document).forEach((key, operation) -> {
			if (!key.endsWith("/playground")) {
				bilingual.add(operation
					.at(operation.at("/responses/202").isMissingNode() ? "/responses/200" : "/responses/202"));
			}
		});
		for (JsonNode response : bilingual) {
			for (JsonNode type : response.get("content").values()) {
				assertThat(fieldNames(type.path("examples"))).as(response.toString()).containsExactly("en", "tr");
			}
		}
	}

	@Test
	void anUndocumentedStatusOrAWrongBodyFails() {
		JsonNode document = document();
		HttpResponse<String> command = client().get("/api/v1/commands/ehlo?lang=tr");
		assertMatches(document, "GET /api/v1/commands/{slug}", command, "the command EHLO");
		// The same body under a status the operation does not list.
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> assertMatches(document, "GET /api/v1/commands", client().get("/api/v1/commands/nope"),
					"a 404 where the list documents none"))
			.withMessageContaining("404");
		JsonNode schema = document
			.at("/paths/~1api~1v1~1commands~1{slug}/get/responses/200/content/application~1json/schema");
		ObjectNode body = (ObjectNode) this.json.readTree(command.body());
		assertThat(validate(document, schema, body)).isEmpty();
		assertThat(validate(document, schema, body.deepCopy().put("extra", "x"))).isNotEmpty();
		assertThat(validate(document, schema, body.deepCopy().put("rfc", "5321"))).isNotEmpty();
		ObjectNode withoutSlug = body.deepCopy();
		withoutSlug.remove("slug");
		assertThat(validate(document, schema, withoutSlug)).isNotEmpty();
		assertThat(validate(document, schema, body.deepCopy().put("category", "other"))).isNotEmpty();
		assertThat(validate(document, schema, body.deepCopy().putNull("security"))).isEmpty();
		assertThat(validate(document, schema, body.deepCopy().putNull("summary"))).isNotEmpty();
	}

	/**
	 * The requests made to each operation, keyed by method and documented path: entries
	 * named in the lists are each looked up, so every entry of the reference is checked.
	 */
	private Map<String, List<Call>> calls() {
		Map<String, List<Call>> calls = new LinkedHashMap<>();
		calls.put("GET /api/v1/commands", List.of(Call.get("/api/v1/commands"), Call.refused("/api/v1/commands")));
		calls.put("GET /api/v1/commands/{slug}",
				lookups("/api/v1/commands/", this.reference.commands().stream().map((c) -> c.slug()).toList(),
						List.of("RCPT", "mail", "nope", "%C4%B0", "a".repeat(300))));
		calls.put("GET /api/v1/replies", List.of(Call.get("/api/v1/replies"), Call.refused("/api/v1/replies")));
		calls.put("GET /api/v1/replies/{code}",
				lookups("/api/v1/replies/",
						this.reference.replies().stream().map((r) -> String.valueOf(r.code())).toList(),
						List.of("999", "abc", "5500", "99999999999999999999")));
		calls.put("GET /api/v1/status-codes",
				List.of(Call.get("/api/v1/status-codes"), Call.refused("/api/v1/status-codes")));
		calls.put("GET /api/v1/status-codes/{code}",
				lookups("/api/v1/status-codes/", this.reference.statusCodes().stream().map((s) -> s.code()).toList(),
						List.of("9.9.9", "5.7.1.1", "....")));
		calls.put("GET /api/v1/extensions",
				List.of(Call.get("/api/v1/extensions"), Call.refused("/api/v1/extensions")));
		calls.put("GET /api/v1/extensions/{keyword}", lookups("/api/v1/extensions/",
				this.reference.extensions().stream().map((e) -> e.keyword()).toList(), List.of("size", "nope")));
		calls.put("GET /api/v1/samples", List.of(Call.get("/api/v1/samples"), Call.refused("/api/v1/samples")));
		calls.put("GET /api/v1/samples/{id}", lookups("/api/v1/samples/",
				this.reference.samples().stream().map((s) -> s.id()).toList(), List.of("cobol", "..")));
		calls.put("GET /api/v1/search",
				List.of(Call.get("/api/v1/search?q=ehlo"), Call.get("/api/v1/search?q=baglanti"),
						Call.get("/api/v1/search?q=550"), Call.get("/api/v1/search?q=5.7.1"),
						Call.get("/api/v1/search?q=%C4%B0%C4%B1"), Call.get("/api/v1/search?q="),
						Call.get("/api/v1/search"), Call.get("/api/v1/search?q=" + "a".repeat(2000)),
						Call.refused("/api/v1/search?q=ehlo")));
		List<Call> decode = new ArrayList<>();
		decode.add(Call.postJson("/api/v1/decode", "{\"text\": \"550 5.1.1 User unknown\"}"));
		decode.add(Call.postJson("/api/v1/decode", "{\"text\": \"452 4.2.2 Mailbox full; 421 try later; 5.7.26\"}"));
		decode.add(Call.postJson("/api/v1/decode", "{\"text\": \"Connection timed out\"}"));
		decode.add(Call.postJson("/api/v1/decode",
				"{\"text\": \"Final-Recipient: rfc822; a@example.com\\nAction: failed\\nStatus: 5.1.1\\n"
						+ "Diagnostic-Code: smtp; 550 5.1.1 x\\n\\nFinal-Recipient: rfc822; b@example.com\\n"
						+ "Action: delayed\\nStatus: 4.9.9\\n\"}"));
		decode.add(Call.postJson("/api/v1/decode", "{\"text\": \"\"}"));
		for (DecodeExample example : this.reference.decodeExamples()) {
			decode.add(Call.postJson("/api/v1/decode", this.json.writeValueAsString(Map.of("text", example.text()))));
		}
		decode.addAll(bodyProblems("/api/v1/decode", "{\"text\": 5}",
				this.json.writeValueAsString(Map.of("text", TOO_LARGE_TEXT))));
		calls.put("POST /api/v1/decode", decode);
		List<Call> playground = new ArrayList<>();
		playground.add(Call.postJson("/api/v1/playground", "{\"lines\": []}"));
		playground.add(Call.postJson("/api/v1/playground",
				"{\"lines\": [\"EHLO a.example\", \"MAIL FROM:<a@a.example>\", \"RCPT TO:<b@b.example>\", "
						+ "\"DATA\", \"Subject: hi\", \"\", \"hello\", \".\", \"QUIT\", \"NOOP\"]}"));
		playground.add(Call.postJson("/api/v1/playground", "{\"lines\": [\"HELO\", \"AUTH PLAIN\", \"BDAT 5\"]}"));
		playground.add(Call.postJson("/api/v1/playground",
				this.json.writeValueAsString(Map.of("lines", java.util.Collections.nCopies(1001, "NOOP")))));
		playground.addAll(bodyProblems("/api/v1/playground", "{\"lines\": null}",
				this.json.writeValueAsString(Map.of("lines", List.of(TOO_LARGE_TEXT)))));
		calls.put("POST /api/v1/playground", playground);
		String finished = finishedProbe();
		calls.put("POST /api/v1/probe",
				List.of(Call.postJson("/api/v1/probe",
						"{\"host\": \"127.0.0.1\", \"port\": " + silent.getLocalPort() + "}"),
						Call.postJson("/api/v1/probe", "{\"host\": \"192.0.2.1\", \"port\": 25}"),
						Call.postJson("/api/v1/probe", "{\"host\": \"127.0.0.1\", \"port\": 0}"),
						Call.postJson("/api/v1/probe", "{\"host\": \"127.0.0.1\", \"sender\": \"a@b.c\"}"),
						Call.postJson("/api/v1/probe", "not json"), Call.postJson("/api/v1/probe", "[1, 2"),
						Call.postJson("/api/v1/probe", "{\"host\": \"" + TOO_LARGE_TEXT + "\"}"),
						new Call("POST", "/api/v1/probe", "host=x", "text/plain", "application/json"),
						new Call("POST", "/api/v1/probe", "{\"host\": \"x\"}", "application/json", "application/xml")));
		calls.put("GET /api/v1/probe/{id}",
				List.of(Call.get("/api/v1/probe/" + finished), Call.get("/api/v1/probe/nope"),
						Call.get("/api/v1/probe/" + "0".repeat(32)), Call.refused("/api/v1/probe/" + finished)));
		return calls;
	}

	/**
	 * The id of a probe of a closed loopback port, which ends at once, once it has ended.
	 */
	private String finishedProbe() {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		HttpResponse<String> started = Call
			.postJson("/api/v1/probe", "{\"host\": \"127.0.0.1\", \"port\": " + closed + "}")
			.send(client(), Language.EN);
		assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
		String id = this.json.readTree(started.body()).get("id").stringValue();
		for (int i = 0; i < 200; i++) {
			if (this.json.readTree(client().get("/api/v1/probe/" + id).body()).get("done").booleanValue()) {
				return id;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new AssertionError("The probe of a closed port did not end");
	}

	private static List<Call> lookups(String prefix, List<String> keys, List<String> unknown) {
		assertThat(keys).as(prefix).isNotEmpty();
		List<Call> calls = new ArrayList<>();
		keys.forEach((key) -> calls.add(Call.get(prefix + key)));
		unknown.forEach((key) -> calls.add(Call.get(prefix + key)));
		calls.add(Call.refused(prefix + keys.get(0)));
		return calls;
	}

	private static List<Call> bodyProblems(String path, String wrongShape, String tooLarge) {
		return List.of(Call.postJson(path, "not json"), Call.postJson(path, "{}"), Call.postJson(path, wrongShape),
				Call.postJson(path, "[1, 2"), Call.postJson(path, tooLarge),
				new Call("POST", path, "text=550", "text/plain", "application/json"),
				new Call("POST", path, "{\"text\": \"550\"}", "application/json", "application/xml"));
	}

	/**
	 * Fails unless the answer's status is one the operation documents, its content type
	 * one documented for that status, and its body valid against that schema.
	 */
	private void assertMatches(JsonNode document, String operationKey, HttpResponse<String> response, String what) {
		JsonNode operation = operations(document).get(operationKey);
		assertThat(operation).as(operationKey).isNotNull();
		String status = String.valueOf(response.statusCode());
		JsonNode documented = resolve(document, operation.get("responses").get(status));
		assertThat(documented)
			.as("%s answered %s, which %s does not document: %s", what, status, operationKey,
					abbreviate(response.body()))
			.isNotNull();
		String contentType = response.headers().firstValue("Content-Type").orElse("");
		String mediaType = contentType.isEmpty() ? "" : MediaType.parseMediaType(contentType).getType() + "/"
				+ MediaType.parseMediaType(contentType).getSubtype();
		JsonNode content = documented.path("content").get(mediaType);
		assertThat(content)
			.as("%s answered %s as %s; documented: %s", what, status, contentType,
					fieldNames(documented.path("content")))
			.isNotNull();
		List<String> errors = validate(document, content.get("schema"), this.json.readTree(response.body()));
		assertThat(errors).as("%s (%s) against the document: %s", what, status, abbreviate(response.body())).isEmpty();
	}

	private List<String> validate(JsonNode document, JsonNode schema, JsonNode value) {
		String key = schema.toString();
		Schema validator = this.schemas.computeIfAbsent(key, (k) -> {
			ObjectNode root = this.json.createObjectNode();
			root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
			root.set("components", document.get("components"));
			root.putArray("allOf").add(schema);
			return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(root);
		});
		return validator.validate(value).stream().map(Error::toString).toList();
	}

	private static JsonNode resolve(JsonNode document, JsonNode node) {
		if (node != null && node.has("$ref")) {
			return document.at(node.get("$ref").stringValue().substring(1));
		}
		return node;
	}

	/**
	 * Every operation of the document, keyed like {@code GET /api/v1/commands}.
	 */
	private static Map<String, JsonNode> operations(JsonNode document) {
		Map<String, JsonNode> operations = new TreeMap<>();
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
				if (Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace")
					.contains(operation.getKey())) {
					operations.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
							operation.getValue());
				}
			}
		}
		return operations;
	}

	private static Set<String> fieldNames(JsonNode node) {
		return node.properties().stream().map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
	}

	private JsonNode document() {
		HttpResponse<String> response = client().get(DOCUMENT);
		assertThat(response.statusCode()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	private static String abbreviate(String body) {
		return (body.length() > 300) ? body.substring(0, 300) + "…" : body;
	}

	/**
	 * One request to the API, sent once per language.
	 */
	record Call(String method, String path, String body, String contentType, String accept) {

		static Call get(String path) {
			return new Call("GET", path, null, null, "application/json");
		}

		/** A request whose {@code Accept} header allows no JSON. */
		static Call refused(String path) {
			return new Call("GET", path, null, null, "application/xml");
		}

		static Call postJson(String path, String body) {
			return new Call("POST", path, body, "application/json", "application/json");
		}

		HttpResponse<String> send(SiteClient client, Language language) {
			URI uri = URI
				.create(client.base() + this.path + (this.path.contains("?") ? "&" : "?") + "lang=" + language.tag());
			HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Accept", this.accept);
			if (this.body != null) {
				request.header("Content-Type", this.contentType)
					.POST(HttpRequest.BodyPublishers.ofString(this.body, StandardCharsets.UTF_8));
			}
			return client.send(request);
		}

		@Override
		public String toString() {
			return this.method + " " + ((this.path.length() > 80) ? this.path.substring(0, 80) + "…" : this.path)
					+ ((this.body != null) ? " " + this.body.substring(0, Math.min(40, this.body.length())) : "")
					+ " (Accept: " + this.accept + ")";
		}

	}

}
