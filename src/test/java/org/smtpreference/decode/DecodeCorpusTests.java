package org.smtpreference.decode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Provider;
import org.smtpreference.content.Reference;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder on the corpus of real-format texts in
 * {@code src/test/resources/decode-corpus}: for each text, exactly the codes that must be
 * found, the causes that must be named and those that must not, and the numbers that must
 * not be taken for codes.
 */
class DecodeCorpusTests {

	private static Reference reference;

	private static Decoder decoder;

	private static Explainer explainer;

	@BeforeAll
	static void load() {
		reference = Reference.load("content");
		decoder = new Decoder(reference);
		explainer = new Explainer(reference);
	}

	/**
	 * One text of the corpus and what the decoder must make of it.
	 *
	 * @param file the corpus file it comes from
	 * @param source the kind of source of that file
	 * @param name its name within the file
	 * @param text the text
	 * @param codes the codes that must be found, in order
	 * @param causes the causes that must be named
	 * @param notCauses the causes that must not be named
	 * @param notCodes numbers that must not be taken for codes
	 * @param providers providers whose own meaning of a code must be shown
	 * @param notProviders providers whose meanings must not be shown
	 * @param pending why the decoder cannot read this format yet, or {@code null}: such a
	 * case is kept, reported as skipped, until the decoder reads it
	 * @param recipients the recipients of a delivery-status notification that must be
	 * read, in order, each with the fields given; {@code null} when not asserted
	 */
	record Case(String file, String source, String name, String text, List<String> codes, List<String> causes,
			List<String> notCauses, List<String> notCodes, List<String> providers, List<String> notProviders,
			String pending, List<Map<String, String>> recipients) {
	}

	/** The keys of a {@code recipients:} entry and the part of a recipient each names. */
	private static final Map<String, Function<Recipient, String>> RECIPIENT_FIELDS = Map.of("final",
			Recipient::finalRecipient, "original", Recipient::originalRecipient, "action", Recipient::action, "status",
			Recipient::status, "remote-mta", Recipient::remoteMta, "diagnostic", Recipient::diagnosticCode, "reply",
			Recipient::reply, "last-attempt", Recipient::lastAttemptDate, "will-retry-until",
			Recipient::willRetryUntil);

	static List<Case> corpus() throws IOException {
		List<Case> cases = new ArrayList<>();
		Resource[] files = new PathMatchingResourcePatternResolver().getResources("classpath:decode-corpus/*.yml");
		for (Resource file : files) {
			try (InputStream in = file.getInputStream()) {
				Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
				String source = (String) root.get("source");
				assertThat(source).as("%s: source", file.getFilename()).isNotBlank();
				@SuppressWarnings("unchecked")
				List<Map<String, Object>> entries = (List<Map<String, Object>>) root.get("cases");
				for (Map<String, Object> entry : entries) {
					String name = (String) entry.get("name");
					assertThat(name).as("%s: a case without a name", file.getFilename()).isNotBlank();
					assertThat((String) entry.get("origin")).as("%s/%s: origin", file.getFilename(), name).isNotBlank();
					assertThat((String) entry.get("text")).as("%s/%s: text", file.getFilename(), name).isNotBlank();
					cases.add(new Case(file.getFilename(), source, name, (String) entry.get("text"),
							strings(entry.get("codes")), strings(entry.get("causes")), strings(entry.get("not-causes")),
							strings(entry.get("not-codes")), strings(entry.get("providers")),
							strings(entry.get("not-providers")), (String) entry.get("pending"),
							recipients(file.getFilename(), name, entry.get("recipients"))));
				}
			}
		}
		return cases;
	}

	private static List<Map<String, String>> recipients(String file, String name, Object value) {
		if (value == null) {
			return null;
		}
		List<Map<String, String>> recipients = new ArrayList<>();
		for (Object entry : (List<?>) value) {
			Map<String, String> fields = new java.util.LinkedHashMap<>();
			((Map<?, ?>) entry).forEach((key, field) -> fields.put(String.valueOf(key), String.valueOf(field)));
			assertThat(RECIPIENT_FIELDS.keySet()).as("%s/%s: recipient fields", file, name)
				.containsAll(fields.keySet());
			recipients.add(fields);
		}
		return recipients;
	}

	private static List<String> strings(Object value) {
		if (value == null) {
			return List.of();
		}
		return ((List<?>) value).stream().map(String::valueOf).toList();
	}

