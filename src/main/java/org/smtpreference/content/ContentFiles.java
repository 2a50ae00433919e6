package org.smtpreference.content;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * The shape of each content file as Jackson binds it: the YAML's own field names and
 * nothing derived. A field not declared here is refused when read, so a new field is
 * declared here first; the loader then checks it and builds the public records.
 * <p>
 * Required numbers are {@code Integer} so that a missing one is told apart from 0; lists
 * and mappings that are left out are empty.
 */
final class ContentFiles {

	private ContentFiles() {
	}

	/**
	 * Text in both languages as written, before links are resolved.
	 *
	 * @param en the English text
	 * @param tr the Turkish text
	 */
	record Bilingual(String en, String tr) {
	}

	/**
	 * A line of an example exchange: {@code "S: 250 OK"} alone, or with what it decodes
	 * to.
	 *
	 * @param line the line with its {@code C: } or {@code S: } marker
	 * @param note what the line decodes to, or {@code null}
	 */
	record Line(String line, String note) {

		@JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
		Line {
		}

		@JsonCreator(mode = JsonCreator.Mode.DELEGATING)
		static Line of(String line) {
			return new Line(line, null);
		}

	}

	/** {@code commands.yml}. */
	record Commands(List<CommandEntry> commands) {
	}

	/** A command. */
	record CommandEntry(String slug, String verb, String category, String syntax, Integer rfc, String section,
			boolean obsolete, List<String> replacedBy, List<String> related, ReplyLists replies,
			List<ParameterEntry> parameters, List<MechanismEntry> mechanisms, Bilingual summary, Bilingual description,
			Bilingual security, List<Line> example, TrialEntry trial) {
	}

	/** The reply codes a command is answered with, by kind. */
	record ReplyLists(List<Integer> success, List<Integer> intermediate, List<Integer> error) {
	}

	/** A parameter of a command, its text written beside its name. */
	record ParameterEntry(String name, String extension, int rfc, String en, String tr) {
	}

	/** A SASL mechanism of AUTH. */
	record MechanismEntry(String name, int rfc, Bilingual summary, List<Line> exchange) {
	}

	/** How a command is tried in the playground. */
	record TrialEntry(List<String> setup, List<String> lines, Bilingual unmodelled, String tool) {
	}

	/** {@code replies.yml}. */
	record Replies(List<ReplyClassEntry> classes, List<ReplyEntry> replies) {
	}

	/** A class of reply codes. */
	record ReplyClassEntry(Integer digit, Bilingual title, Bilingual retry, Bilingual description) {
	}

	/** A basic reply code. */
	record ReplyEntry(Integer code, Integer rfc, String section, List<String> enhanced, String example, Bilingual title,
			Bilingual meaning, Bilingual when, Bilingual causes, Bilingual sender, Bilingual admin) {
	}

	/** {@code status-codes.yml}. */
	record StatusCodes(List<StatusClassEntry> classes, List<StatusClassEntry> subjects, List<StatusCodeEntry> codes) {
	}

	/** A class or subject of enhanced status codes. */
	record StatusClassEntry(Integer digit, Bilingual title, Bilingual description) {
	}

	/** An entry of the enhanced status code registry. */
	record StatusCodeEntry(String code, List<Integer> classes, int rfc, String reference, List<Integer> basic,
			List<String> otherBasic, Bilingual title, Bilingual description) {
	}

	/** {@code extensions.yml}. */
	record Extensions(List<ExtensionEntry> extensions) {
	}

	/** A service extension. */
	record ExtensionEntry(String keyword, String slug, int rfc, String reference, String status, List<String> commands,
			Bilingual summary, Bilingual description, List<Line> ehlo, List<Line> example) {
	}

	/** {@code faq.yml}. */
	record Faq(List<FaqItem> faq) {
	}

	/** A question and its answer. */
	record FaqItem(String id, Bilingual question, Bilingual answer) {
	}

	/** {@code samples.yml}. */
	record Samples(List<SampleEntry> samples) {
	}

	/**
	 * A code sample; {@code commands} maps a command slug to a piece of the one line of
	 * the sample that issues it.
	 */
	record SampleEntry(String id, String language, String highlight, String file, String library, String libraryVersion,
			String transport, Bilingual title, Bilingual explanation, Map<String, String> commands) {
	}

	/** {@code flow.yml}. */
	record Flow(List<PhaseEntry> phases) {
	}

	/** A phase of the session flow. */
	record PhaseEntry(String id, Bilingual title, List<FlowStepEntry> steps) {
	}

	/** A step of the session flow. */
	record FlowStepEntry(String key, String side, String token, boolean optional, String link, String mechanism,
			Bilingual label) {
	}

	/** {@code cheatsheet.yml}. */
	record CheatSheetFile(List<String> statusCodes, List<PortEntry> ports) {
	}

	/** A port on the cheat sheet. */
	record PortEntry(Integer port, Bilingual use) {
	}

	/** {@code decode-rules.yml}: the causes the decoder names and the texts it offers. */
	record DecodeRules(List<RuleEntry> rules, List<ExampleEntry> examples) {
	}

	/** A cause the decoder names. */
	record RuleEntry(String id, List<String> patterns, List<String> status, List<Integer> replies,
			@JsonProperty("instead-of") List<String> insteadOf, @JsonProperty("ruled-out-by") List<String> ruledOutBy,
			Bilingual title, Bilingual explanation, Bilingual sender, Bilingual admin) {
	}

	/** A text the decoder page offers to try. */
	record ExampleEntry(String id, Bilingual label, String text) {
	}

	/** {@code providers.yml}: providers that give some codes a meaning of their own. */
	record Providers(List<ProviderEntry> providers) {
	}

	/** A provider and how a text shows it came from there. */
	record ProviderEntry(String id, String name, List<String> hosts, List<ProviderMeaningEntry> meanings) {
	}

	/** What a provider means by one of its codes or tokens, and where it says so. */
	record ProviderMeaningEntry(String status, String keyword, Bilingual meaning, String cause, String source) {
	}

	/** {@code scenarios.yml}. */
	record Scenarios(List<ScenarioEntry> scenarios) {
	}

	/** A guided session. */
	record ScenarioEntry(String id, Bilingual title, Bilingual summary, int port, String server,
			List<ScenarioStepEntry> steps) {
	}

	/**
	 * A guided step; {@code client} is one line, or a list of lines for a batch.
	 */
	record ScenarioStepEntry(@JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY) List<String> client,
			List<Integer> expect, Bilingual explanation) {
	}

}
