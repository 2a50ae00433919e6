package org.smtpreference.session;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.smtpreference.sandbox.SandboxListener;
import org.smtpreference.sandbox.SmtpClient;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays one corpus of client sessions against the engine through
 * {@code POST /api/v1/playground}, against the sandbox over TCP and against a real
 * Postfix set up with the engine's policy, and compares each reply's basic code and the
 * class and subject of its enhanced code. Every difference must be listed, with its
 * reason, in {@code differential/known-differences.yml}, and every listed one must still
 * occur. With {@code -Ddifferential.write=true} the test writes the current list there
 * instead, keeping the reasons of differences it already knew.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.sandbox.smtp-port=0", "site.sandbox.bind-address=127.0.0.1",
				"site.sandbox.public-host=localhost", "site.sandbox.max-message-size=10MB",
				"site.sandbox.max-recipients=100" })
class DifferentialTests {

	private static final String KNOWN = "differential/known-differences.yml";

	/** A reply's code, and its enhanced code's class and subject when it has one. */
	private static final Pattern REPLY = Pattern.compile("^(\\d{3})(?:[ -](\\d)\\.(\\d{1,3})\\.\\d{1,3}(?: |$))?");

	/** What a line that gets no reply shows. */
	private static final String NO_REPLY = "";

	/** What a line shows once the server has closed the connection. */
	private static final String CLOSED = "closed";

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener listener;

	@Autowired
	JsonMapper json;

	@Test
	// A hang guard only: the run takes well under a minute. Postfix is stopped by its
	// shutdown hook if the test is abandoned here.
	@Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void everyDifferenceWithPostfixIsKnownAndStillOccurs(@TempDir Path dir) throws Exception {
		List<Corpus> corpus = corpus();
		assertThat(corpus).hasSizeGreaterThanOrEqualTo(150);
		List<Difference> found = new ArrayList<>();
		int agreeing = 0;
		try (PostfixInstance postfix = PostfixInstance.start(dir)) {
			for (Corpus session : corpus) {
				List<String> engine = overApi(session.lines());
				List<String> sandbox = overTcp(this.listener.smtpPort(), session.lines());
				List<String> real = overTcp(postfix.port(), session.lines());
				for (int i = 0; i < session.lines().size(); i++) {
					String e = engine.get(i);
					String s = sandbox.get(i);
					String p = real.get(i);
					if (e.equals(s) && s.equals(p)) {
						agreeing += e.equals(NO_REPLY) ? 0 : 1;
					}
					else {
						found.add(new Difference(session.name(), i + 1, session.lines().get(i), e, s, p, null, null));
					}
				}
			}
		}
		List<Difference> known = known();
		List<Rule> rules = rules();
		String summary = agreeing + " steps agree, " + found.size() + " differ";
		System.out.println("Differential test: " + summary);
		if (Boolean.getBoolean("differential.write")) {
			String text = write(found, known, rules);
			Path file = Path.of("src/test/resources", KNOWN);
			Files.writeString(file, text);
			System.out.println(text);
			System.out.println("Written to " + file + ": " + summary);
			return;
		}
		Set<String> foundKeys = new LinkedHashSet<>();
		found.forEach((difference) -> foundKeys.add(difference.key()));
		Set<String> knownKeys = new LinkedHashSet<>();
		known.forEach((difference) -> knownKeys.add(difference.key()));
		assertThat(found).as("differences not listed in %s (regenerate with -Ddifferential.write=true)", KNOWN)
			.filteredOn((difference) -> !knownKeys.contains(difference.key()))
			.isEmpty();
		assertThat(known).as("differences listed in %s that no longer occur", KNOWN)
			.filteredOn((difference) -> !foundKeys.contains(difference.key()))
			.isEmpty();
		assertThat(known).as("every listed difference has a reason and an RFC section").allSatisfy((difference) -> {
			assertThat(difference.reason()).isNotBlank().isNotEqualTo("TODO");
			assertThat(difference.rfc()).isNotBlank().isNotEqualTo("TODO");
		});
	}