	@Test
	void namesAreUniqueWithinEachFile() throws IOException {
		Set<String> seen = new LinkedHashSet<>();
		for (Case c : corpus()) {
			assertThat(seen.add(c.file() + "/" + c.name())).as("%s/%s appears twice", c.file(), c.name()).isTrue();
		}
	}

	@TestFactory
	Stream<DynamicContainer> everyText() throws IOException {
		Map<String, List<Case>> byFile = new java.util.TreeMap<>();
		corpus().forEach((c) -> byFile.computeIfAbsent(c.file(), (key) -> new ArrayList<>()).add(c));
		return byFile.entrySet()
			.stream()
			.map((file) -> DynamicContainer.dynamicContainer(file.getKey(),
					file.getValue().stream().map((c) -> DynamicTest.dynamicTest(c.name(), () -> check(c)))));
	}

	/**
	 * The causes a text names as the page shows them: those of the decoder and those of
	 * the provider meanings shown.
	 */
	private static Set<String> causesNamed(String text) {
		Explainer.Result result = explainer.explain(text);
		Set<String> named = new LinkedHashSet<>();
		result.explanations().forEach((x) -> x.causes().forEach((rule) -> named.add(rule.id())));
		result.causesWithoutCode().forEach((rule) -> named.add(rule.id()));
		return named;
	}

	private static Set<String> providersShown(String text) {
		Set<String> shown = new LinkedHashSet<>();
		explainer.explain(text)
			.explanations()
			.forEach((x) -> x.providerMeanings().forEach((note) -> shown.add(note.provider().id())));
		return shown;
	}

	@Test
	void everyCauseAndEveryProviderIsExercised() throws IOException {
		Set<String> causes = new LinkedHashSet<>();
		Set<String> providers = new LinkedHashSet<>();
		for (Case c : corpus()) {
			causes.addAll(c.causes());
			providers.addAll(c.providers());
		}
		assertThat(causes).as("causes some text of the corpus must name")
			.containsAll(reference.decodeRules().stream().map(DecodeRule::id).toList());
		assertThat(providers).as("providers some text of the corpus must show")
			.containsAll(reference.providers().stream().map(Provider::id).toList());
	}

	private static void check(Case c) {
		if (c.pending() != null) {
			// A pending case is still read: once the decoder reads it, the test says so,
			// so that the mark cannot outlive the reason for it.
			boolean read;
			try {
				checkRead(c);
				read = true;
			}
			catch (AssertionError ex) {
				read = false;
			}
			assertThat(read).as("%s/%s is read now: remove its 'pending'", c.file(), c.name()).isFalse();
			Assumptions.abort("format not read yet: " + c.pending());
		}
		checkRead(c);
	}

	private static void checkRead(Case c) {
		Decoding decoding = decoder.decode(c.text());
		String what = c.file() + "/" + c.name();
		assertThat(decoding.findings()).extracting(Finding::code).as(what).containsExactlyElementsOf(c.codes());
		Set<String> named = causesNamed(c.text());
		assertThat(named).as("%s: causes named", what).containsAll(c.causes());
		// AssertJ refuses an empty list to look for.
		if (!c.notCauses().isEmpty()) {
			assertThat(named).as("%s: causes that must not be named", what).doesNotContainAnyElementsOf(c.notCauses());
		}
		Set<String> shown = providersShown(c.text());
		assertThat(shown).as("%s: provider meanings shown", what).containsAll(c.providers());
		if (!c.notProviders().isEmpty()) {
			assertThat(shown).as("%s: provider meanings that must not be shown", what)
				.doesNotContainAnyElementsOf(c.notProviders());
		}
		if (c.recipients() != null) {
			assertThat(decoding.recipients()).as("%s: recipients", what).hasSameSizeAs(c.recipients());
			for (int i = 0; i < c.recipients().size(); i++) {
				Recipient recipient = decoding.recipients().get(i);
				c.recipients()
					.get(i)
					.forEach((key, value) -> assertThat(RECIPIENT_FIELDS.get(key).apply(recipient))
						.as("%s: recipient %s", what, key)
						.isEqualTo(value));
			}
		}
		for (String number : c.notCodes()) {
			int at = c.text().indexOf(number);
			assertThat(at).as("%s: '%s' is in the text", what, number).isNotNegative();
			for (; at >= 0; at = c.text().indexOf(number, at + 1)) {
				for (Finding finding : decoding.findings()) {
					assertThat(finding.end() <= at || finding.start() >= at + number.length())
						.as("%s: '%s' reported as the code %s", what, number, finding.code())
						.isTrue();
				}
			}
		}
	}

}
