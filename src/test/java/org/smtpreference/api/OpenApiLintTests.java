package org.smtpreference.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Lints the OpenAPI document the running app serves with Redocly CLI (pinned in
 * {@code package.json}, rules in {@code redocly.yaml}), offline. Where
 * {@code node_modules} lacks it the test is skipped with a message, unless
 * {@code SMTP_REFERENCE_REQUIRE_ALL} is set (as in CI), where it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiLintTests {

	private static final Path CLI = Path.of("node_modules", "@redocly", "cli", "bin", "cli.js");

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Test
	void documentPassesTheRecommendedRules() throws Exception {
		assumeAvailable();
		String document = new SiteClient(this.port).get("/api/v1/openapi.json").body();
		Lint lint = lint(document);
		assertThat(lint.exitCode()).as(lint.output()).isZero();
		assertThat(lint.output()).as(lint.output())
			.contains("Woohoo! Your API description is valid.")
			.doesNotContainPattern("You have \\d+ warnings?");
	}

	@Test
	void aBrokenDocumentFailsTheLint() throws Exception {
		assumeAvailable();
		ObjectNode document = (ObjectNode) this.json
			.readTree(new SiteClient(this.port).get("/api/v1/openapi.json").body());
		// An operation without a summary and a reference to nothing are errors.
		((ObjectNode) document.at("/paths/~1api~1v1~1commands/get")).remove("summary");
		((ObjectNode) document.at("/paths/~1api~1v1~1commands/get/responses")).putObject("418")
			.put("$ref", "#/components/responses/Nothing");
		Lint lint = lint(this.json.writeValueAsString(document));
		assertThat(lint.exitCode()).as(lint.output()).isNotZero();
		assertThat(lint.output()).contains("operation-summary").contains("no-unresolved-refs");
	}

	private static Lint lint(String document) throws IOException, InterruptedException {
		Path file = Files.createTempFile("openapi", ".json");
		try {
			Files.writeString(file, document, StandardCharsets.UTF_8);
			List<String> command = List.of("node", CLI.toString(), "lint", file.toString(), "--config=redocly.yaml",
					"--format=stylish");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
			// No network: no usage report and no look-up of a newer version.
			builder.environment().put("REDOCLY_TELEMETRY", "off");
			builder.environment().put("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");
			builder.environment().put("NO_UPDATE_NOTIFIER", "1");
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				fail("Redocly lint did not finish:\n" + output);
			}
			return new Lint(process.exitValue(), output);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static void assumeAvailable() {
		boolean available = Files.isReadable(CLI);
		boolean required = Boolean.parseBoolean(System.getenv().getOrDefault("SMTP_REFERENCE_REQUIRE_ALL", "false"));
		if (!available && required) {
			fail("Redocly CLI is required here but " + CLI + " is missing (run npm ci)");
		}
		Assumptions.assumeTrue(available, "OpenAPI lint skipped: " + CLI + " is missing (run npm ci)");
	}

	record Lint(int exitCode, String output) {
	}

}
