package org.smtpreference.sample;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.fail;

/**
 * Checks every code sample with its own language's tools (compiler, syntax checker,
 * formatter, vet), so no sample on the site has an error a reader would trip over. A
 * missing toolchain skips its sample, unless {@code SMTP_REFERENCE_REQUIRE_ALL} is set
 * (as in CI), where it fails.
 */
class SampleToolchainTests {

	/**
	 * How long one external tool may run; {@code go vet} gets longer because Go 1.20 and
	 * later compile the standard library into the empty build cache first.
	 */
	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final Duration GO_VET_TIMEOUT = Duration.ofSeconds(180);

	/**
	 * One check per kind of sample, chosen by the sample's highlight and file extension;
	 * a sample matching none (or several) fails, so a new language cannot go unchecked.
	 */
	private static final List<Check> CHECKS = List.of(
			new Check("javac --release 17", language("java", ".java"), SampleToolchainTests::compileJava),
			new Check("python3 -m py_compile", language("python", ".py"), SampleToolchainTests::compilePython),
			new Check("node --check", language("javascript", ".mjs", ".js", ".cjs"),
					SampleToolchainTests::checkJavaScript),
			new Check("gofmt -l, go vet", language("go", ".go"), SampleToolchainTests::vetGo),
			new Check("php -l", language("php", ".php"), SampleToolchainTests::lintPhp),
			new Check("ruby -c", language("ruby", ".rb"), SampleToolchainTests::checkRuby),
			new Check("bash -n", language("bash", ".sh"), SampleToolchainTests::checkShell),
			new Check("openssl transcript", language("plaintext", ".txt").and((s) -> s.id().equals("openssl")),
					SampleToolchainTests::checkOpensslTranscript),
			new Check("C# (no compiler available)", language("csharp", ".cs"), SampleToolchainTests::skipCSharp));

	/**
	 * The Debian package of each tool, for the message when it is missing; .ci/run
	 * installs them.
	 */
	private static final Map<String, String> PACKAGES = Map.of("python3", "python3", "node", "nodejs", "go",
			"golang-go", "gofmt", "golang-go", "php", "php-cli", "ruby", "ruby", "bash", "bash");

	@TempDir
	static Path work;

	@TestFactory
	Stream<DynamicTest> everySamplePassesItsLanguagesTools() {
		List<Sample> samples = Reference.load("content").samples();
		assertThat(samples).isNotEmpty();
		return samples.stream().map((sample) -> {
			List<Check> checks = checksFor(sample);
			String name = "samples/" + sample.file() + ((checks.size() == 1) ? " (" + checks.get(0).name() + ")" : "");
			return DynamicTest.dynamicTest(name, () -> check(sample));
		});
	}

