package org.smtpreference.quality;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.fail;

/**
 * The current Nu HTML Checker (the engine behind validator.w3.org/nu), the release npm's
 * {@code vnu-jar} ships, installed by {@code npm ci} beside the build. Maven Central's
 * copy is years old and misses current ARIA rules. The checker runs in its own JVM, once
 * for a whole batch of pages, and reports errors only, as "line N: message".
 * <p>
 * Where {@code node_modules} lacks it the HTML tests are skipped with a message, unless
 * {@code SMTP_REFERENCE_REQUIRE_ALL} is set (as in CI), where they fail.
 */
final class HtmlChecker {

	static final Path JAR = Path.of("node_modules", "vnu-jar", "build", "dist", "vnu.jar");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private HtmlChecker() {
	}

	/**
	 * Skips the calling test (or fails it in CI) when the checker is not installed.
	 */
	static void assumeAvailable() {
		boolean available = Files.isReadable(JAR);
		boolean required = Boolean.parseBoolean(System.getenv().getOrDefault("SMTP_REFERENCE_REQUIRE_ALL", "false"));
		if (!available && required) {
			fail("The Nu HTML Checker is required here but " + JAR + " is missing (npm ci)");
		}
		Assumptions.assumeTrue(available, "HTML checks skipped: " + JAR + " is not installed (run npm ci)");
	}

	/**
	 * The checker's release, as it reports it.
	 */
	static String version() {
		return run(List.of("--version")).strip();
	}

	/**
	 * The errors the checker finds in each page, by the name the page was given; an empty
	 * list for a valid page.
	 */
	static Map<String, List<String>> check(Map<String, String> pages) {
		Path folder;
		try {
			folder = Files.createTempDirectory("nu-check");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			Map<String, String> names = new LinkedHashMap<>();
			List<String> arguments = new ArrayList<>(List.of("--errors-only", "--format", "json", "--stdout"));
			int i = 0;
			for (Map.Entry<String, String> page : pages.entrySet()) {
				Path file = folder.resolve("page-" + (i++) + ".html");
				Files.writeString(file, page.getValue(), StandardCharsets.UTF_8);
				names.put(file.getFileName().toString(), page.getKey());
				arguments.add(file.toString());
			}
			JsonNode report = JSON.readTree(run(arguments));
			Map<String, List<String>> errors = new LinkedHashMap<>();
			pages.keySet().forEach((name) -> errors.put(name, new ArrayList<>()));
			for (JsonNode message : report.path("messages")) {
				String url = message.path("url").asString("");
				String name = names.get(url.substring(url.lastIndexOf('/') + 1));
				if (name == null) {
					fail("The Nu HTML Checker reported on an unknown page: " + message);
				}
				errors.get(name)
					.add("line " + message.path("lastLine").asInt(0) + ": " + message.path("message").asString(""));
			}
			return errors;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			try (var files = Files.walk(folder)) {
				files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
			}
			catch (IOException ex) {
				// Only a temporary folder is left behind.
			}
		}
	}

	private static String run(List<String> arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of("-Xss4m", "-jar", JAR.toString()));
		command.addAll(arguments);
		try {
			Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(10, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				fail("The Nu HTML Checker did not finish");
			}
			return new String(output, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
