package org.smtpreference.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.smtpreference.content.ContentException.Problem;
import org.smtpreference.content.ContentFile.Bound;
import org.smtpreference.content.ContentFiles.Bilingual;
import org.smtpreference.content.ContentFiles.CheatSheetFile;
import org.smtpreference.content.ContentFiles.CommandEntry;
import org.smtpreference.content.ContentFiles.Commands;
import org.smtpreference.content.ContentFiles.DecodeRules;
import org.smtpreference.content.ContentFiles.ExampleEntry;
import org.smtpreference.content.ContentFiles.ExtensionEntry;
import org.smtpreference.content.ContentFiles.Extensions;
import org.smtpreference.content.ContentFiles.Faq;
import org.smtpreference.content.ContentFiles.FaqItem;
import org.smtpreference.content.ContentFiles.Flow;
import org.smtpreference.content.ContentFiles.FlowStepEntry;
import org.smtpreference.content.ContentFiles.Line;
import org.smtpreference.content.ContentFiles.MechanismEntry;
import org.smtpreference.content.ContentFiles.ParameterEntry;
import org.smtpreference.content.ContentFiles.PhaseEntry;
import org.smtpreference.content.ContentFiles.PortEntry;
import org.smtpreference.content.ContentFiles.ProviderEntry;
import org.smtpreference.content.ContentFiles.ProviderMeaningEntry;
import org.smtpreference.content.ContentFiles.Providers;
import org.smtpreference.content.ContentFiles.Replies;
import org.smtpreference.content.ContentFiles.ReplyEntry;
import org.smtpreference.content.ContentFiles.RuleEntry;
import org.smtpreference.content.ContentFiles.SampleEntry;
import org.smtpreference.content.ContentFiles.Samples;
import org.smtpreference.content.ContentFiles.ScenarioEntry;
import org.smtpreference.content.ContentFiles.ScenarioStepEntry;
import org.smtpreference.content.ContentFiles.Scenarios;
import org.smtpreference.content.ContentFiles.StatusClassEntry;
import org.smtpreference.content.ContentFiles.StatusCodeEntry;
import org.smtpreference.content.ContentFiles.StatusCodes;
import org.smtpreference.content.ContentFiles.TrialEntry;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Binds the YAML content files of a folder into records and checks, in one pass, every
 * rule the pages rely on: both languages present, unique identifiers, known categories
 * and codes, existing link targets and cross-references.
 * <p>
 * A new field is declared in its {@link ContentFiles} record and passed on (checked if
 * needed) where that entry's public record is built. A new file gets a record there, a
 * {@code read} in {@link #load()} and, in {@code check}, its {@code entries} and a method
 * building its records; binding, locations and the reporting of problems need nothing.
 */
final class ContentLoader {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern REFERENCE = Pattern.compile("([a-z]+):(\\S+)");

	private static final Set<Integer> SCENARIO_PORTS = Set.of(25, 465, 587);

	private final Resource folder;

	private final List<ContentFile> files = new ArrayList<>();

	private final Map<String, String> commandVerbs = new HashMap<>();

	private final Set<Integer> replyCodes = new HashSet<>();

	private final Set<String> statusCodes = new HashSet<>();

	private final Map<String, String> extensionKeywords = new HashMap<>();

	private final Map<String, Map<Language, String>> faqQuestions = new HashMap<>();

	private final TextParser parser = new TextParser(this::link);

	/**
	 * A loader for the content in a folder: a classpath path such as {@code content}, or
	 * a {@code file:} address. Samples are read from the {@code samples} folder beside
	 * it.
	 */
	ContentLoader(String folder) {
		this.folder = new DefaultResourceLoader().getResource(folder.endsWith("/") ? folder : folder + "/");
	}

	/**
	 * Reads and checks everything.
	 * @throws ContentException listing every problem found while binding, and the first
	 * one found while checking
	 */
	Content load() {
		Bound<Commands> commands = read("commands.yml", Commands.class);
		Bound<Replies> replies = read("replies.yml", Replies.class);
		Bound<StatusCodes> statuses = read("status-codes.yml", StatusCodes.class);
		Bound<Extensions> extensions = read("extensions.yml", Extensions.class);
		Bound<Faq> faq = read("faq.yml", Faq.class);
		Bound<Samples> samples = read("samples.yml", Samples.class);
		Bound<Flow> flow = read("flow.yml", Flow.class);
		Bound<CheatSheetFile> cheatSheet = read("cheatsheet.yml", CheatSheetFile.class);
		Bound<DecodeRules> decode = read("decode-rules.yml", DecodeRules.class);
		Bound<Scenarios> scenarios = read("scenarios.yml", Scenarios.class);
		Bound<Providers> providers = read("providers.yml", Providers.class);
		boolean bound = this.files.stream().allMatch(ContentFile::bound);
		Content content = null;
		List<Problem> found = new ArrayList<>();
		if (bound) {
			try {
				content = check(commands, replies, statuses, extensions, faq, samples, flow, cheatSheet, decode,
						scenarios, providers);
			}
			catch (ContentException ex) {
				found.addAll(ex.problems());
			}
			catch (RuntimeException ex) {
				// Checks may trip over a value a binding problem left out; that problem
				// is the one to report.
				if (this.files.stream().allMatch((file) -> file.bindingProblems().isEmpty())) {
					throw ex;
				}
			}
		}
		// Binding problems are resolved after checking, which names the entries they are
		// in; a value bound as missing after a problem at its place is that problem,
		// told once.
		List<Problem> problems = new ArrayList<>();
		this.files.forEach((file) -> problems.addAll(file.bindingProblems()));
		found.stream()
			.filter((problem) -> problems.stream()
				.noneMatch((known) -> problem.file().equals(known.file())
						&& (problem.pointer() + "/").startsWith(known.pointer() + "/")))
			.forEach(problems::add);
		if (problems.isEmpty()) {
			return content;
		}
		List<String> order = this.files.stream().map(ContentFile::name).toList();
		problems.sort(Comparator.comparing((Problem problem) -> order.indexOf(problem.file()))
			.thenComparing((problem) -> (problem.location() != null) ? problem.location().line() : 0)
			.thenComparing((problem) -> (problem.location() != null) ? problem.location().column() : 0));
		throw new ContentException(problems);
	}

	private Content check(Bound<Commands> commandsFile, Bound<Replies> repliesFile, Bound<StatusCodes> statusFile,
			Bound<Extensions> extensionsFile, Bound<Faq> faqFile, Bound<Samples> samplesFile, Bound<Flow> flowFile,
			Bound<CheatSheetFile> cheatSheetFile, Bound<DecodeRules> decodeFile, Bound<Scenarios> scenariosFile,
			Bound<Providers> providersFile) {
		List<Item<CommandEntry>> commands = entries(commandsFile, "commands", commandsFile.value().commands(),
				CommandEntry::slug);
		List<Item<ReplyEntry>> replies = entries(repliesFile, "replies", repliesFile.value().replies(),
				(entry) -> String.valueOf(entry.code()));
		List<Item<StatusCodeEntry>> statuses = entries(statusFile, "codes", statusFile.value().codes(),
				StatusCodeEntry::code);
		List<Item<ExtensionEntry>> extensions = entries(extensionsFile, "extensions",
				extensionsFile.value().extensions(), ExtensionEntry::slug);
		List<Item<FaqItem>> faq = entries(faqFile, "faq", faqFile.value().faq(), FaqItem::id);
		List<Item<SampleEntry>> samples = entries(samplesFile, "samples", samplesFile.value().samples(),
				SampleEntry::id);
		List<Item<PhaseEntry>> phases = entries(flowFile, "phases", flowFile.value().phases(), PhaseEntry::id);
		List<Item<RuleEntry>> rules = entries(decodeFile, "rules", decodeFile.value().rules(), RuleEntry::id);
		List<Item<ExampleEntry>> examples = entries(decodeFile, "examples", decodeFile.value().examples(),
				ExampleEntry::id);
		List<Item<ScenarioEntry>> scenarios = entries(scenariosFile, "scenarios", scenariosFile.value().scenarios(),
				ScenarioEntry::id);
		List<Item<ContentFiles.ReplyClassEntry>> replyClasses = entries(repliesFile, "classes",
				repliesFile.value().classes(), (entry) -> String.valueOf(entry.digit()));

		commands.forEach((item) -> unique(item.place(), "slug", item.value().slug(), this.commandVerbs,
				string(item.place(), "verb", item.value().verb())));
		replies.forEach((item) -> {
			if (!this.replyCodes.add(number(item.place(), "code", item.value().code()))) {
				throw item.place().fail("code", "is used by another entry");
			}
		});
		statuses.forEach(this::indexStatus);
		extensions.forEach((item) -> unique(item.place(), "slug", item.value().slug(), this.extensionKeywords,
				string(item.place(), "keyword", item.value().keyword())));
		faq.forEach((item) -> {
			String id = slug(item.place(), "id", item.value().id());
			Place question = item.place().child("question");
			Bilingual words = present(item.place(), "question", item.value().question());
			if (this.faqQuestions.put(id, Map.of(Language.EN, string(question, "en", words.en()), Language.TR,
					string(question, "tr", words.tr()))) != null) {
				throw item.place().fail("id", "'" + id + "' is used by another entry");
			}
		});

		List<Command> commandList = commands.stream().map(this::command).toList();
		Set<String> sampleIds = new HashSet<>();
		List<Sample> sampleList = samples.stream().map((item) -> {
			if (!sampleIds.add(slug(item.place(), "id", item.value().id()))) {
				throw item.place().fail("id", "is used by another entry");
			}
			return sample(item);
		}).toList();
		List<FlowPhase> flow = flow(phases, commandList);
		CheatSheet cheatSheet = cheatSheet(Place.of(cheatSheetFile.file()), cheatSheetFile.value());
		List<DecodeRule> decodeRules = decodeRules(rules);
		return new Content(commandList,
				replyClasses.stream()
					.map((item) -> new ReplyClass(number(item.place(), "digit", item.value().digit()),
							text(item.place(), "title", item.value().title()),
							text(item.place(), "retry", item.value().retry()),
							text(item.place(), "description", item.value().description())))
					.toList(),
				replies.stream().map(this::reply).toList(),
				statusClasses(statusFile, "classes", statusFile.value().classes()),
				statusClasses(statusFile, "subjects", statusFile.value().subjects()),
				statuses.stream().map(this::statusEntry).toList(), extensions.stream().map(this::extension).toList(),
				faq.stream()
					.map((item) -> new FaqEntry(item.value().id(),
							text(item.place(), "question", item.value().question()),
							text(item.place(), "answer", item.value().answer())))
					.toList(),
				sampleList, flow, cheatSheet, decodeRules, decodeExamples(examples), scenarios(scenarios),
				providers(entries(providersFile, "providers", providersFile.value().providers(), ProviderEntry::id),
						decodeRules));
	}

	private CheatSheet cheatSheet(Place file, CheatSheetFile sheet) {
		List<String> codes = strings(file, "statusCodes", sheet.statusCodes());
		if (codes.isEmpty() || codes.size() > 20) {
			throw file.fail("statusCodes", "must list between 1 and 20 codes, found " + codes.size());
		}
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < codes.size(); i++) {
			String code = codes.get(i);
			if (!this.statusCodes.contains(code)) {
				throw file.fail("statusCodes", i, "unknown enhanced status code '" + code + "'");
			}
			if (!seen.add(code)) {
				throw file.fail("statusCodes", i, "lists '" + code + "' twice");
			}
		}
		if (sheet.ports().isEmpty()) {
			throw file.fail("ports", "is empty");
		}
		List<CheatSheet.Port> ports = new ArrayList<>();
		for (int i = 0; i < sheet.ports().size(); i++) {
			PortEntry port = mapping(file, "ports", i, sheet.ports().get(i));
			Place place = file.entry("ports", i, "port #" + (i + 1));
			place = place.named("port " + number(place, "port", port.port()));
			ports.add(new CheatSheet.Port(port.port(), text(place, "use", port.use())));
		}
		return new CheatSheet(codes, ports);
	}

	// The decoder's knowledge (decode-rules.yml): a field added to RuleEntry is checked
	// and passed on here.

	private List<DecodeRule> decodeRules(List<Item<RuleEntry>> items) {
		Set<String> ids = new HashSet<>();
		for (Item<RuleEntry> item : items) {
			String id = slug(item.place(), "id", item.value().id());
			if (!ids.add(id)) {
				throw item.place().fail("id", "'" + id + "' is used by another rule");
			}
		}
		List<DecodeRule> rules = new ArrayList<>();
		for (Item<RuleEntry> item : items) {
			Place place = item.place();
			RuleEntry rule = item.value();
			String id = rule.id().strip();
			List<String> insteadOf = strings(place, "instead-of", rule.insteadOf());
			for (int i = 0; i < insteadOf.size(); i++) {
				if (!ids.contains(insteadOf.get(i)) || insteadOf.get(i).equals(id)) {
					throw place.fail("instead-of", i, "unknown cause id '" + insteadOf.get(i) + "'");
				}
			}
			rules.add(new DecodeRule(id, patterns(place, "patterns", rule.patterns()),
					statusCodes(place, "status", rule.status()), replyCodes(place, "replies", rule.replies()),
					insteadOf, statusCodes(place, "ruled-out-by", rule.ruledOutBy()),
					oneParagraph(place, "title", rule.title()), text(place, "explanation", rule.explanation()),
					text(place, "sender", rule.sender()), text(place, "admin", rule.admin())));
		}
		return rules;
	}

	/**
	 * The providers of {@code providers.yml}: a provider's own codes may be details the
	 * registry lacks, but their class and subject must exist, and every meaning names the
	 * public page it comes from.
	 */
	private List<Provider> providers(List<Item<ProviderEntry>> items, List<DecodeRule> rules) {
		Set<String> causes = new HashSet<>();
		rules.forEach((rule) -> causes.add(rule.id()));
		Set<String> subjects = new HashSet<>();
		this.statusCodes.forEach((code) -> subjects.add(code.substring(2, code.indexOf('.', 2))));
		Set<String> ids = new HashSet<>();
		List<Provider> providers = new ArrayList<>();
		for (Item<ProviderEntry> item : items) {
			Place place = item.place();
			ProviderEntry entry = item.value();
			String id = slug(place, "id", entry.id());
			if (!ids.add(id)) {
				throw place.fail("id", "'" + id + "' is used by another provider");
			}
			List<String> hosts = strings(place, "hosts", entry.hosts()).stream()
				.map((host) -> host.toLowerCase(Locale.ROOT))
				.toList();
			if (hosts.isEmpty() || hosts.stream().anyMatch((host) -> host.length() < 4)) {
				throw place.fail("hosts", "must list words of at least 4 characters that name the provider");
			}
			if (entry.meanings().isEmpty()) {
				throw place.fail("meanings", "lists no meaning");
			}
			List<ProviderMeaning> meanings = new ArrayList<>();
			for (int i = 0; i < entry.meanings().size(); i++) {
				ProviderMeaningEntry written = mapping(place, "meanings", i, entry.meanings().get(i));
				Place meaning = place.entry("meanings", i, id + " meanings #" + (i + 1));
				String status = optionalString(meaning, "status", written.status());
				if (status != null && !(status.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")
						&& subjects.contains(status.substring(2, status.indexOf('.', 2))))) {
					throw meaning.fail("status", "unknown enhanced status code '" + status + "'");
				}
				String keyword = optionalString(meaning, "keyword", written.keyword());
				if (status == null && keyword == null) {
					throw meaning.fail("status", "is missing: a meaning needs a status, a keyword or both");
				}
				String cause = optionalString(meaning, "cause", written.cause());
				if (cause != null && !causes.contains(cause)) {
					throw meaning.fail("cause", "unknown cause id '" + cause + "'");
				}
				if (written.source() == null) {
					throw meaning.fail("source", "is missing: cite the provider's public documentation");
				}
				String source = string(meaning, "source", written.source());
				if (!source.startsWith("https://")) {
					throw meaning.fail("source", "'" + source + "' must be an https:// address");
				}
				meanings.add(new ProviderMeaning(status, (keyword != null) ? keyword.toLowerCase(Locale.ROOT) : null,
						oneParagraph(meaning, "meaning", written.meaning()), cause, source));
			}
			providers.add(new Provider(id, string(place, "name", entry.name()), hosts, meanings));
		}
		return providers;
	}

	private List<DecodeExample> decodeExamples(List<Item<ExampleEntry>> items) {
		Set<String> ids = new HashSet<>();
		List<DecodeExample> examples = new ArrayList<>();
		for (Item<ExampleEntry> item : items) {
			String id = slug(item.place(), "id", item.value().id());
			if (!ids.add(id)) {
				throw item.place().fail("id", "'" + id + "' is used by another example");
			}
			examples.add(new DecodeExample(id, oneParagraph(item.place(), "label", item.value().label()),
					string(item.place(), "text", item.value().text())));
		}
		return examples;
	}

	/**
	 * Case-insensitive patterns, at least one, each compiled.
	 */
	private List<Pattern> patterns(Place place, String field, List<String> sources) {
		List<String> written = strings(place, field, sources);
		List<Pattern> patterns = new ArrayList<>();
		for (int i = 0; i < written.size(); i++) {
			try {
				patterns.add(Pattern.compile(written.get(i), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
			}
			catch (PatternSyntaxException ex) {
				throw place.fail(field, i, "'" + written.get(i) + "' is not a valid regular expression: "
						+ ex.getDescription() + " near index " + ex.getIndex());
			}
		}
		if (patterns.isEmpty()) {
			throw place.fail(field, "lists no pattern");
		}
		return patterns;
	}

	private void indexStatus(Item<StatusCodeEntry> item) {
		Place place = item.place();
		String code = string(place, "code", item.value().code());
		if (!code.matches("\\d\\.\\d{1,3}")) {
			throw place.fail("code", "must be subject.detail such as \"7.1\"");
		}
		List<Integer> classes = integers(place, "classes", item.value().classes());
		if (classes.isEmpty() || !Set.of(2, 4, 5).containsAll(classes)) {
			throw place.fail("classes", "must list some of 2, 4 and 5");
		}
		for (int digit : classes) {
			if (!this.statusCodes.add(digit + "." + code)) {
				throw place.fail("code", "is used by another entry");
			}
		}
	}

	private Command command(Item<CommandEntry> item) {
		Place place = item.place();
		CommandEntry entry = item.value();
		String slug = entry.slug();
		String categoryName = string(place, "category", entry.category());
		Category category = null;
		for (Category candidate : Category.values()) {
			if (candidate.id().equals(categoryName)) {
				category = candidate;
			}
		}
		if (category == null) {
			throw place.fail("category", "unknown category '" + categoryName + "' (use session, auth or message)");
		}
		List<String> replacedBy = commandSlugs(place, "replacedBy", entry.replacedBy());
		List<String> related = commandSlugs(place, "related", entry.related());
		Place repliesPlace = place.child("replies");
		ContentFiles.ReplyLists replies = present(place, "replies", entry.replies());
		List<Integer> success = replyCodes(repliesPlace, "success", replies.success());
		List<Integer> intermediate = replyCodes(repliesPlace, "intermediate", replies.intermediate());
		List<Integer> error = replyCodes(repliesPlace, "error", replies.error());
		if (success.isEmpty() && intermediate.isEmpty() && error.isEmpty()) {
			throw place.fail("replies", "lists no reply code");
		}
		List<Parameter> parameters = new ArrayList<>();
		for (int i = 0; i < entry.parameters().size(); i++) {
			ParameterEntry parameter = mapping(place, "parameters", i, entry.parameters().get(i));
			Place at = item.place().entry("parameters", i, slug + " parameter " + (i + 1));
			String extension = optionalString(at, "extension", parameter.extension());
			if (extension != null && !this.extensionKeywords.containsKey(extension)) {
				throw at.fail("extension", "unknown extension '" + extension + "'");
			}
			parameters.add(new Parameter(string(at, "name", parameter.name()), extension,
					(extension != null) ? this.extensionKeywords.get(extension) : null, parameter.rfc(),
					bilingual(at, new Bilingual(parameter.en(), parameter.tr()))));
		}
		List<Mechanism> mechanisms = new ArrayList<>();
		for (int i = 0; i < entry.mechanisms().size(); i++) {
			MechanismEntry mechanism = mapping(place, "mechanisms", i, entry.mechanisms().get(i));
			Place at = item.place().entry("mechanisms", i, slug);
			at = at.named(slug + " mechanism " + string(at, "name", mechanism.name()));
			mechanisms.add(new Mechanism(mechanism.name().strip(), mechanism.rfc(),
					text(at, "summary", mechanism.summary()), exchange(at, "exchange", mechanism.exchange(), true)));
		}
		return new Command(slug, string(place, "verb", entry.verb()), category, string(place, "syntax", entry.syntax()),
				number(place, "rfc", entry.rfc()), string(place, "section", entry.section()), entry.obsolete(),
				replacedBy, related, success, intermediate, error, parameters, mechanisms,
				text(place, "summary", entry.summary()), text(place, "description", entry.description()),
				optionalText(place, "security", entry.security()), exchange(place, "example", entry.example(), true),
				trial(place, entry.trial()));
	}

	private Trial trial(Place entry, TrialEntry trial) {
		if (trial == null) {
			return Trial.PLAIN;
		}
		Place place = entry.child("trial");
		List<String> setup = strings(place, "setup", trial.setup());
		for (int i = 0; i < setup.size(); i++) {
			if (setup.get(i).isEmpty()) {
				throw place.fail("setup", i, "holds an empty line");
			}
		}
		String tool = optionalString(place, "tool", trial.tool());
		if (tool != null && !tool.matches("[a-z][a-z0-9-]*")) {
			throw place.fail("tool", "is not a lower-case id such as auth-helper");
		}
		return new Trial(setup, strings(place, "lines", trial.lines()),
				optionalText(place, "unmodelled", trial.unmodelled()), tool);
	}

	private Reply reply(Item<ReplyEntry> item) {
		Place place = item.place();
		ReplyEntry entry = item.value();
		return new Reply(entry.code(), number(place, "rfc", entry.rfc()), string(place, "section", entry.section()),
				statusCodes(place, "enhanced", entry.enhanced()), string(place, "example", entry.example()),
				text(place, "title", entry.title()), text(place, "meaning", entry.meaning()),
				text(place, "when", entry.when()), text(place, "causes", entry.causes()),
				text(place, "sender", entry.sender()), text(place, "admin", entry.admin()));
	}

	private List<StatusClass> statusClasses(Bound<StatusCodes> file, String list, List<StatusClassEntry> classes) {
		return entries(file, list, classes, (entry) -> String.valueOf(entry.digit())).stream()
			.map((item) -> new StatusClass(number(item.place(), "digit", item.value().digit()),
					text(item.place(), "title", item.value().title()),
					text(item.place(), "description", item.value().description())))
			.toList();
	}

	private StatusEntry statusEntry(Item<StatusCodeEntry> item) {
		Place place = item.place();
		StatusCodeEntry entry = item.value();
		String[] parts = entry.code().strip().split("\\.");
		int rfc = entry.rfc();
		String reference = optionalString(place, "reference", entry.reference());
		if ((rfc == 0) == (reference == null)) {
			throw place.fail("rfc", "give either `rfc` or, for a document that is not an RFC, `reference`");
		}
		List<String> otherBasic = strings(place, "otherBasic", entry.otherBasic());
		for (int i = 0; i < otherBasic.size(); i++) {
			String code = otherBasic.get(i);
			if (!code.matches("[245](\\d\\d|XX)")) {
				throw place.fail("otherBasic", i, "'" + code + "' is not a reply code such as 422 or 5XX");
			}
			if (code.matches("\\d+") && this.replyCodes.contains(Integer.parseInt(code))) {
				throw place.fail("otherBasic", i, code + " has a page of its own: list it under `basic`");
			}
		}
		return new StatusEntry(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), entry.classes(), rfc, reference,
				replyCodes(place, "basic", entry.basic()), otherBasic, text(place, "title", entry.title()),
				text(place, "description", entry.description()));
	}

	private Extension extension(Item<ExtensionEntry> item) {
		Place place = item.place();
		ExtensionEntry entry = item.value();
		String slug = entry.slug();
		String keyword = string(place, "keyword", entry.keyword());
		if (!slug.equals(keyword.toLowerCase(Locale.ROOT))) {
			throw place.fail("slug", "must be the keyword in lower case");
		}
		int rfc = entry.rfc();
		String reference = optionalString(place, "reference", entry.reference());
		if (rfc == 0 && reference == null) {
			throw place.fail("rfc", "is missing (give `reference` when no RFC defines it)");
		}
		String status = string(place, "status", entry.status());
		if (!Set.of("current", "obsolete", "historic").contains(status)) {
			throw place.fail("status", "must be current, obsolete or historic");
		}
		return new Extension(keyword, slug, rfc, reference, status, commandSlugs(place, "commands", entry.commands()),
				text(place, "summary", entry.summary()), optionalText(place, "description", entry.description()),
				exchange(place, "ehlo", entry.ehlo(), false), exchange(place, "example", entry.example(), false));
	}

	private Sample sample(Item<SampleEntry> item) {
		Place place = item.place();
		SampleEntry entry = item.value();
		String file = string(place, "file", entry.file());
		if (file.contains("..") || file.startsWith("/")) {
			throw place.fail("file", "must be a path inside samples/");
		}
		String code;
		try (InputStream in = this.folder.createRelative("../samples/" + file).getInputStream()) {
			code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw place.fail("file", "samples/" + file + " cannot be read");
		}
		Map<String, String> lines = new LinkedHashMap<>();
		entry.commands().forEach((slug, match) -> {
			String field = "commands." + slug;
			if (!this.commandVerbs.containsKey(slug)) {
				throw place.fail(field, "unknown command '" + slug + "'");
			}
			if (match == null) {
				throw place.fail(field, "is missing");
			}
			List<String> found = code.lines().filter((line) -> line.contains(match)).toList();
			if (found.size() != 1) {
				throw place.fail(field, "'" + match + "' must occur on exactly one line of samples/" + file + ", found "
						+ found.size());
			}
			lines.put(slug, found.get(0).strip());
		});
		return new Sample(entry.id(), string(place, "language", entry.language()),
				string(place, "highlight", entry.highlight()), file, code, string(place, "library", entry.library()),
				string(place, "libraryVersion", entry.libraryVersion()), string(place, "transport", entry.transport()),
				text(place, "title", entry.title()), text(place, "explanation", entry.explanation()), lines);
	}

	private List<FlowPhase> flow(List<Item<PhaseEntry>> items, List<Command> commands) {
		Set<String> phaseIds = new HashSet<>();
		Set<String> stepKeys = new HashSet<>();
		List<FlowPhase> phases = new ArrayList<>();
		for (Item<PhaseEntry> item : items) {
			Place phase = item.place();
			String id = slug(phase, "id", item.value().id());
			if (!phaseIds.add(id)) {
				throw phase.fail("id", "'" + id + "' is used by another phase");
			}
			List<FlowStepEntry> entries = item.value().steps();
			if (entries.isEmpty()) {
				throw phase.fail("steps", "has no steps");
			}
			List<FlowStep> steps = new ArrayList<>();
			for (int i = 0; i < entries.size(); i++) {
				FlowStepEntry entry = mapping(phase, "steps", i, entries.get(i));
				Place step = phase.entry("steps", i, id + " step #" + (i + 1));
				String key = slug(step, "key", entry.key());
				step = step.named(id + " step " + key);
				if (!stepKeys.add(key)) {
					throw step.fail("key", "'" + key + "' is used by another step");
				}
				steps.add(new FlowStep(key, side(step, entry.side()), string(step, "token", entry.token()),
						entry.optional(), flowLink(step, entry, commands), oneLine(step, "label", entry.label())));
			}
			phases.add(new FlowPhase(id, oneLine(phase, "title", item.value().title()), steps));
		}
		return phases;
	}

	private List<Scenario> scenarios(List<Item<ScenarioEntry>> items) {
		Set<String> ids = new HashSet<>();
		List<Scenario> scenarios = new ArrayList<>();
		for (Item<ScenarioEntry> item : items) {
			Place place = item.place();
			ScenarioEntry entry = item.value();
			String id = slug(place, "id", entry.id());
			if (!ids.add(id)) {
				throw place.fail("id", "'" + id + "' is used by another scenario");
			}
			int port = entry.port();
			if (port != 0 && !SCENARIO_PORTS.contains(port)) {
				throw place.fail("port", "must be 25, 465 or 587");
			}
			String server = optionalString(place, "server", entry.server());
			if (server != null && !server.equals("legacy-submission")) {
				throw place.fail("server", "must be legacy-submission, or left out for a current server");
			}
			if (entry.steps().isEmpty()) {
				throw place.fail("steps", "has no steps");
			}
			List<ScenarioStep> steps = new ArrayList<>();
			for (int i = 0; i < entry.steps().size(); i++) {
				ScenarioStepEntry step = mapping(place, "steps", i, entry.steps().get(i));
				Place at = place.entry("steps", i, id + " step #" + (i + 1));
				steps.add(new ScenarioStep(clientLines(at, step.client()), replyCodes(at, "expect", step.expect()),
						text(at, "explanation", step.explanation())));
			}
			scenarios.add(new Scenario(id, oneLine(place, "title", entry.title()),
					text(place, "summary", entry.summary()), port, steps, server != null));
		}
		return scenarios;
	}

	/**
	 * A step's client lines: one line, or several in which an empty string is an empty
	 * line (inside a message).
	 */
	private List<String> clientLines(Place step, List<String> lines) {
		if (lines.isEmpty()) {
			throw step.fail("client", "is empty");
		}
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line == null) {
				throw step.fail("client", i, "must be a line or a list of lines");
			}
			if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
				throw step.fail("client", i, "a line must not hold a line break: give each line as a list item");
			}
		}
		if (lines.get(0).isBlank() && lines.size() == 1) {
			throw step.fail("client", "is empty");
		}
		return lines;
	}

	private FlowStep.Side side(Place step, String written) {
		String side = string(step, "side", written);
		for (FlowStep.Side candidate : FlowStep.Side.values()) {
			if (candidate.id().equals(side)) {
				return candidate;
			}
		}
		throw step.fail("side", "unknown side '" + side + "' (use client, server or both)");
	}

	/**
	 * The address a step links to, from a reference written as in text links but without
	 * the brackets ({@code reply:250}), and an AUTH mechanism of a linked command.
	 */
	private String flowLink(Place step, FlowStepEntry entry, List<Command> commands) {
		String reference = string(step, "link", entry.link());
		Matcher matcher = REFERENCE.matcher(reference);
		if (!matcher.matches()) {
			throw step.fail("link", "'" + reference + "' must be kind:target such as cmd:ehlo, reply:250 or faq:ports");
		}
		String href;
		try {
			href = link(matcher.group(1), matcher.group(2), Language.EN).href();
		}
		catch (IllegalArgumentException ex) {
			throw step.fail("link", ex.getMessage());
		}
		String mechanism = optionalString(step, "mechanism", entry.mechanism());
		if (mechanism == null) {
			return href;
		}
		if (!matcher.group(1).equals("cmd")) {
			throw step.fail("mechanism", "needs a cmd: link");
		}
		Command command = commands.stream()
			.filter((candidate) -> candidate.slug().equals(matcher.group(2)))
			.findFirst()
			.orElseThrow();
		return command.mechanisms()
			.stream()
			.filter((candidate) -> candidate.name().equals(mechanism))
			.findFirst()
			.map((found) -> href + "#" + found.anchor())
			.orElseThrow(() -> step.fail("mechanism", "command '" + command.slug() + "' has no mechanism '" + mechanism
					+ "' (it has " + command.mechanisms().stream().map(Mechanism::name).toList() + ")"));
	}

	/**
	 * A text shown as a heading: one paragraph.
	 */
	private Text oneParagraph(Place place, String field, Bilingual written) {
		Text text = text(place, field, written);
		for (Language language : Language.values()) {
			RichText words = text.in(language);
			if (words.blocks().size() != 1 || words.blocks().get(0).list()) {
				throw place.child(field).fail(language.tag(), "must be one line of text");
			}
		}
		return text;
	}

	/**
	 * A text shown on one line of a drawing: one paragraph, without links, since the
	 * whole step is already a link.
	 */
	private Text oneLine(Place place, String field, Bilingual written) {
		Text text = text(place, field, written);
		for (Language language : Language.values()) {
			RichText words = text.in(language);
			if (words.blocks().size() != 1 || words.blocks().get(0).list() || words.blocks().get(0).items().size() != 1
					|| words.inline().stream().anyMatch(Segment::isLink)) {
				throw place.child(field).fail(language.tag(), "must be one line of text without links");
			}
		}
		return text;
	}

	private List<ExchangeLine> exchange(Place place, String field, List<Line> written, boolean required) {
		if (required && written.isEmpty()) {
			throw place.fail(field, "is empty");
		}
		List<ExchangeLine> lines = new ArrayList<>();
		for (int i = 0; i < written.size(); i++) {
			Line item = written.get(i);
			String line = (item != null) ? item.line() : null;
			if (line == null
					|| !line.startsWith("C: ") && !line.startsWith("S: ") && !line.equals("C:") && !line.equals("S:")) {
				throw place.fail(field, i, "line '" + line + "' must start with 'C: ' or 'S: '");
			}
			String text = (line.length() > 3) ? line.substring(3) : "";
			boolean client = line.startsWith("C");
			// Codes outside the reference (such as ETRN's own 459) are shown but not
			// linked.
			int code = ExchangeLine.leadingCode(client, text);
			lines.add(new ExchangeLine(client, text, item.note(), this.replyCodes.contains(code) ? code : 0));
		}
		return lines;
	}

	private List<String> commandSlugs(Place place, String field, List<String> written) {
		List<String> slugs = strings(place, field, written);
		for (int i = 0; i < slugs.size(); i++) {
			if (!this.commandVerbs.containsKey(slugs.get(i))) {
				throw place.fail(field, i, "unknown command '" + slugs.get(i) + "'");
			}
		}
		return slugs;
	}

	private List<Integer> replyCodes(Place place, String field, List<Integer> written) {
		List<Integer> codes = integers(place, field, written);
		for (int i = 0; i < codes.size(); i++) {
			if (!this.replyCodes.contains(codes.get(i))) {
				throw place.fail(field, i, "unknown reply code " + codes.get(i));
			}
		}
		return codes;
	}

	private List<String> statusCodes(Place place, String field, List<String> written) {
		List<String> codes = strings(place, field, written);
		for (int i = 0; i < codes.size(); i++) {
			if (!this.statusCodes.contains(codes.get(i))) {
				throw place.fail(field, i, "unknown enhanced status code '" + codes.get(i) + "'");
			}
		}
		return codes;
	}

	private Text text(Place place, String field, Bilingual written) {
		return bilingual(place.child(field), present(place, field, written));
	}

	private Text optionalText(Place place, String field, Bilingual written) {
		return (written != null) ? text(place, field, written) : null;
	}

	/**
	 * Both languages of a text whose {@code en} and {@code tr} fields are at a place.
	 */
	private Text bilingual(Place texts, Bilingual written) {
		return new Text(parse(texts, Language.EN, written.en()), parse(texts, Language.TR, written.tr()));
	}

	private RichText parse(Place texts, Language language, String written) {
		String source = string(texts, language.tag(), written);
		try {
			return this.parser.parse(source, language);
		}
		catch (IllegalArgumentException ex) {
			throw texts.fail(language.tag(), ex.getMessage());
		}
	}

	private Segment link(String kind, String target, Language language) {
		String label = switch (kind) {
			case "cmd" -> this.commandVerbs.get(target);
			case "reply" ->
				target.matches("\\d{3}") && this.replyCodes.contains(Integer.parseInt(target)) ? target : null;
			case "status" -> this.statusCodes.contains(target) ? target : null;
			case "ext" -> this.extensionKeywords.get(target);
			case "faq" -> this.faqQuestions.containsKey(target)
					? this.faqQuestions.get(target).get(language).replace("`", "") : null;
			default -> throw new IllegalArgumentException("unknown link kind '" + kind + "' in [[" + kind + ":" + target
					+ "]] (use cmd, reply, status, ext or faq)");
		};
		if (label == null) {
			throw new IllegalArgumentException("link [[" + kind + ":" + target + "]] points to no entry");
		}
		String href = switch (kind) {
			case "cmd" -> "/commands/" + target;
			case "reply" -> "/replies/" + target;
			case "status" -> "/status-codes/" + target;
			case "ext" -> "/extensions/" + target;
			default -> "/faq#" + target;
		};
		return new Segment(Segment.Kind.LINK, label, href);
	}

	private String slug(Place place, String field, String written) {
		String value = string(place, field, written);
		if (!SLUG.matcher(value).matches()) {
			throw place.fail(field, "'" + value + "' must be lower-case letters, digits and hyphens");
		}
		return value;
	}

	private void unique(Place place, String field, String written, Map<String, String> labels, String label) {
		String key = slug(place, field, written);
		if (labels.put(key, label) != null) {
			throw place.fail(field, "duplicate " + field + " '" + key + "'");
		}
	}

	private static String string(Place place, String field, String written) {
		if (written == null) {
			throw place.fail(field, "is missing");
		}
		String value = written.strip();
		if (value.isEmpty()) {
			throw place.fail(field, "is empty");
		}
		return value;
	}

	private static String optionalString(Place place, String field, String written) {
		return (written != null) ? string(place, field, written) : null;
	}

	private static int number(Place place, String field, Integer written) {
		return present(place, field, written);
	}

	private static <T> T present(Place place, String field, T written) {
		if (written == null) {
			throw place.fail(field, "is missing");
		}
		return written;
	}

	private static List<String> strings(Place place, String field, List<String> written) {
		for (int i = 0; i < written.size(); i++) {
			if (written.get(i) == null) {
				throw place.fail(field, i, "must be a list of single values");
			}
		}
		return written.stream().map(String::strip).toList();
	}

	private static List<Integer> integers(Place place, String field, List<Integer> written) {
		for (int i = 0; i < written.size(); i++) {
			if (written.get(i) == null) {
				throw place.fail(field, i, "must be a list of whole numbers, found 'null'");
			}
		}
		return List.copyOf(written);
	}

	/**
	 * An item of a nested list, which must be a mapping of fields.
	 */
	private static <T> T mapping(Place place, String field, int index, T item) {
		if (item == null) {
			throw place.fail(field, index, "must be a mapping of fields");
		}
		return item;
	}

	private <T> Bound<T> read(String name, Class<T> type) {
		Bound<T> bound = ContentFile.read(this.folder, name, type);
		this.files.add(bound.file());
		return bound;
	}

	/**
	 * The entries of a top-level list, each named by its identifier when it has one (by
	 * its position otherwise), before any is checked, so that problems found while
	 * binding name them too.
	 */
	private static <T> List<Item<T>> entries(Bound<?> file, String list, List<T> values, Function<T, String> name) {
		Place top = Place.of(file.file());
		if (values.isEmpty()) {
			throw top.fail(list, "has no entries");
		}
		List<Item<T>> items = new ArrayList<>();
		for (int i = 0; i < values.size(); i++) {
			T value = values.get(i);
			String label = (value != null) ? name.apply(value) : null;
			Place place = top.entry(list, i,
					(label != null && !"null".equals(label)) ? label.strip() : list + " #" + (i + 1));
			if (value == null) {
				throw place.fail("must be a mapping of fields");
			}
			items.add(new Item<>(place, value));
		}
		return items;
	}

	/**
	 * An entry and where it stands.
	 *
	 * @param place where it stands
	 * @param value the entry as bound
	 * @param <T> the entry's type
	 */
	private record Item<T>(Place place, T value) {
	}

}
