package org.smtpreference.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the real content loads and that broken content stops start-up with a message
 * naming file, entry and field.
 */
class ContentLoaderTests {

	private static final Path MAIN = Paths.get("src/main/resources");

	@TempDir
	Path copy;

	@Test
	void realContentLoads() {
		Reference reference = Reference.load("content");
		assertThat(reference.commands()).extracting(Command::verb)
			.contains("EHLO", "HELO", "QUIT", "STARTTLS", "NOOP", "RSET", "AUTH", "MAIL FROM", "RCPT TO", "DATA",
					"VRFY", "EXPN");
		assertThat(reference.faq()).hasSizeGreaterThanOrEqualTo(12);
		for (Command command : reference.commands()) {
			assertThat(command.summary().en().plain()).as(command.slug()).isNotBlank();
			assertThat(command.summary().tr().plain()).as(command.slug()).isNotBlank();
			assertThat(command.example()).as(command.slug()).isNotEmpty();
		}
	}

	@Test
	void missingTurkishTextNamesFileEntryAndField() throws IOException {
		Path folder = contentWith("commands.yml", "      trx:", "  - slug: ehlo", "    summary:", "      tr:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml")
			.withMessageContaining("entry 'ehlo'")
			.withMessageMatching("(?s).*field '[a-z.]*tr'.*is missing.*");
	}

	@Test
	void duplicateSlugIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "slug: ehlo", "slug: helo");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml")
			.withMessageContaining("field 'slug'")
			.withMessageContaining("duplicate slug 'ehlo'");
	}

	@Test
	void unknownCategoryIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "category: goodbye", "  - slug: quit", "category: session");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'quit'")
			.withMessageContaining("field 'category'")
			.withMessageContaining("unknown category 'goodbye'");
	}

	@Test
	void emptySyntaxIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "syntax: \"\"\n    x-old-syntax:", "  - slug: noop", "syntax:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'noop'")
			.withMessageContaining("field 'syntax'")
			.withMessageContaining("is empty");
	}

	@Test
	void linkToMissingEntryIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "en: \"See [[cmd:no-such-command]].\"\n      old:", "  - slug: rset",
				"    summary:", "en:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'rset'")
			.withMessageContaining("field 'summary.en'")
			.withMessageContaining("[[cmd:no-such-command]] points to no entry");
	}

	@Test
	void unknownReplyCodeIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "success: [299]", "  - slug: quit", "success: [221]");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'quit'")
			.withMessageContaining("field 'replies.success'")
			.withMessageContaining("unknown reply code 299");
	}

	@Test
	void invalidYamlNamesTheFile() throws IOException {
		Path folder = contentWith("faq.yml", "faq: [\n  - {", "faq:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("faq.yml")
			.withMessageContaining("is not valid YAML");
	}

	private Reference load(Path folder) {
		return Reference.load(folder.toUri().toString());
	}

	/**
	 * Copies the real content and samples, then finds each marker in turn in one file and
	 * replaces the last one found with {@code replacement}.
	 */
	private Path contentWith(String file, String replacement, String... markers) throws IOException {
		copyTree(MAIN.resolve("content"), this.copy.resolve("content"));
		copyTree(MAIN.resolve("samples"), this.copy.resolve("samples"));
		Path target = this.copy.resolve("content").resolve(file);
		String text = Files.readString(target);
		int at = 0;
		for (String marker : markers) {
			at = text.indexOf(marker, at);
			assertThat(at).as("'%s' in %s", marker, file).isNotNegative();
		}
		String last = markers[markers.length - 1];
		Files.writeString(target, text.substring(0, at) + replacement + text.substring(at + last.length()));
		return this.copy.resolve("content");
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
	}

}