	@Test
	void aSampleInALanguageWithoutACheckFails() {
		Sample cobol = new Sample("cobol", "COBOL", "cobol", "cobol/send.cob", "DISPLAY 'HI'.", "none", "none", "none",
				null, null, Map.of());
		assertThat(checksFor(cobol)).isEmpty();
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> check(cobol))
			.withMessageContaining("samples/cobol/send.cob")
			.withMessageContaining("no check");
	}

	@Test
	void aSampleWhoseHighlightDoesNotMatchItsFileHasNoCheck() {
		Sample mislabelled = new Sample("ruby", "Ruby", "python", "ruby/send_email.rb", "puts 1", "none", "none",
				"none", null, null, Map.of());
		assertThat(checksFor(mislabelled)).isEmpty();
	}

	@Test
	void openSslTranscriptCheckFindsABadAuthPlainArgument() {
		String transcript = "EHLO a\nAUTH PLAIN dXNlcjpwYXNzd29yZA==\n235 ok\nMAIL FROM:<a@b>\nRCPT TO:<c@d>\n"
				+ "DATA\n354 go\nHi\n.\n250 ok\nQUIT\n";
		assertThat(transcriptProblems(transcript)).singleElement()
			.asString()
			.contains("dXNlcjpwYXNzd29yZA==")
			.contains("user:password");
	}

	@Test
	void openSslTranscriptCheckFindsAMissingOrMisplacedCommand() {
		String transcript = "EHLO a\nAUTH PLAIN\n334 \nAHUAcA==\nRCPT TO:<c@d>\nMAIL FROM:<a@b>\nDATA\n.\n";
		assertThat(transcriptProblems(transcript)).containsExactly("no RCPT TO after MAIL FROM", "no QUIT after .");
	}

	private static List<Check> checksFor(Sample sample) {
		return CHECKS.stream().filter((check) -> check.appliesTo().test(sample)).toList();
	}

	private static void check(Sample sample) throws Exception {
		String file = "samples/" + sample.file();
		List<Check> checks = checksFor(sample);
		if (checks.isEmpty()) {
			fail(file + " (highlight '" + sample.highlight() + "') has no check: add one for its language to "
					+ SampleToolchainTests.class.getSimpleName() + ".CHECKS");
		}
		if (checks.size() > 1) {
			fail(file + " matches more than one check: "
					+ checks.stream().map(Check::name).collect(Collectors.joining(", ")));
		}
		Path dir = Files.createDirectories(work.resolve(sample.id()));
		checks.get(0).run().check(sample, dir);
	}

	private static Predicate<Sample> language(String highlight, String... extensions) {
		return (sample) -> sample.highlight().equals(highlight)
				&& Stream.of(extensions).anyMatch((extension) -> sample.file().endsWith(extension));
	}

	private static void compileJava(Sample sample, Path dir) throws IOException {
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		if (compiler == null) {
			missing("javac is missing (the tests run on a JRE, not a JDK)", sample);
		}
		String name = "samples/" + sample.file();
		JavaFileObject source = new SimpleJavaFileObject(URI.create("string:///" + name), JavaFileObject.Kind.SOURCE) {
			@Override
			public CharSequence getCharContent(boolean ignoreEncodingErrors) {
				return sample.code();
			}
		};
		DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
		StringWriter output = new StringWriter();
		// The samples build against what a reader adds to their build: the test classpath
		// holds jakarta.mail, Angus Mail, spring-context-support and Boot's mail support.
		List<String> options = List.of("--release", "17", "-proc:none", "-Xlint:deprecation,removal,unchecked",
				"-Werror", "-encoding", "UTF-8", "-classpath", System.getProperty("java.class.path"), "-d",
				Files.createDirectories(dir.resolve("classes")).toString());
		boolean compiled;
		try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT,
				StandardCharsets.UTF_8)) {
			compiled = compiler.getTask(output, files, diagnostics, options, null, List.of(source)).call();
		}
		if (!compiled || !diagnostics.getDiagnostics().isEmpty()) {
			List<String> lines = sample.code().lines().toList();
			String report = diagnostics.getDiagnostics()
				.stream()
				.map((diagnostic) -> describe(diagnostic, lines))
				.collect(Collectors.joining("\n"));
			fail("javac " + String.join(" ", options.subList(0, 7)) + " " + name + " "
					+ (compiled ? "warned" : "failed") + ":\n" + report + "\n" + output);
		}
	}

	private static String describe(Diagnostic<? extends JavaFileObject> diagnostic, List<String> lines) {
		long line = diagnostic.getLineNumber();
		String where = (diagnostic.getSource() != null) ? diagnostic.getSource().getName().substring(1) : "javac";
		String text = where + ":" + line + ":" + diagnostic.getColumnNumber() + ": "
				+ diagnostic.getKind().name().toLowerCase(Locale.ROOT) + ": " + diagnostic.getMessage(Locale.ROOT);
		if (line >= 1 && line <= lines.size()) {
			text += "\n    " + lines.get((int) line - 1).strip();
		}
		return text;
	}

	private static void compilePython(Sample sample, Path dir) throws IOException {
		// Compiled in the temporary folder, so __pycache__ never lands in src/.
		Path file = write(sample, dir);
		expectSuccess(sample, run(dir, Map.of(), TIMEOUT, tool("python3", sample), "-m", "py_compile",
				file.getFileName().toString()));
	}

	private static void checkJavaScript(Sample sample, Path dir) throws IOException {
		Path file = write(sample, dir);
		expectSuccess(sample,
				run(dir, Map.of(), TIMEOUT, tool("node", sample), "--check", file.getFileName().toString()));
	}

	private static void vetGo(Sample sample, Path dir) throws IOException {
		String gofmt = tool("gofmt", sample);
		String go = tool("go", sample);
		Path file = write(sample, dir);
		Files.writeString(dir.resolve("go.mod"), "module example\n\ngo 1.19\n");
		// Standard library imports only: no network, no proxy, no toolchain download.
		Map<String, String> env = Map.of("GOFLAGS", "-mod=mod", "GOPATH", dir.resolve(".gopath").toString(), "GOCACHE",
				dir.resolve(".gocache").toString(), "GOTOOLCHAIN", "local", "GOPROXY", "off", "GO111MODULE", "on",
				"GOTELEMETRY", "off", "CGO_ENABLED", "0");
		Result format = run(dir, env, TIMEOUT, gofmt, "-l", file.getFileName().toString());
		expectSuccess(sample, format);
		if (!format.output().isBlank()) {
			Result diff = run(dir, env, TIMEOUT, gofmt, "-d", file.getFileName().toString());
			fail(format.command() + " lists samples/" + sample.file()
					+ ": it is not gofmt-formatted (run gofmt -w on it):\n" + diff.output());
		}
		expectSuccess(sample, run(dir, env, GO_VET_TIMEOUT, go, "vet", "."));
	}

	private static void lintPhp(Sample sample, Path dir) throws IOException {
		Path file = write(sample, dir);
		expectSuccess(sample, run(dir, Map.of(), TIMEOUT, tool("php", sample), "-l", file.getFileName().toString()));
	}

	private static void checkRuby(Sample sample, Path dir) throws IOException {
		Path file = write(sample, dir);
		expectSuccess(sample, run(dir, Map.of(), TIMEOUT, tool("ruby", sample), "-c", file.getFileName().toString()));
	}

	private static void checkShell(Sample sample, Path dir) throws IOException {
		Path file = write(sample, dir);
		expectSuccess(sample, run(dir, Map.of(), TIMEOUT, tool("bash", sample), "-n", file.getFileName().toString()));
	}

	private static void checkOpensslTranscript(Sample sample, Path dir) {
		List<String> problems = transcriptProblems(sample.code());
		if (!problems.isEmpty()) {
			fail("samples/" + sample.file() + " is not a working session:\n- " + String.join("\n- ", problems));
		}
	}

	private static void skipCSharp(Sample sample, Path dir) {
		Assumptions.abort("samples/" + sample.file() + " is not compiled: no C# compiler can be installed here "
				+ "(Debian has no dotnet package and NuGet, which MailKit comes from, is unreachable)");
	}

	/**
	 * What is wrong with a typed session: commands missing or out of order, or an
	 * {@code AUTH PLAIN} argument that is not base64 of
	 * {@code [authzid]\0user\0password}.
	 */
	static List<String> transcriptProblems(String transcript) {
		List<String> lines = transcript.lines().toList();
		List<String> problems = new ArrayList<>();
		Map<String, Pattern> steps = new LinkedHashMap<>();
		steps.put("EHLO", Pattern.compile("(?i)EHLO \\S+"));
		steps.put("AUTH", Pattern.compile("(?i)AUTH \\S+( \\S+)?"));
		steps.put("MAIL FROM", Pattern.compile("(?i)MAIL FROM:<[^>]*>.*"));
		steps.put("RCPT TO", Pattern.compile("(?i)RCPT TO:<[^>]+>.*"));
		steps.put("DATA", Pattern.compile("(?i)DATA"));
		steps.put(".", Pattern.compile("\\."));
		steps.put("QUIT", Pattern.compile("(?i)QUIT"));
		int from = 0;
		String previous = null;
		for (Map.Entry<String, Pattern> step : steps.entrySet()) {
			int found = -1;
			for (int i = from; i < lines.size() && found < 0; i++) {
				if (step.getValue().matcher(lines.get(i)).matches()) {
					found = i;
				}
			}
			if (found < 0) {
				problems.add("no " + step.getKey() + ((previous != null) ? " after " + previous : ""));
			}
			else {
				from = found + 1;
				previous = step.getKey();
			}
		}
		Pattern authPlain = Pattern.compile("(?i)AUTH PLAIN(?: (\\S+))?");
		int arguments = 0;
		for (int i = 0; i < lines.size(); i++) {
			Matcher matcher = authPlain.matcher(lines.get(i));
			if (!matcher.matches()) {
				continue;
			}
			String argument = matcher.group(1);
			if (argument == null && i + 2 < lines.size() && lines.get(i + 1).startsWith("334")) {
				// No initial response: the server's "334 " asks, the next typed line
				// answers.
				argument = lines.get(i + 2).strip();
			}
			if (argument == null) {
				problems.add("AUTH PLAIN on line " + (i + 1) + " has no argument and no 334 answer after it");
				continue;
			}
			arguments++;
			String problem = plainCredentialsProblem(argument);
			if (problem != null) {
				problems.add("AUTH PLAIN argument '" + argument + "' " + problem);
			}
		}
		if (arguments == 0 && problems.stream().noneMatch((p) -> p.startsWith("AUTH PLAIN"))) {
			problems.add("no AUTH PLAIN argument to check");
		}
		return problems;
	}

	private static String plainCredentialsProblem(String argument) {
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(argument);
		}
		catch (IllegalArgumentException ex) {
			return "is not base64: " + ex.getMessage();
		}
		String decoded = new String(bytes, StandardCharsets.UTF_8);
		String[] parts = decoded.split("\0", -1);
		boolean shaped = parts.length == 3 && !parts[1].isEmpty() && !parts[2].isEmpty()
				&& Stream.of(parts).allMatch((part) -> part.codePoints().noneMatch(Character::isISOControl));
		return shaped ? null
				: "decodes to '" + decoded.replace("\0", "\\0") + "', not [authzid]\\0user\\0password (RFC 4616)";
	}

	private static Path write(Sample sample, Path dir) throws IOException {
		Path file = dir.resolve(Path.of(sample.file()).getFileName().toString());
		Files.writeString(file, sample.code(), StandardCharsets.UTF_8);
		return file;
	}

	/**
	 * The tool's path; skips the sample when it is not installed, or fails when every
	 * tool is required.
	 */
	private static String tool(String name, Sample sample) {
		String path = System.getenv().getOrDefault("PATH", "");
		for (String folder : path.split(File.pathSeparator)) {
			if (!folder.isEmpty()) {
				Path candidate = Path.of(folder, name);
				if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
					return candidate.toString();
				}
			}
		}
		missing(name + " is not on PATH (Debian package " + PACKAGES.getOrDefault(name, name) + ")", sample);
		return name;
	}

	private static void missing(String tool, Sample sample) {
		String message = "samples/" + sample.file() + " is not checked: " + tool;
		if (required()) {
			fail(message + "; SMTP_REFERENCE_REQUIRE_ALL is set, so every sample must be checked");
		}
		Assumptions.abort(message);
	}

	private static boolean required() {
		return Boolean.parseBoolean(System.getenv().getOrDefault("SMTP_REFERENCE_REQUIRE_ALL", "false"));
	}

	private static Result run(Path dir, Map<String, String> env, Duration timeout, String... command)
			throws IOException {
		String shown = Stream.of(command)
			.map((part) -> Path.of(part).getFileName().toString())
			.collect(Collectors.joining(" "));
		// Output goes to a file, not a pipe, so a chatty tool can never block on a full
		// buffer.
		Path output = Files.createTempFile(work, "output-", ".txt");
		ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
		builder.environment().putAll(env);
		Process process = builder.start();
		try {
			if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
				process.descendants().forEach(ProcessHandle::destroyForcibly);
				process.destroyForcibly().waitFor();
				fail(shown + " did not finish within " + timeout.toSeconds() + " s:\n" + read(output));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IllegalStateException(shown + " was interrupted", ex);
		}
		return new Result(shown, process.exitValue(), read(output));
	}

	private static String read(Path file) {
		try {
			return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void expectSuccess(Sample sample, Result result) {
		if (result.exitCode() != 0) {
			fail(result.command() + " rejects samples/" + sample.file() + " (exit code " + result.exitCode() + "):\n"
					+ result.output());
		}
	}

	/**
	 * A way to check one kind of sample.
	 *
	 * @param name what runs, as shown in the test name
	 * @param appliesTo which samples it checks
	 * @param run the check; throws when the sample is broken
	 */
	private record Check(String name, Predicate<Sample> appliesTo, SampleCheck run) {
	}

	@FunctionalInterface
	private interface SampleCheck {

		void check(Sample sample, Path dir) throws Exception;

	}

	/**
	 * What an external tool did.
	 *
	 * @param command the command as shown in messages
	 * @param exitCode its exit code
	 * @param output standard output and error, interleaved
	 */
	private record Result(String command, int exitCode, String output) {
	}

}
