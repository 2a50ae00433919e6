package org.smtpreference.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that a content file bound into records is held to its shape (types, required
 * fields, no unknown or repeated fields) and that every problem, however deep, is
 * reported with the line and column where it stands. Expected places are looked up in the
 * broken file itself, never written here as numbers.
 */
class ContentBindingTests {

	@TempDir
	Path copy;

	@Test
	void wrongTypeDeepInAnEntryNamesItsLineAndColumn() throws IOException {
		Path folder = contentWith("commands.yml", "success: {code: 250}", "  - slug: ehlo", "success: [250]");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml at " + place("commands.yml", "  - slug: ehlo", "success:")
					+ ", entry 'ehlo', field 'replies.success': must be a list, found a mapping");
	}

	@Test
	void textWhereAWholeNumberBelongsIsRefusedWhereItStands() throws IOException {
		Path folder = contentWith("commands.yml", "rfc: five", "  - slug: noop", "rfc: 5321");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml at " + place("commands.yml", "  - slug: noop", "rfc:")
					+ ", entry 'noop', field 'rfc': must be a whole number, found 'five'");
	}

	@Test
	void missingRequiredFieldIsReportedWhereItsEntryStarts() throws IOException {
		Path folder = contentWith("commands.yml", "", "  - slug: noop", "verb: NOOP\n    ");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml at " + place("commands.yml", "  - slug: noop", "slug: noop")
					+ ", entry 'noop', field 'verb': is missing");
	}

	@Test
	void unknownFieldDeepInANestedListIsRefusedNamingTheKnownOnes() throws IOException {
		Path folder = contentWith("commands.yml", "summary:\n          de: \"Sendet alles auf einmal.\"",
				"      - name: PLAIN", "summary:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml at " + place("commands.yml", "      - name: PLAIN", "de:")
					+ ", entry 'auth mechanism PLAIN', field 'summary.de': is an unknown field (known fields: en, tr)");
	}

	@Test
	void misspeltFieldIsReportedTogetherWithTheFieldItLeavesMissing() throws IOException {
		Path folder = contentWith("commands.yml", "sytnax:", "  - slug: noop", "syntax:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml at " + place("commands.yml", "  - slug: noop", "sytnax:")
					+ ", entry 'noop', field 'sytnax': is an unknown field (known fields: category, description,")
			.withMessageContaining("entry 'noop', field 'syntax': is missing")
			.withMessageContaining("1 more:");
	}

	@Test
	void valueOfTheWrongTypeIsReportedOnceNotAgainAsMissing() throws IOException {
		Path folder = contentWith("commands.yml", "summary: [\"Does nothing.\"]\n    old-summary:", "  - slug: noop",
				"summary:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'noop', field 'summary': must be a mapping with en and tr, found a list")
			.withMessageContaining("entry 'noop', field 'old-summary': is an unknown field")
			.withMessageNotContaining("is missing");
	}

	@Test
	void fieldGivenTwiceIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "category: session\n    category: auth", "  - slug: noop",
				"category: session");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml at " + place("commands.yml", "  - slug: noop", "category: auth")
					+ ", entry 'noop', field 'category': is given twice");
	}

	@Test
	void problemFoundWhenCheckingAListItemNamesTheItemsLine() throws IOException {
		Path folder = contentWith("cheatsheet.yml", "  - 5.9.9", "statusCodes:", "  - 2.1.5");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("cheatsheet.yml at " + place("cheatsheet.yml", "statusCodes:", "5.9.9")
					+ ", field 'statusCodes': unknown enhanced status code '5.9.9'");
	}

	@Test
	void problemFoundWhenCheckingADeepTextNamesItsLine() throws IOException {
		Path folder = contentWith("scenarios.yml", "en: \"See [[cmd:no-such-command]].\"\n          old:",
				"  - id: greylisting", "explanation:", "en:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("scenarios.yml at "
					+ place("scenarios.yml", "  - id: greylisting", "explanation:", "en: \"See")
					+ ", entry 'greylisting step #1', field 'explanation.en': link [[cmd:no-such-command]] points to no entry");
	}

	@Test
	void invalidYamlNamesLineAndColumn() throws IOException {
		Path folder = contentWith("faq.yml", "  - id: [unclosed\n", "faq:", "  - id: ");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageMatching(
					"Broken content in faq\\.yml at line \\d+, column \\d+: is not valid YAML[^\\n]*(?s).*")
			.withMessageNotContaining("more:");
	}

	private Reference load(Path folder) {
		return Reference.load(folder.toUri().toString());
	}

	/**
	 * The line and column, as the message gives them, of the last of some markers found
	 * in turn in a file of the broken copy.
	 */
	private String place(String file, String... markers) throws IOException {
		String text = Files.readString(this.copy.resolve("content").resolve(file));
		int at = 0;
		for (String marker : markers) {
			at = text.indexOf(marker, at);
			assertThat(at).as("'%s' in %s", marker, file).isNotNegative();
			at += (marker.startsWith(" ") ? marker.length() - marker.stripLeading().length() : 0);
		}
		int lineStart = text.lastIndexOf('\n', at - 1) + 1;
		long line = text.substring(0, at).chars().filter((c) -> c == '\n').count() + 1;
		return "line " + line + ", column " + (at - lineStart + 1);
	}

	private Path contentWith(String file, String replacement, String... markers) throws IOException {
		return ContentFixture.copyWith(this.copy, file, replacement, markers);
	}

}
