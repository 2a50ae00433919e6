package org.smtpreference.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
			for (String other : entry.otherBasic()) {
				if (!entry.classes().contains(other.charAt(0) - '0')) {
					broken.add(entry.registryCode() + " -> " + other + " (class not among " + entry.classes() + ")");
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	/**
	 * Each enhanced code lists exactly the registry's associated basic codes, those with
	 * a page of their own (linked) and those without (plain text), in both directions:
	 * none missing, none added. The registry's "Not given" and "Any" are an empty list.
	 */
	@Test
	void enhancedCodesListExactlyTheRegistrysAssociatedBasicCodes() {
		Map<String, Set<String>> registry = new TreeMap<>();
		for (String line : source("iana-enhanced-status-codes.txt")) {
			String[] parts = line.split("\\|", 2);
			assertThat(parts).as("'%s' needs a code, '|' and the associated basic codes", line).hasSize(2);
			String field = parts[1].strip();
			Set<String> codes = new TreeSet<>();
			if (!field.equals("Not given") && !field.equals("Any")) {
				for (String code : field.split(",")) {
					codes.add(code.strip());
				}
			}
			registry.put(parts[0].strip(), codes);
		}
		List<String> differences = new ArrayList<>();
		for (StatusEntry entry : reference.statusCodes().stream().map(StatusCode::entry).distinct().toList()) {
			Set<String> listed = new TreeSet<>(entry.otherBasic());
			entry.basic().forEach((code) -> listed.add(String.valueOf(code)));
			Set<String> registered = registry.getOrDefault(entry.registryCode(), Set.of());
			missing(List.copyOf(registered), List.copyOf(listed)).forEach(
					(code) -> differences.add(entry.registryCode() + ": " + code + " is in the registry, not listed"));
			missing(List.copyOf(listed), List.copyOf(registered)).forEach(
					(code) -> differences.add(entry.registryCode() + ": " + code + " is listed, not in the registry"));
		}
		assertThat(differences).isEmpty();
	}

	/**
	 * A command lists each reply by its class: 2yz under success, 3yz (intermediate, such
	 * as 334 and 354) under intermediate, 4yz and 5yz under error.
	 */
	@Test
	void commandsListEachReplyUnderItsClass() {
		List<String> broken = new ArrayList<>();
		for (Command command : reference.commands()) {
			command.successReplies()
				.stream()
				.filter((code) -> code / 100 != 2)
				.forEach((code) -> broken.add(command.slug() + ": " + code + " listed as success"));
			command.intermediateReplies()
				.stream()
				.filter((code) -> code / 100 != 3)
				.forEach((code) -> broken.add(command.slug() + ": " + code + " listed as intermediate"));
			command.errorReplies()
				.stream()
				.filter((code) -> code / 100 != 4 && code / 100 != 5)
				.forEach((code) -> broken.add(command.slug() + ": " + code + " listed as error"));
		}
		assertThat(broken).isEmpty();
	}

	/**
	 * Replies that RFC 5321 (sections 4.2.4, 4.3.2) and RFC 3207/4954 allow after nearly
	 * any command. Their pages say so in words ("any command", "an unknown command")
	 * rather than linking every command, so only the first direction below applies to
	 * them.
	 */
	private static final Set<Integer> ANY_COMMAND = Set.of(250, 421, 500, 501, 502, 503, 504, 530);

	/**
	 * A reply page and the commands' reply lists say the same thing. The `when` field of
	 * a reply says in reply to what a server sends it, and a command link there
	 * ({@code [[cmd:rcpt-to]]}) is that claim; links in the other fields are context
	 * ("ready for EHLO") and claim nothing. So, in both languages:
	 * <ol>
	 * <li>every command linked in a reply's `when` lists that reply (the page claims
	 * nothing the command denies);</li>
	 * <li>every current command that lists a reply is linked in that reply's `when`,
	 * except for the {@link #ANY_COMMAND} replies (the command claims nothing the page
	 * leaves out). Obsolete commands (SEND, SOML, SAML, TURN) are left out here: their
	 * own pages say which replies they got.</li>
	 * </ol>
	 */
	@Test
	void replyPagesAndCommandReplyListsAgree() {
		List<String> broken = new ArrayList<>();
		for (Reply reply : reference.replies()) {
			Set<String> en = commandLinks(reply.when().en());
			Set<String> tr = commandLinks(reply.when().tr());
			if (!en.equals(tr)) {
				broken.add(reply.code() + ": `when` links " + en + " in English but " + tr + " in Turkish");
			}
			Set<String> listing = new TreeSet<>();
			reference.commandsGetting(reply.code()).forEach((command) -> listing.add(command.slug()));
			for (String slug : en) {
				if (!listing.contains(slug)) {
					broken.add(reply.code() + ": page says it answers " + slug + ", which does not list it");
				}
			}
			if (!ANY_COMMAND.contains(reply.code())) {
				for (Command command : reference.commandsGetting(reply.code())) {
					if (!command.obsolete() && !en.contains(command.slug())) {
						broken.add(reply.code() + ": " + command.slug()
								+ " lists it, but its page's `when` does not name " + command.slug());
					}
				}
			}
		}
		assertThat(broken).isEmpty();
	}

	private static Set<String> commandLinks(RichText text) {
		Set<String> slugs = new TreeSet<>();
		text.blocks()
			.stream()
			.flatMap((block) -> block.items().stream())
			.flatMap(List::stream)
			.filter((segment) -> segment.isLink() && segment.href().startsWith("/commands/"))
			.forEach((segment) -> slugs.add(segment.href().substring("/commands/".length())));
		return slugs;
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
		assertSameSet("iana-enhanced-status-codes.txt",
				source("iana-enhanced-status-codes.txt").stream().map((line) -> line.split("\\|")[0].strip()).toList(),
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