	/**
	 * One step per line: the engine's answer as the playground API gives it.
	 */
	private List<String> overApi(List<String> lines) throws Exception {
		String body = this.json.writeValueAsString(Map.of("lines", lines));
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/api/v1/playground"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode exchanges = this.json.readTree(response.body()).get("exchanges");
		List<String> steps = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			if (i >= exchanges.size()) {
				steps.add(CLOSED);
				continue;
			}
			JsonNode replies = exchanges.get(i).get("replies");
			steps.add(replies.isEmpty() ? NO_REPLY : step(replies.get(replies.size() - 1).stringValue()));
		}
		return steps;
	}

	/**
	 * One step per line over a real connection: content lines after a 354 and the octets
	 * of a BDAT chunk get no reply, and a 220 to STARTTLS starts TLS.
	 */
	private static List<String> overTcp(int port, List<String> lines) {
		List<String> steps = new ArrayList<>();
		try (SmtpClient smtp = new SmtpClient(port)) {
			smtp.reply();
			boolean data = false;
			long chunk = 0;
			boolean closed = false;
			for (String line : lines) {
				if (closed) {
					steps.add(CLOSED);
					continue;
				}
				smtp.send(line + "\r\n");
				boolean expectReply;
				if (data) {
					expectReply = line.equals(".");
					data = !expectReply;
				}
				else if (chunk > 0) {
					chunk -= line.getBytes(StandardCharsets.UTF_8).length + 2;
					expectReply = chunk <= 0;
				}
				else {
					chunk = chunkSize(line);
					expectReply = chunk == 0;
				}
				if (!expectReply) {
					steps.add(NO_REPLY);
					continue;
				}
				List<String> reply = smtp.reply();
				if (reply.isEmpty()) {
					steps.add(CLOSED);
					closed = true;
					continue;
				}
				String last = reply.get(reply.size() - 1);
				steps.add(step(last));
				if (last.startsWith("354")) {
					data = true;
				}
				else if (last.startsWith("220") && line.equalsIgnoreCase("STARTTLS")) {
					smtp.startTls();
				}
				closed = last.startsWith("221") || last.startsWith("421");
			}
		}
		return steps;
	}

	/**
	 * The octets a BDAT command announces, or 0 for any other line.
	 */
	private static long chunkSize(String line) {
		Matcher bdat = Pattern.compile("(?i)BDAT (\\d{1,9})( LAST)?").matcher(line);
		return bdat.matches() ? Long.parseLong(bdat.group(1)) : 0;
	}

	private static String step(String line) {
		Matcher reply = REPLY.matcher(line);
		if (!reply.find()) {
			return "?";
		}
		return (reply.group(2) != null) ? reply.group(1) + " " + reply.group(2) + "." + reply.group(3) : reply.group(1);
	}

	@SuppressWarnings("unchecked")
	private static List<Corpus> corpus() throws IOException {
		Map<String, Object> root = new Yaml()
			.load(new ClassPathResource("differential/sessions.yml").getContentAsString(StandardCharsets.UTF_8));
		List<Corpus> sessions = new ArrayList<>();
		for (Map<String, Object> session : (List<Map<String, Object>>) root.get("sessions")) {
			sessions.add(new Corpus((String) session.get("name"), (List<String>) session.get("lines")));
		}
		return sessions;
	}

	private static Map<String, Object> knownFile() throws IOException {
		ClassPathResource resource = new ClassPathResource(KNOWN);
		if (!resource.exists()) {
			return Map.of();
		}
		Map<String, Object> root = new Yaml().load(resource.getContentAsString(StandardCharsets.UTF_8));
		return (root != null) ? root : Map.of();
	}

	@SuppressWarnings("unchecked")
	private static List<Rule> rules() throws IOException {
		List<Rule> rules = new ArrayList<>();
		Object listed = knownFile().get("reasons");
		if (listed != null) {
			for (Map<String, Object> entry : (List<Map<String, Object>>) listed) {
				rules
					.add(new Rule((String) entry.get("kind"), (String) entry.get("reason"), (String) entry.get("rfc")));
			}
		}
		return rules;
	}

	@SuppressWarnings("unchecked")
	private static List<Difference> known() throws IOException {
		List<Difference> known = new ArrayList<>();
		Object listed = knownFile().get("differences");
		if (listed == null) {
			return known;
		}
		for (Map<String, Object> entry : (List<Map<String, Object>>) listed) {
			known.add(new Difference(String.valueOf(entry.get("session")), ((Number) entry.get("step")).intValue(),
					String.valueOf(entry.get("client")), String.valueOf(entry.get("engine")),
					String.valueOf(entry.get("sandbox")), String.valueOf(entry.get("postfix")),
					(String) entry.get("reason"), (String) entry.get("rfc")));
		}
		return known;
	}

	/**
	 * The list in the file's format, each difference with the reason of a known one of
	 * the same kind (same command, same answers), or TODO.
	 */
	private static String write(List<Difference> found, List<Difference> known, List<Rule> rules) {
		Map<String, Difference> reasons = new LinkedHashMap<>();
		known.forEach((difference) -> reasons.putIfAbsent(difference.kind(), difference));
		StringBuilder text = new StringBuilder();
		text.append("# Every step where the engine (POST /api/v1/playground), the sandbox (TCP) and a real\n");
		text.append("# Postfix (src/test/resources/differential/main.cf) answer differently, as DifferentialTests\n");
		text.append("# finds them: basic code, then the enhanced code's class.subject when there is one.\n");
		text.append("# Regenerate with: ./mvnw -o -B test -Dtest=DifferentialTests -Ddifferential.write=true\n");
		text.append("# A difference takes the reason of the first rule whose kind pattern (a regular\n");
		text.append("# expression) matches \"session COMMAND: engine | sandbox | postfix\", else the reason it had;\n");
		text.append("# one with neither gets TODO, which the test refuses until someone writes the reason.\n");
		text.append("reasons:\n");
		for (Rule rule : rules) {
			text.append("  - kind: ").append(quote(rule.kind())).append('\n');
			text.append("    reason: ").append(quote(rule.reason())).append('\n');
			text.append("    rfc: ").append(quote(rule.rfc())).append('\n');
		}
		text.append("differences:\n");
		for (Difference difference : found) {
			Difference reason = rules.stream()
				.filter((rule) -> Pattern.compile(rule.kind()).matcher(difference.kind()).find())
				.findFirst()
				.map((rule) -> new Difference(null, 0, null, null, null, null, rule.reason(), rule.rfc()))
				.orElse(reasons.get(difference.kind()));
			text.append("  - session: ").append(quote(difference.session())).append('\n');
			text.append("    step: ").append(difference.step()).append('\n');
			text.append("    client: ").append(quote(difference.client())).append('\n');
			text.append("    engine: ").append(quote(difference.engine())).append('\n');
			text.append("    sandbox: ").append(quote(difference.sandbox())).append('\n');
			text.append("    postfix: ").append(quote(difference.postfix())).append('\n');
			text.append("    reason: ").append(quote((reason != null) ? reason.reason() : "TODO")).append('\n');
			text.append("    rfc: ").append(quote((reason != null) ? reason.rfc() : "TODO")).append('\n');
		}
		return text.toString();
	}

	private static String quote(String text) {
		StringBuilder quoted = new StringBuilder("\"");
		text.codePoints().forEach((c) -> {
			if (c == '"' || c == '\\') {
				quoted.append('\\').appendCodePoint(c);
			}
			else if (c < 32 || c == 127) {
				quoted.append(String.format(Locale.ROOT, "\\x%02X", c));
			}
			else {
				quoted.appendCodePoint(c);
			}
		});
		return quoted.append('"').toString();
	}

	/** A reason shared by every difference whose kind matches a pattern. */
	private record Rule(String kind, String reason, String rfc) {
	}

	/** One session of the corpus: a name and the lines the client sends. */
	private record Corpus(String name, List<String> lines) {
	}

	/**
	 * One step where the three servers do not all answer alike.
	 */
	private record Difference(String session, int step, String client, String engine, String sandbox, String postfix,
			String reason, String rfc) {

		String key() {
			return this.session + "#" + this.step + ": " + this.engine + " | " + this.sandbox + " | " + this.postfix;
		}

		/** The session, the command and the three answers, which share one reason. */
		String kind() {
			String verb = this.client.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
			return this.session + " " + verb + ": " + this.engine + " | " + this.sandbox + " | " + this.postfix;
		}

	}

}
