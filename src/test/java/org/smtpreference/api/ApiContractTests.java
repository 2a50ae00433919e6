package org.smtpreference.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Command;
import org.smtpreference.content.Extension;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Reply;
import org.smtpreference.content.Sample;
import org.smtpreference.content.StatusCode;
import org.smtpreference.content.Text;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON API under {@code /api/v1} over real HTTP, held to its contract: every
 * documented field present with its type and no other, every entry of the reference
 * listed, text in the language asked for, unknown entries a 404 problem, and no input
 * answered with a server error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiContractTests {

	private static final Path SAMPLES = Path.of("src/main/resources/samples");

	/** A JSON string that is not blank. */
	private static final Shape TEXT = (path, node, problems) -> {
		if (!node.isString() || node.stringValue().isBlank()) {
			problems.add(path + " should be a non-blank string, is " + abbreviate(node));
		}
	};

	/** A JSON string, possibly empty (a blank line of an exchange, a cleaned query). */
	private static final Shape STRING = (path, node, problems) -> {
		if (!node.isString()) {
			problems.add(path + " should be a string, is " + abbreviate(node));
		}
	};

	private static final Shape INT = (path, node, problems) -> {
		if (!node.isInt()) {
			problems.add(path + " should be an integer, is " + abbreviate(node));
		}
	};

	private static final Shape BOOLEAN = (path, node, problems) -> {
		if (!node.isBoolean()) {
			problems.add(path + " should be true or false, is " + abbreviate(node));
		}
	};

	private static final Shape SLUG = matching("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Shape REPLY_CODE = (path, node, problems) -> {
		if (!node.isInt() || node.intValue() < 200 || node.intValue() > 599) {
			problems.add(path + " should be a reply code from 200 to 599, is " + abbreviate(node));
		}
	};

	private static final Shape STATUS_CODE = matching("[245]\\.\\d{1,3}\\.\\d{1,3}");

	private static final Shape EXCHANGE_LINE = object("from", oneOf("client", "server"), "line", STRING, "decoded",
			nullable(TEXT));

	private static final Shape COMMAND_SUMMARY = object("slug", SLUG, "verb", TEXT, "category",
			oneOf("session", "auth", "message"), "syntax", TEXT, "summary", TEXT, "obsolete", BOOLEAN, "url",
			matching("/commands/[a-z0-9-]+"));

	private static final Shape COMMAND = object("slug", SLUG, "verb", TEXT, "category",
			oneOf("session", "auth", "message"), "syntax", TEXT, "summary", TEXT, "description", TEXT, "security",
			nullable(TEXT), "rfc", INT, "section", TEXT, "obsolete", BOOLEAN, "replacedBy", arrayOf(SLUG), "related",
			arrayOf(SLUG), "replies",
			object("success", arrayOf(REPLY_CODE), "intermediate", arrayOf(REPLY_CODE), "error", arrayOf(REPLY_CODE)),
			"parameters",
			arrayOf(object("name", TEXT, "extension", nullable(SLUG), "rfc", nullable(INT), "description", TEXT)),
			"mechanisms",
			arrayOf(object("name", TEXT, "rfc", nullable(INT), "summary", TEXT, "exchange", arrayOf(EXCHANGE_LINE))),
			"example", arrayOf(EXCHANGE_LINE), "url", matching("/commands/[a-z0-9-]+"));

	private static final Shape REPLY = object("code", REPLY_CODE, "title", TEXT, "replyClass", TEXT, "retry", TEXT,
			"meaning", TEXT, "when", TEXT, "causes", TEXT, "sender", TEXT, "admin", TEXT, "example", TEXT, "enhanced",
			arrayOf(STATUS_CODE), "commands", arrayOf(SLUG), "rfc", INT, "section", TEXT, "url",
			matching("/replies/\\d{3}"));

	private static final Shape STATUS = object("code", STATUS_CODE, "registryEntry",
			matching("X\\.\\d{1,3}\\.\\d{1,3}"), "title", TEXT, "description", TEXT, "statusClass", TEXT, "subject",
			TEXT, "basic", arrayOf(REPLY_CODE), "otherBasic", arrayOf(TEXT), "rfc", nullable(INT), "reference",
			nullable(TEXT), "url", matching("/status-codes/[245]\\.\\d{1,3}\\.\\d{1,3}"));

	private static final Shape EXTENSION = object("keyword", TEXT, "slug", SLUG, "rfc", nullable(INT), "reference",
			nullable(TEXT), "status", oneOf("current", "obsolete", "historic"), "summary", TEXT, "description",
			nullable(TEXT), "commands", arrayOf(SLUG), "ehlo", arrayOf(EXCHANGE_LINE), "example",
			arrayOf(EXCHANGE_LINE), "url", matching("/extensions/[a-z0-9-]+"));

	private static final Shape SAMPLE = object("id", SLUG, "language", TEXT, "title", TEXT, "library", TEXT,
			"libraryVersion", TEXT, "transport", TEXT, "explanation", TEXT, "file", TEXT, "code", TEXT, "commandLines",
			mapOf(TEXT));

	private static final Shape SEARCH = object("query", STRING, "lang", oneOf("en", "tr"), "hits",
			arrayOf(object("kind", oneOf("command", "reply", "status", "extension", "faq"), "key", TEXT, "title", TEXT,
					"summary", STRING, "url", matching("/[^\\s]*"))));

	/** RFC 9457 members; anything else (a trace, an exception) must not appear. */
	private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance");

	@LocalServerPort
	int port;

	@Autowired
	Reference reference;

	@Autowired
	JsonMapper json;

	@Autowired
	SiteProperties properties;

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	@Test
	void commandsListEveryCommandInReferenceOrder() {
		JsonNode commands = getJson("/api/v1/commands");
		assertShape(commands, arrayOf(COMMAND_SUMMARY));
		assertThat(values(commands, "slug")).containsExactlyElementsOf(slugs(this.reference.commands()));
	}

	@Test
	void commandIsFoundBySlugAndByOtherSpellings() {
		for (String spelling : List.of("mail-from", "MAIL", "mail%20from", "Mail_From", "MAIL%20FROM:")) {
			JsonNode command = getJson("/api/v1/commands/" + spelling);
			assertShape(command, COMMAND);
			assertThat(command.get("slug").stringValue()).as(spelling).isEqualTo("mail-from");
			assertThat(command.get("verb").stringValue()).as(spelling).isEqualTo("MAIL FROM");
		}
		for (Command expected : this.reference.commands()) {
			JsonNode command = getJson("/api/v1/commands/" + expected.slug());
			assertShape(command, COMMAND);
			assertThat(command.get("url").stringValue()).isEqualTo(expected.path());
		}
	}

	@Test
	void identifiersWithAnIAreFoundForTurkishReaders() {
		// With a Turkish locale "QUIT".toLowerCase() is "quıt" and "PIPELINING" loses
		// every dot: lookups must not depend on the reader's language.
		assertThat(getJson("/api/v1/commands/QUIT?lang=tr").get("slug").stringValue()).isEqualTo("quit");
		assertThat(getJson("/api/v1/commands/RCPT?lang=tr").get("slug").stringValue()).isEqualTo("rcpt-to");
		assertThat(getJson("/api/v1/extensions/PIPELINING?lang=tr").get("slug").stringValue()).isEqualTo("pipelining");
		assertThat(getJson("/api/v1/extensions/SIZE", "Accept-Language", "tr-TR").get("slug").stringValue())
			.isEqualTo("size");
	}

	@Test
	void repliesListEveryReplyCode() {
		JsonNode replies = getJson("/api/v1/replies");
		assertShape(replies, arrayOf(REPLY));
		assertThat(values(replies, "code"))
			.containsExactlyElementsOf(this.reference.replies().stream().map((r) -> String.valueOf(r.code())).toList());
		JsonNode reply = getJson("/api/v1/replies/550");
		assertShape(reply, REPLY);
		assertThat(reply.get("code").intValue()).isEqualTo(550);
		assertThat(values(reply.get("enhanced"))).contains("5.1.1", "5.7.1");
		assertThat(values(reply.get("commands"))).contains("rcpt-to");
	}

	@Test
	void statusCodesListEveryEnhancedCode() {
		JsonNode codes = getJson("/api/v1/status-codes");
		assertShape(codes, arrayOf(STATUS));
		assertThat(values(codes, "code"))
			.containsExactlyElementsOf(this.reference.statusCodes().stream().map(StatusCode::code).toList());
		JsonNode status = getJson("/api/v1/status-codes/5.7.1");
		assertShape(status, STATUS);
		assertThat(status.get("code").stringValue()).isEqualTo("5.7.1");
		assertThat(status.get("registryEntry").stringValue()).isEqualTo("X.7.1");
		assertThat(values(status.get("basic"))).contains("550");
	}

	@Test
	void extensionsListEveryKeyword() {
		JsonNode extensions = getJson("/api/v1/extensions");
		assertShape(extensions, arrayOf(EXTENSION));
		assertThat(values(extensions, "slug"))
			.containsExactlyElementsOf(this.reference.extensions().stream().map(Extension::slug).toList());
		JsonNode pipelining = getJson("/api/v1/extensions/pipelining");
		assertShape(pipelining, EXTENSION);
		assertThat(pipelining.get("keyword").stringValue()).isEqualTo("PIPELINING");
		assertThat(pipelining.get("rfc").intValue()).isEqualTo(2920);
	}

	@Test
	void samplesListEverySample() {
		JsonNode samples = getJson("/api/v1/samples");
		assertShape(samples, arrayOf(SAMPLE));
		assertThat(values(samples, "id"))
			.containsExactlyElementsOf(this.reference.samples().stream().map(Sample::id).toList());
		JsonNode python = getJson("/api/v1/samples/python");
		assertShape(python, SAMPLE);
		assertThat(python.get("file").stringValue()).isEqualTo("python/send_email.py");
		assertThat(python.get("code").stringValue()).contains("def send_email_smtp(", "def test_smtp_connection(");
		assertThat(python.get("commandLines").get("starttls").stringValue())
			.isEqualTo("server.starttls(context=context)");
	}

	@Test
	void sampleCodeIsTheFileVerbatim() throws IOException {
		JsonNode list = getJson("/api/v1/samples");
		for (Sample sample : this.reference.samples()) {
			byte[] file = Files.readAllBytes(SAMPLES.resolve(sample.file()));
			JsonNode one = getJson("/api/v1/samples/" + sample.id());
			assertThat(one.get("code").stringValue().getBytes(StandardCharsets.UTF_8)).as(sample.file())
				.isEqualTo(file);
			JsonNode listed = list.valueStream()
				.filter((node) -> node.get("id").stringValue().equals(sample.id()))
				.findFirst()
				.orElseThrow();
			assertThat(listed.get("code").stringValue().getBytes(StandardCharsets.UTF_8)).as(sample.file())
				.isEqualTo(file);
		}
	}

	@Test
	void searchAnswersWithRankedHits() {
		JsonNode rcpt = getJson("/api/v1/search?q=recpt");
		assertShape(rcpt, SEARCH);
		assertThat(rcpt.get("query").stringValue()).isEqualTo("recpt");
		assertThat(rcpt.get("hits").get(0).get("url").stringValue()).isEqualTo("/commands/rcpt-to");
		assertThat(getJson("/api/v1/search?q=550").get("hits").get(0).get("key").stringValue()).isEqualTo("550");
		assertThat(getJson("/api/v1/search?q=5.7.1").get("hits").get(0).get("key").stringValue()).isEqualTo("5.7.1");
		JsonNode turkish = getJson("/api/v1/search?q=baglanti&lang=tr");
		assertShape(turkish, SEARCH);
		assertThat(turkish.get("lang").stringValue()).isEqualTo("tr");
		assertThat(turkish.get("hits")).isNotEmpty();
		JsonNode nothing = getJson("/api/v1/search");
		assertShape(nothing, SEARCH);
		assertThat(nothing.get("hits")).isEmpty();
	}

	@Test
	void listsAreInTheLanguageAsked() {
		assertBothLanguages("/api/v1/commands", "slug", this.reference.commands(), Command::slug, "summary",
				Command::summary);
		assertBothLanguages("/api/v1/replies", "code", this.reference.replies(), (r) -> String.valueOf(r.code()),
				"meaning", Reply::meaning);
		assertBothLanguages("/api/v1/status-codes", "code", this.reference.statusCodes(), StatusCode::code, "title",
				(s) -> s.entry().title());
		assertBothLanguages("/api/v1/extensions", "slug", this.reference.extensions(), Extension::slug, "summary",
				Extension::summary);
		assertBothLanguages("/api/v1/samples", "id", this.reference.samples(), Sample::id, "explanation",
				Sample::explanation);
	}

	@Test
	void entriesAreInTheLanguageAsked() {
		Command mail = this.reference.command("mail-from").orElseThrow();
		assertLanguage("/api/v1/commands/MAIL", "description", mail.description());
		Reply reply = this.reference.reply(550).orElseThrow();
		assertLanguage("/api/v1/replies/550", "admin", reply.admin());
		StatusCode status = this.reference.statusCode("5.7.1").orElseThrow();
		assertLanguage("/api/v1/status-codes/5.7.1", "description", status.entry().description());
		Extension pipelining = this.reference.extension("pipelining").orElseThrow();
		assertLanguage("/api/v1/extensions/pipelining", "summary", pipelining.summary());
		Sample python = this.reference.sample("python").orElseThrow();
		assertLanguage("/api/v1/samples/python", "title", python.title());
		JsonNode english = getJson("/api/v1/search?q=ehlo&lang=en");
		JsonNode turkish = getJson("/api/v1/search?q=ehlo&lang=tr");
		assertThat(english.get("lang").stringValue()).isEqualTo("en");
		assertThat(turkish.get("lang").stringValue()).isEqualTo("tr");
		assertThat(turkish.get("hits").get(0).get("summary").stringValue())
			.isEqualTo(this.reference.command("ehlo").orElseThrow().summary().tr().plain())
			.isNotEqualTo(english.get("hits").get(0).get("summary").stringValue());
	}

	@Test
	void acceptLanguageChoosesTheLanguageWithoutParameter() {
		String turkish = this.reference.command("ehlo").orElseThrow().summary().tr().plain();
		assertThat(getJson("/api/v1/commands/ehlo", "Accept-Language", "tr-TR,tr;q=0.9").get("summary").stringValue())
			.isEqualTo(turkish);
		assertThat(getJson("/api/v1/commands/ehlo?lang=en", "Accept-Language", "tr").get("summary").stringValue())
			.isNotEqualTo(turkish);
	}

	@Test
	void unknownEntriesAreANotFoundProblem() {
		for (String path : List.of("/api/v1/commands/nope", "/api/v1/commands/mial-form", "/api/v1/replies/999",
				"/api/v1/replies/abc", "/api/v1/replies/5500", "/api/v1/status-codes/9.9.9",
				"/api/v1/status-codes/5.7.1.1", "/api/v1/extensions/nope", "/api/v1/samples/cobol",
				"/api/v1/samples/..", "/api/v1/nothing-here", "/api/v2/commands")) {
			JsonNode english = assertProblem(client().get(path + "?lang=en"), 404, path);
			JsonNode turkish = assertProblem(client().get(path + "?lang=tr"), 404, path);
			assertThat(turkish.get("detail").stringValue()).as(path).isNotEqualTo(english.get("detail").stringValue());
		}
	}

	@Test
	void wrongMethodOrFormatIsAProblemNotAPage() {
		assertProblem(client()
			.send(HttpRequest.newBuilder(uri("/api/v1/commands")).POST(HttpRequest.BodyPublishers.ofString("{}"))), 405,
				"POST /api/v1/commands");
		HttpResponse<String> xml = client().get("/api/v1/commands", "Accept", "application/xml");
		assertThat(xml.statusCode()).isBetween(400, 499);
		assertProblem(xml, xml.statusCode(), "Accept: application/xml");
	}

	@Test
	void badInputNeverGivesAServerError() {
		List<String> paths = List.of("/api/v1/search?q=" + "a".repeat(5000), "/api/v1/search?q=%00%01%02%1b%7f",
				"/api/v1/search?q=%ff%fe", "/api/v1/search?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
				"/api/v1/search?q=%C4%B0%C4%B1%C4%9F%C5%9F", "/api/v1/search?q=%F0%9F%93%A7%E2%80%8F",
				"/api/v1/search?q=" + "%25".repeat(300), "/api/v1/search?q=ehlo&lang=../../x",
				"/api/v1/search?q=ehlo&lang=%00", "/api/v1/search?q=ehlo&lang=",
				"/api/v1/search?q=ehlo&lang=tr&lang=en", "/api/v1/search?q=ehlo&q=helo", "/api/v1/search?q",
				"/api/v1/commands?lang=../../x", "/api/v1/commands?lang=" + "t".repeat(3000), "/api/v1/commands/%00",
				"/api/v1/commands/%C3%28", "/api/v1/commands/a%2Fb", "/api/v1/commands/..%2F..%2Fetc%2Fpasswd",
				"/api/v1/commands/%C4%B0", "/api/v1/commands/" + "a".repeat(3000),
				"/api/v1/replies/99999999999999999999", "/api/v1/replies/%D9%A5%D9%A5%D9%A0",
				"/api/v1/status-codes/5.7.1%00", "/api/v1/status-codes/....", "/api/v1/extensions/%E2%80%AE",
				"/api/v1/samples/..%2Fcontent%2Fsamples.yml", "/api/v1/samples/python?lang=%FF");
		for (String path : paths) {
			HttpResponse<String> response = client().get(path);
			assertThat(response.statusCode()).as(path).isLessThan(500);
			if (response.statusCode() == 200) {
				assertThat(mediaType(response)).as(path).isEqualTo(MediaType.APPLICATION_JSON);
				assertThat(this.json.readTree(response.body()).isContainer()).as(path).isTrue();
			}
			else {
				// Errors tell nothing about the server: no exception, trace or version.
				assertThat(response.body()).as(path)
					.doesNotContain("Exception")
					.doesNotContain("\tat ")
					.doesNotContain("Jetty")
					.doesNotContain("Tomcat");
			}
		}
		for (String header : List.of(";;;", "x".repeat(4000), "tr;q=abc", "*", "\u00e7", "tr-TR;q=2")) {
			HttpResponse<String> response = client().get("/api/v1/commands/ehlo", "Accept-Language", header);
			assertThat(response.statusCode()).as(header).isEqualTo(200);
		}
	}

	@Test
	void longQueriesAreCutNotRefused() {
		JsonNode search = getJson("/api/v1/search?q=" + "ehlo+".repeat(1000));
		assertThat(search.get("query").stringValue()).hasSizeLessThanOrEqualTo(this.properties.maxQueryLength());
		JsonNode control = getJson("/api/v1/search?q=eh%00lo%1b%07");
		assertThat(control.get("query").stringValue()).doesNotContainPattern("\\p{Cntrl}");
		assertThat(getJson("/api/v1/search?q=ehlo&lang=../../x").get("lang").stringValue()).isEqualTo("en");
	}

	@Test
	void shapeCheckReportsMissingExtraAndMistypedMembers() {
		JsonNode node = this.json.readTree("{\"slug\":\"Not A Slug\",\"obsolete\":\"no\",\"internal\":1}");
		List<String> problems = new ArrayList<>();
		object("slug", SLUG, "obsolete", BOOLEAN, "url", TEXT).check("$", node, problems);
		assertThat(problems).hasSize(4)
			.anyMatch((p) -> p.startsWith("$.slug should be a string matching"))
			.anyMatch((p) -> p.startsWith("$.obsolete should be true or false"))
			.contains("$.url is missing", "$.internal is not part of the documented response");
	}

	private <T> void assertBothLanguages(String path, String key, List<T> entries, Function<T, String> id, String field,
			Function<T, Text> text) {
		JsonNode english = getJson(path + "?lang=en");
		JsonNode turkish = getJson(path + "?lang=tr");
		assertThat(english.size()).as(path).isEqualTo(entries.size());
		assertThat(turkish.size()).as(path).isEqualTo(entries.size());
		int different = 0;
		for (int i = 0; i < entries.size(); i++) {
			T entry = entries.get(i);
			String where = path + " " + id.apply(entry) + " " + field;
			assertThat(english.get(i).get(key).asString()).as(where).isEqualTo(id.apply(entry));
			assertThat(turkish.get(i).get(key).asString()).as(where).isEqualTo(id.apply(entry));
			assertThat(english.get(i).get(field).stringValue()).as(where).isEqualTo(text.apply(entry).en().plain());
			assertThat(turkish.get(i).get(field).stringValue()).as(where).isEqualTo(text.apply(entry).tr().plain());
			if (!english.get(i).get(field).equals(turkish.get(i).get(field))) {
				different++;
			}
		}
		// Identical text in both languages is possible for a single entry (a name), not
		// for a whole list.
		assertThat(different).as(path + ": entries whose " + field + " differs between en and tr")
			.isGreaterThan(entries.size() / 2);
	}

	private void assertLanguage(String path, String field, Text text) {
		String separator = path.contains("?") ? "&" : "?";
		String english = getJson(path + separator + "lang=en").get(field).stringValue();
		String turkish = getJson(path + separator + "lang=tr").get(field).stringValue();
		assertThat(english).as(path + " " + field + " (en)").isEqualTo(text.in(Language.EN).plain());
		assertThat(turkish).as(path + " " + field + " (tr)")
			.isEqualTo(text.in(Language.TR).plain())
			.isNotEqualTo(english);
	}

	private JsonNode getJson(String path, String... headers) {
		HttpResponse<String> response = client().get(path, headers);
		assertThat(response.statusCode()).as(path + ": " + abbreviate(response.body())).isEqualTo(200);
		assertThat(mediaType(response)).as(path).isEqualTo(MediaType.APPLICATION_JSON);
		return this.json.readTree(response.body());
	}

	private JsonNode assertProblem(HttpResponse<String> response, int status, String what) {
		assertThat(response.statusCode()).as(what).isEqualTo(status);
		assertThat(mediaType(response)).as(what).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.body()).as(what).doesNotContain("<html").doesNotContain("Exception");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.isObject()).as(what).isTrue();
		assertThat(problem.get("status").isInt()).as(what).isTrue();
		assertThat(problem.get("status").intValue()).as(what).isEqualTo(status);
		assertThat(problem.get("detail").stringValue()).as(what).isNotBlank();
		assertThat(PROBLEM_MEMBERS).as(what).containsAll(problem.propertyNames());
		return problem;
	}

	private static MediaType mediaType(HttpResponse<String> response) {
		MediaType type = MediaType.parseMediaType(response.headers().firstValue("Content-Type").orElse("*/*"));
		return new MediaType(type.getType(), type.getSubtype());
	}

	private URI uri(String path) {
		return URI.create(client().base() + path);
	}

	private static List<String> slugs(List<Command> commands) {
		return commands.stream().map(Command::slug).toList();
	}

	private static List<String> values(JsonNode array, String field) {
		return array.valueStream().map((node) -> node.get(field).asString()).toList();
	}

	private static List<String> values(JsonNode array) {
		return array.valueStream().map(JsonNode::asString).toList();
	}

	private static void assertShape(JsonNode node, Shape shape) {
		List<String> problems = new ArrayList<>();
		shape.check("$", node, problems);
		assertThat(problems).as("differences from the documented shape").isEmpty();
	}

	private static String abbreviate(Object value) {
		String text = String.valueOf(value);
		return (text.length() > 120) ? text.substring(0, 120) + "…" : text;
	}

	private static Shape matching(String regex) {
		Pattern pattern = Pattern.compile(regex);
		return (path, node, problems) -> {
			if (!node.isString() || !pattern.matcher(node.stringValue()).matches()) {
				problems.add(path + " should be a string matching " + regex + ", is " + abbreviate(node));
			}
		};
	}

	private static Shape oneOf(String... allowed) {
		List<String> values = List.of(allowed);
		return (path, node, problems) -> {
			if (!node.isString() || !values.contains(node.stringValue())) {
				problems.add(path + " should be one of " + values + ", is " + abbreviate(node));
			}
		};
	}

	private static Shape nullable(Shape shape) {
		return (path, node, problems) -> {
			if (!node.isNull()) {
				shape.check(path, node, problems);
			}
		};
	}

	private static Shape arrayOf(Shape element) {
		return (path, node, problems) -> {
			if (!node.isArray()) {
				problems.add(path + " should be an array, is " + abbreviate(node));
				return;
			}
			for (int i = 0; i < node.size(); i++) {
				element.check(path + "[" + i + "]", node.get(i), problems);
			}
		};
	}

	private static Shape mapOf(Shape value) {
		return (path, node, problems) -> {
			if (!node.isObject()) {
				problems.add(path + " should be an object, is " + abbreviate(node));
				return;
			}
			node.propertyNames().forEach((name) -> value.check(path + "." + name, node.get(name), problems));
		};
	}

	/**
	 * An object with exactly these members: a missing one breaks clients, an extra one is
	 * an undocumented addition to the contract (or an internal record leaking out).
	 */
	private static Shape object(Object... membersAndShapes) {
		Map<String, Shape> members = new LinkedHashMap<>();
		for (int i = 0; i < membersAndShapes.length; i += 2) {
			members.put((String) membersAndShapes[i], (Shape) membersAndShapes[i + 1]);
		}
		return (path, node, problems) -> {
			if (!node.isObject()) {
				problems.add(path + " should be an object, is " + abbreviate(node));
				return;
			}
			members.forEach((name, shape) -> {
				if (!node.has(name)) {
					problems.add(path + "." + name + " is missing");
				}
				else {
					shape.check(path + "." + name, node.get(name), problems);
				}
			});
			Set<String> extra = new LinkedHashSet<>(node.propertyNames());
			extra.removeAll(members.keySet());
			extra.forEach((name) -> problems.add(path + "." + name + " is not part of the documented response"));
		};
	}

	/**
	 * The expected form of a JSON value.
	 */
	@FunctionalInterface
	private interface Shape {

		void check(String path, JsonNode node, List<String> problems);

	}

}
