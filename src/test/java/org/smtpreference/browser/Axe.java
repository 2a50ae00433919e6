package org.smtpreference.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The current axe-core release, as npm's {@code axe-core} ships it, installed by
 * {@code npm ci} beside the build: the copy the axe-core Selenium library embeds lags
 * behind. Where it is missing the accessibility checks are skipped with a message, unless
 * {@code SMTP_REFERENCE_REQUIRE_ALL} is set (as in CI), where they fail.
 */
final class Axe {

	static final Path SCRIPT = Path.of("node_modules", "axe-core", "axe.min.js");

	private static String source;

	private Axe() {
	}

	/**
	 * The release installed, from its package.json.
	 */
	static String version() {
		try {
			String manifest = Files.readString(SCRIPT.resolveSibling("package.json"), StandardCharsets.UTF_8);
			java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"")
				.matcher(manifest);
			return matcher.find() ? matcher.group(1) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The script to inject into a page, read once.
	 */
	static synchronized String source() {
		if (source == null) {
			boolean available = Files.isReadable(SCRIPT);
			if (!available && Browser.required()) {
				fail("axe-core is required here but " + SCRIPT + " is missing (npm ci)");
			}
			Assumptions.assumeTrue(available, "Accessibility checks skipped: " + SCRIPT + " is not installed (npm ci)");
			try {
				source = Files.readString(SCRIPT, StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return source;
	}

}
