package org.smtpreference.content;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.smtpreference.SiteProperties;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The whole SMTP reference, loaded once at start-up and shared by the pages and the API.
 * Identifiers are looked up with {@link Locale#ROOT}, so a Turkish reader's dotted and
 * dotless i never break a lookup.
 */
@Service
public class Reference {

	private final Content content;

	private final Map<String, Command> commandsBySlug;

	private final Map<Integer, Reply> repliesByCode;

	private final List<StatusCode> statusCodes;

	private final Map<String, StatusCode> statusCodesByCode;

	private final Map<String, Extension> extensionsBySlug;

	private final Map<String, Sample> samplesById;

	private final Map<String, Scenario> scenariosById;

	/**
	 * The content of the folder the settings name, read ahead while the application
	 * started ({@link ContentPreload}) or read now.
	 */
	@Autowired
	public Reference(SiteProperties properties) {
		this(read(folder(properties)));
	}

	private static Content read(String folder) {
		return ContentPreload.take(folder).orElseGet(() -> new ContentLoader(folder).load());
	}

	/**
	 * Where the content is read from: the external folder's {@code content/} when one is
	 * set, the built-in classpath folder otherwise.
	 */
	static String folder(SiteProperties properties) {
		return folder(properties.content(), properties.contentDirectory());
	}

	/**
	 * {@link #folder(SiteProperties)} of the two settings it reads.
	 */
	static String folder(String content, String contentDirectory) {
		if (contentDirectory == null || contentDirectory.isBlank()) {
			return content;
		}
		Path directory = Path.of(contentDirectory.strip()).toAbsolutePath().normalize();
		if (!Files.isDirectory(directory.resolve("content"))) {
			throw new ContentException(directory.toString(), null, null,
					"site.content-directory must be a folder holding content/ and samples/ (as in the jar), "
							+ "but it has no content/ folder");
		}
		return directory.resolve("content").toUri().toString();
	}

	Reference(Content content) {
		this.content = content;
		this.commandsBySlug = index(content.commands(), Command::slug);
		this.repliesByCode = index(content.replies(), Reply::code);
		this.statusCodes = content.statusEntries()
			.stream()
			.flatMap((entry) -> entry.classes().stream().map((digit) -> new StatusCode(digit, entry)))
			.sorted(Comparator.comparingInt(StatusCode::classDigit)
				.thenComparingInt((code) -> code.entry().subject())
				.thenComparingInt((code) -> code.entry().detail()))
			.toList();
		this.statusCodesByCode = index(this.statusCodes, StatusCode::code);
		this.extensionsBySlug = index(content.extensions(), Extension::slug);
		this.samplesById = index(content.samples(), Sample::id);
		this.scenariosById = index(content.scenarios(), Scenario::id);
	}

	/**
	 * Reads the content in a classpath folder, failing with a precise message when it is
	 * broken.
	 */
	public static Reference load(String folder) {
		return new Reference(new ContentLoader(folder).load());
	}

	private static <K, V> Map<K, V> index(List<V> values, Function<V, K> key) {
		Map<K, V> map = new LinkedHashMap<>();
		values.forEach((value) -> map.put(key.apply(value), value));
		return Collections.unmodifiableMap(map);
	}

	public List<Command> commands() {
		return this.content.commands();
	}

	public List<Command> commandsIn(Category category) {
		return commands().stream().filter((command) -> command.category() == category).toList();
	}

	public Optional<Command> command(String slug) {
		return Optional.ofNullable(this.commandsBySlug.get(slug));
	}

	/**
	 * The command another spelling names: {@code MAIL}, {@code mail from},
	 * {@code Mail_From:} all name {@code mail-from}.
	 */
	public Optional<Command> commandSpelledAs(String spelling) {
		if (spelling == null || spelling.length() > 64) {
			return Optional.empty();
		}
		String key = spelling.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
		if (key.isEmpty()) {
			return Optional.empty();
		}
		Command exact = this.commandsBySlug.get(key);
		if (exact != null) {
			return Optional.of(exact);
		}
		return commands().stream().filter((command) -> command.slug().startsWith(key + "-")).findFirst();
	}

	public List<Command> commands(List<String> slugs) {
		return slugs.stream().map(this.commandsBySlug::get).toList();
	}

	public List<ReplyClass> replyClasses() {
		return this.content.replyClasses();
	}

	public ReplyClass replyClass(int digit) {
		return replyClasses().stream().filter((c) -> c.digit() == digit).findFirst().orElseThrow();
	}

	public List<Reply> replies() {
		return this.content.replies();
	}

	public List<Reply> replies(List<Integer> codes) {
		return codes.stream().map(this.repliesByCode::get).toList();
	}

	public List<Reply> repliesIn(int classDigit) {
		return replies().stream().filter((reply) -> reply.classDigit() == classDigit).toList();
	}

	public Optional<Reply> reply(int code) {
		return Optional.ofNullable(this.repliesByCode.get(code));
	}

	/**
	 * The commands whose replies include a code, derived from the commands' own lists.
	 */
	public List<Command> commandsGetting(int code) {
		return commands().stream()
			.filter((command) -> command.successReplies().contains(code) || command.intermediateReplies().contains(code)
					|| command.errorReplies().contains(code))
			.toList();
	}

	public List<StatusClass> statusClasses() {
		return this.content.statusClasses();
	}

	public StatusClass statusClass(int digit) {
		return statusClasses().stream().filter((c) -> c.digit() == digit).findFirst().orElseThrow();
	}

	public List<StatusClass> statusSubjects() {
		return this.content.statusSubjects();
	}

	public StatusClass statusSubject(int digit) {
		return statusSubjects().stream().filter((c) -> c.digit() == digit).findFirst().orElseThrow();
	}

	public List<StatusCode> statusCodes() {
		return this.statusCodes;
	}

	public Optional<StatusCode> statusCode(String code) {
		return Optional.ofNullable(this.statusCodesByCode.get(code));
	}

	public List<StatusCode> statusCodes(List<String> codes) {
		return codes.stream().map(this.statusCodesByCode::get).toList();
	}

	/**
	 * The enhanced codes the registry associates with a basic code, in its class.
	 */
	public List<StatusCode> statusCodesFor(int basic) {
		return this.statusCodes.stream()
			.filter((code) -> code.classDigit() == basic / 100 && code.entry().basic().contains(basic))
			.toList();
	}

	public List<Extension> extensions() {
		return this.content.extensions();
	}

	public Optional<Extension> extension(String keyword) {
		return (keyword != null) ? Optional.ofNullable(this.extensionsBySlug.get(keyword.toLowerCase(Locale.ROOT)))
				: Optional.empty();
	}

	public List<FaqEntry> faq() {
		return this.content.faq();
	}

	public List<Sample> samples() {
		return this.content.samples();
	}

	public Optional<Sample> sample(String id) {
		return Optional.ofNullable(this.samplesById.get(id));
	}

	/**
	 * The phases of a whole SMTP session as the reference page draws it, in order.
	 */
	public List<FlowPhase> flow() {
		return this.content.flow();
	}

	/**
	 * The playground's guided sessions, in the order they are listed.
	 */
	public List<Scenario> scenarios() {
		return this.content.scenarios();
	}

	public Optional<Scenario> scenario(String id) {
		return (id != null) ? Optional.ofNullable(this.scenariosById.get(id)) : Optional.empty();
	}

	/**
	 * What the printable cheat sheet adds to the rest of the reference.
	 */
	public CheatSheet cheatSheet() {
		return this.content.cheatSheet();
	}

	/**
	 * The well-known causes the decoder names, in the order they are tried.
	 */
	public List<DecodeRule> decodeRules() {
		return this.content.decodeRules();
	}

	/**
	 * The real-world texts the decoder page offers to try.
	 */
	public List<DecodeExample> decodeExamples() {
		return this.content.decodeExamples();
	}

	/**
	 * The providers whose own meanings of codes the decoder shows beside the registry's.
	 */
	public List<Provider> providers() {
		return this.content.providers();
	}

}
