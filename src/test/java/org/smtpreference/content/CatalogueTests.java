package org.smtpreference.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The catalogue as a whole: every cross-reference points to an entry, every text is
 * written in both languages, and the codes and keywords are exactly those of the lists
 * kept from the RFCs and the IANA registries, so nothing silently vanishes or appears.
 */
class CatalogueTests {

	private static Reference reference;

	@BeforeAll
	static void load() {
		reference = Reference.load("content");
	}

	@Test
	void commandsNameOnlyExistingReplyCodes() {
		List<String> broken = new ArrayList<>();
		for (Command command : reference.commands()) {
			Stream.concat(command.successReplies().stream(), command.errorReplies().stream())
				.filter((code) -> reference.reply(code).isEmpty())
				.forEach((code) -> broken.add(command.slug() + " -> " + code));
		}
		assertThat(broken).as("reply codes named by commands but not in replies.yml").isEmpty();
	}

	@Test
	void commandsNameOnlyExistingRelatedAndReplacingCommands() {
		List<String> broken = new ArrayList<>();
		for (Command command : reference.commands()) {
			Stream.concat(command.related().stream(), command.replacedBy().stream())
				.filter((slug) -> reference.command(slug).isEmpty())
				.forEach((slug) -> broken.add(command.slug() + " -> " + slug));
			if (command.related().contains(command.slug())) {
				broken.add(command.slug() + " is related to itself");
			}
			if (!command.replacedBy().isEmpty() && !command.obsolete()) {
				broken.add(command.slug() + " is replaced but not marked obsolete");
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void enhancedEntriesNameOnlyExistingBasicCodesOfTheirClasses() {
		List<String> broken = new ArrayList<>();
		for (StatusEntry entry : reference.statusCodes().stream().map(StatusCode::entry).distinct().toList()) {
			for (int basic : entry.basic()) {
				if (reference.reply(basic).isEmpty()) {
					broken.add(entry.registryCode() + " -> " + basic + " (no such reply)");
				}
				else if (!entry.classes().contains(basic / 100)) {
					broken.add(entry.registryCode() + " -> " + basic + " (class not among " + entry.classes() + ")");
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void repliesNameOnlyExistingEnhancedCodesOfTheirClass() {
		List<String> broken = new ArrayList<>();
		for (Reply reply : reference.replies()) {
			for (String code : reply.enhanced()) {
				if (reference.statusCode(code).isEmpty()) {
					broken.add(reply.code() + " -> " + code + " (no such status code)");
				}
				else if (!code.startsWith(reply.classDigit() + ".")) {
					broken.add(reply.code() + " -> " + code + " (other class)");
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void extensionsNameOnlyExistingCommands() {
		List<String> broken = new ArrayList<>();
		for (Extension extension : reference.extensions()) {
			extension.commands()
				.stream()
				.filter((slug) -> reference.command(slug).isEmpty())
				.forEach((slug) -> broken.add(extension.keyword() + " -> " + slug));
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void fullyWrittenExtensionsHaveDescriptionEhloReplyAndExample() {
		List<String> incomplete = reference.extensions()
			.stream()
			.filter((extension) -> extension.description() != null)
			.filter((extension) -> extension.ehlo().isEmpty() || extension.example().isEmpty())
			.map(Extension::keyword)
			.toList();
		assertThat(incomplete).isEmpty();
	}

	@Test
	void everyTextIsWrittenInBothLanguagesAndTranslated() {
		List<String> broken = new ArrayList<>();
		List<Object> entries = new ArrayList<>();
		entries.addAll(reference.commands());
		entries.addAll(reference.replyClasses());
		entries.addAll(reference.replies());
		entries.addAll(reference.statusClasses());
		entries.addAll(reference.statusSubjects());
		entries.addAll(reference.statusCodes().stream().map(StatusCode::entry).distinct().toList());
		entries.addAll(reference.extensions());
		entries.addAll(reference.faq());
		entries.addAll(reference.samples());
		for (Object entry : entries) {
			List<Labelled> texts = texts(name(entry), entry);
			if (texts.isEmpty()) {
				broken.add(name(entry) + ": no text found");
			}
			for (Labelled labelled : texts) {
				String en = labelled.text().en().plain().strip();
				String tr = labelled.text().tr().plain().strip();
				if (en.isEmpty() || tr.isEmpty()) {
					broken.add(labelled.label() + ": " + (en.isEmpty() ? "English" : "Turkish") + " text is blank");
				}
				else if (en.equals(tr)) {
					broken.add(labelled.label() + ": Turkish text is the English one (" + en + ")");
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	/**
	 * Every {@link Text} of an entry, found through its record components so that a field
	 * added later is checked too.
	 */
	private static List<Labelled> texts(String label, Object value) {
		List<Labelled> found = new ArrayList<>();
		if (value instanceof Text text) {
			found.add(new Labelled(label, text));
		}
		else if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				found.addAll(texts(label + "[" + i + "]", list.get(i)));
			}
		}
		else if (value instanceof Record record) {
			for (RecordComponent component : record.getClass().getRecordComponents()) {
				found.addAll(texts(label + "." + component.getName(), read(component, record)));
			}
		}
		return found;
	}

	private static Object read(RecordComponent component, Record record) {
		try {
			return component.getAccessor().invoke(record);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String name(Object entry) {
		if (entry instanceof Command command) {
			return "command " + command.slug();
		}
		if (entry instanceof ReplyClass replyClass) {
			return "reply class " + replyClass.digit() + "xx";
		}
		if (entry instanceof Reply reply) {
			return "reply " + reply.code();
		}
		if (entry instanceof StatusClass status) {
			return "status class/subject " + status.digit();
		}
		if (entry instanceof StatusEntry status) {
			return "status " + status.registryCode();
		}
		if (entry instanceof Extension extension) {
			return "extension " + extension.keyword();
		}
		if (entry instanceof FaqEntry faq) {
			return "faq " + faq.id();
		}
		if (entry instanceof Sample sample) {
			return "sample " + sample.id();
		}
		throw new IllegalArgumentException(entry.getClass().getName());
	}

	@Test
	void replyCodesAreThoseOfTheRfcs() {
		assertSameSet("rfc-reply-codes.txt", source("rfc-reply-codes.txt"),
				reference.replies().stream().map((reply) -> String.valueOf(reply.code())).toList());
	}

	@Test
	void enhancedStatusCodesAreThoseOfTheIanaRegistry() {
		assertSameSet("iana-enhanced-status-codes.txt", source("iana-enhanced-status-codes.txt"),
				reference.statusCodes().stream().map((code) -> code.entry().registryCode()).distinct().toList());
	}

	@Test
	void extensionsAreThoseOfTheIanaRegistry() {
		assertSameSet("iana-smtp-extensions.txt", source("iana-smtp-extensions.txt"),
				reference.extensions().stream().map(Extension::keyword).toList());
	}

	private static void assertSameSet(String list, List<String> listed, List<String> content) {
		assertThat(listed).as("%s names an entry twice", list).doesNotHaveDuplicates();
		assertThat(content).as("the content has an entry twice").doesNotHaveDuplicates();
		List<String> differences = new ArrayList<>();
		missing(listed, content).forEach((name) -> differences.add(name + ": in " + list + ", not in the content"));
		missing(content, listed).forEach((name) -> differences.add(name + ": in the content, not in " + list));
		assertThat(differences).isEmpty();
	}

	private static Set<String> missing(List<String> from, List<String> in) {
		Set<String> missing = new TreeSet<>(from);
		in.forEach(missing::remove);
		return missing;
	}

	/**
	 * The entries of a list under {@code src/test/resources/sources/}, without comments
	 * and blank lines.
	 */
	private static List<String> source(String name) {
		try {
			String text = new ClassPathResource("sources/" + name).getContentAsString(StandardCharsets.UTF_8);
			List<String> entries = text.lines()
				.map(String::strip)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
			assertThat(entries).as(name).isNotEmpty();
			return entries;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Test
	void commandsCoverTheProductBrief() {
		assertThat(verbs(reference.commands(), Command::verb))
			.containsAll(List.of("EHLO", "HELO", "QUIT", "STARTTLS", "NOOP", "RSET", "AUTH", "MAIL FROM", "RCPT TO",
					"DATA", "VRFY", "EXPN", "HELP", "BDAT", "ETRN", "LHLO", "SEND", "SOML", "SAML", "TURN"));
		for (String slug : List.of("send", "soml", "saml", "turn")) {
			assertThat(reference.command(slug).orElseThrow().obsolete()).as(slug + " is obsolete").isTrue();
		}
		Command auth = reference.command("auth").orElseThrow();
		assertThat(verbs(auth.mechanisms(), Mechanism::name)).contains("PLAIN", "LOGIN", "CRAM-MD5", "XOAUTH2");
		assertThat(reference.faq()).hasSizeGreaterThanOrEqualTo(12);
		assertThat(verbs(reference.samples(), Sample::id)).hasSizeGreaterThanOrEqualTo(11);
	}

	private static <T> Set<String> verbs(List<T> entries, Function<T, String> name) {
		Set<String> names = new LinkedHashSet<>();
		entries.forEach((entry) -> names.add(name.apply(entry)));
		return names;
	}

	/**
	 * A text and where it was found.
	 */
	private record Labelled(String label, Text text) {
	}

}
