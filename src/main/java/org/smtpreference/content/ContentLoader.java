package org.smtpreference.content;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;

/**
 * Reads the YAML content files from a classpath folder and checks every rule the pages
 * rely on: both languages present, unique identifiers, known categories, existing link
 * targets and cross-references.
 */
final class ContentLoader {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

	private static final Pattern REFERENCE = Pattern.compile("([a-z]+):(\\S+)");

	private static final Set<Integer> SCENARIO_PORTS = Set.of(25, 465, 587);

	private final Resource folder;

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

	Content load() {
		List<YamlEntry> commands = entries("commands.yml", "commands", (entry) -> entry.string("slug"));
		YamlEntry repliesFile = file("replies.yml");
		List<YamlEntry> replies = entries(repliesFile, "replies", (entry) -> String.valueOf(entry.raw("code")));
		YamlEntry statusFile = file("status-codes.yml");
		List<YamlEntry> statuses = entries(statusFile, "codes", (entry) -> String.valueOf(entry.raw("code")));
		List<YamlEntry> extensions = entries("extensions.yml", "extensions", (entry) -> entry.string("slug"));
		List<YamlEntry> faq = entries("faq.yml", "faq", (entry) -> entry.string("id"));
		List<YamlEntry> samples = entries("samples.yml", "samples", (entry) -> entry.string("id"));
		List<YamlEntry> phases = entries("flow.yml", "phases", (entry) -> entry.string("id"));
		YamlEntry decodeFile = file("decode-rules.yml");
		List<YamlEntry> rules = entries(decodeFile, "rules", (entry) -> entry.string("id"));
		List<YamlEntry> examples = entries(decodeFile, "examples", (entry) -> entry.string("id"));
		List<YamlEntry> scenarios = entries("scenarios.yml", "scenarios", (entry) -> entry.string("id"));

		commands.forEach((entry) -> unique(entry, "slug", this.commandVerbs, entry.string("verb")));
		replies.forEach((entry) -> {
			if (!this.replyCodes.add(entry.integer("code"))) {
				throw entry.fail("code", "is used by another entry");
			}
		});
		statuses.forEach(this::indexStatus);
		extensions.forEach((entry) -> unique(entry, "slug", this.extensionKeywords, entry.string("keyword")));
		faq.forEach((entry) -> {
			String id = slug(entry, "id");
			if (this.faqQuestions.put(id, Map.of(Language.EN, entry.child("question").string("en"), Language.TR,
					entry.child("question").string("tr"))) != null) {
				throw entry.fail("id", "'" + id + "' is used by another entry");
			}
		});

		List<Command> commandList = commands.stream().map(this::command).toList();
		Set<String> sampleIds = new HashSet<>();
		List<Sample> sampleList = samples.stream().map((entry) -> {
			if (!sampleIds.add(slug(entry, "id"))) {
				throw entry.fail("id", "is used by another entry");
			}
			return sample(entry);
		}).toList();
		List<FlowPhase> flow = flow(phases, commandList);
		CheatSheet cheatSheet = cheatSheet(file("cheatsheet.yml"));
		List<DecodeRule> decodeRules = decodeRules(rules);
		return new Content(commandList,
				entries(repliesFile, "classes", (entry) -> String.valueOf(entry.raw("digit"))).stream()
					.map((entry) -> new ReplyClass(entry.integer("digit"), text(entry, "title"), text(entry, "retry"),
							text(entry, "description")))
					.toList(),
				replies.stream().map(this::reply).toList(), statusClasses(statusFile, "classes"),
				statusClasses(statusFile, "subjects"), statuses.stream().map(this::statusEntry).toList(),
				extensions.stream().map(this::extension).toList(),
				faq.stream()
					.map((entry) -> new FaqEntry(entry.string("id"), text(entry, "question"), text(entry, "answer")))
					.toList(),
				sampleList, flow, cheatSheet, decodeRules, decodeExamples(examples), scenarios(scenarios),
				providers(decodeRules));
	}

	private CheatSheet cheatSheet(YamlEntry file) {
		List<String> codes = file.strings("statusCodes");
		if (codes.isEmpty() || codes.size() > 20) {
			throw file.fail("statusCodes", "must list between 1 and 20 codes, found " + codes.size());
		}
		Set<String> seen = new HashSet<>();
		for (String code : codes) {
			if (!this.statusCodes.contains(code)) {
				throw file.fail("statusCodes", "unknown enhanced status code '" + code + "'");
			}
			if (!seen.add(code)) {
				throw file.fail("statusCodes", "lists '" + code + "' twice");
			}
		}
		List<CheatSheet.Port> ports = new ArrayList<>();
		List<Object> rawPorts = file.list("ports");
		if (rawPorts.isEmpty()) {
			throw file.fail("ports", "is empty");
		}
		for (Object raw : rawPorts) {
			YamlEntry port = new YamlEntry(file.file(), "port", raw);
			port = port.named("port " + port.integer("port"));
			ports.add(new CheatSheet.Port(port.integer("port"), text(port, "use")));
		}
		return new CheatSheet(codes, ports);
	}

	private List<DecodeRule> decodeRules(List<YamlEntry> entries) {
		Set<String> ids = new HashSet<>();
		entries.forEach((entry) -> {
			if (!ids.add(slug(entry, "id"))) {
				throw entry.fail("id", "'" + entry.string("id") + "' is used by another rule");
			}
		});
		List<DecodeRule> rules = new ArrayList<>();
		for (YamlEntry entry : entries) {
			entry.onlyFields("id", "patterns", "status", "replies", "instead-of", "ruled-out-by", "title",
					"explanation", "sender", "admin");
			List<Pattern> patterns = new ArrayList<>();
			for (String pattern : entry.strings("patterns")) {
				patterns.add(pattern(entry, "patterns", pattern));
			}
			if (patterns.isEmpty()) {
				throw entry.fail("patterns", "lists no pattern");
			}
			List<String> insteadOf = entry.strings("instead-of");
			for (String other : insteadOf) {
				if (!ids.contains(other) || other.equals(entry.string("id"))) {
					throw entry.fail("instead-of", "unknown cause id '" + other + "'");
				}
			}
			rules.add(new DecodeRule(entry.string("id"), patterns, registered(entry, "status"),
					replyCodes(entry, "replies"), insteadOf, registered(entry, "ruled-out-by"),
					oneParagraph(entry, "title"), text(entry, "explanation"), text(entry, "sender"),
					text(entry, "admin")));
		}
		return rules;
	}

	private Pattern pattern(YamlEntry entry, String field, String pattern) {
		try {
			return Pattern.compile(pattern, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
		}
		catch (PatternSyntaxException ex) {
			throw entry.fail(field, "'" + pattern + "' is not a valid regular expression: " + ex.getDescription()
					+ " near index " + ex.getIndex());
		}
	}

	/**
	 * Enhanced status codes that must be in the registry.
	 */
	private List<String> registered(YamlEntry entry, String field) {
		List<String> codes = entry.strings(field);
		for (String code : codes) {
			if (!this.statusCodes.contains(code)) {
				throw entry.fail(field, "unknown enhanced status code '" + code + "'");
			}
		}
		return codes;
	}

	/**
	 * The providers of {@code providers.yml}: a provider's own codes may be details the
	 * registry lacks, but their class and subject must exist, and every meaning names the
	 * public page it comes from.
	 */
	private List<Provider> providers(List<DecodeRule> rules) {
		Set<String> causes = new HashSet<>();
		rules.forEach((rule) -> causes.add(rule.id()));
		Set<String> subjects = new HashSet<>();
		this.statusCodes.forEach((code) -> subjects.add(code.substring(2, code.indexOf('.', 2))));
		Set<String> ids = new HashSet<>();
		List<Provider> providers = new ArrayList<>();
		for (YamlEntry entry : entries("providers.yml", "providers", (entry) -> entry.string("id"))) {
			entry.onlyFields("id", "name", "hosts", "meanings");
			if (!ids.add(slug(entry, "id"))) {
				throw entry.fail("id", "'" + entry.string("id") + "' is used by another provider");
			}
			List<String> hosts = entry.strings("hosts").stream().map((host) -> host.toLowerCase(Locale.ROOT)).toList();
			if (hosts.isEmpty() || hosts.stream().anyMatch((host) -> host.length() < 4)) {
				throw entry.fail("hosts", "must list words of at least 4 characters that name the provider");
			}
			List<ProviderMeaning> meanings = new ArrayList<>();
			List<Object> raw = entry.list("meanings");
			for (int i = 0; i < raw.size(); i++) {
				YamlEntry meaning = new YamlEntry(entry.file(), entry.name() + " meanings #" + (i + 1), raw.get(i));
				meaning.onlyFields("status", "keyword", "meaning", "cause", "source");
				String status = meaning.has("status") ? meaning.quoted("status") : null;
				if (status != null && !(status.matches("[245]\\.\\d{1,3}\\.\\d{1,3}")
						&& subjects.contains(status.substring(2, status.indexOf('.', 2))))) {
					throw meaning.fail("status", "unknown enhanced status code '" + status + "'");
				}
				String keyword = meaning.optionalString("keyword");
				if (status == null && keyword == null) {
					throw meaning.fail("status", "is missing: a meaning needs a status, a keyword or both");
				}
				String cause = meaning.optionalString("cause");
				if (cause != null && !causes.contains(cause)) {
					throw meaning.fail("cause", "unknown cause id '" + cause + "'");
				}
				if (!meaning.has("source")) {
					throw meaning.fail("source", "is missing: cite the provider's public documentation");
				}
				String source = meaning.string("source");
				if (!source.startsWith("https://")) {
					throw meaning.fail("source", "'" + source + "' must be an https:// address");
				}
				meanings.add(new ProviderMeaning(status, (keyword != null) ? keyword.toLowerCase(Locale.ROOT) : null,
						oneParagraph(meaning, "meaning"), cause, source));
			}
			if (meanings.isEmpty()) {
				throw entry.fail("meanings", "lists no meaning");
			}
			providers.add(new Provider(entry.string("id"), entry.string("name"), hosts, meanings));
		}
		return providers;
	}

	private List<DecodeExample> decodeExamples(List<YamlEntry> entries) {
		Set<String> ids = new HashSet<>();
		List<DecodeExample> examples = new ArrayList<>();
		for (YamlEntry entry : entries) {
			String id = slug(entry, "id");
			if (!ids.add(id)) {
				throw entry.fail("id", "'" + id + "' is used by another example");
			}
			examples.add(new DecodeExample(id, oneParagraph(entry, "label"), entry.string("text")));
		}
		return examples;
	}

	/**
	 * A text shown as a heading: one paragraph.
	 */
	private Text oneParagraph(YamlEntry entry, String field) {
		Text text = text(entry, field);
		for (Language language : Language.values()) {
			RichText words = text.in(language);
			if (words.blocks().size() != 1 || words.blocks().get(0).list()) {
				throw entry.child(field).fail(language.tag(), "must be one line of text");
			}
		}
		return text;
	}

	private void indexStatus(YamlEntry entry) {
		String code = entry.quoted("code");
		if (!code.matches("\\d\\.\\d{1,3}")) {
			throw entry.fail("code", "must be subject.detail such as \"7.1\"");
		}
		List<Integer> classes = entry.integers("classes");
		if (classes.isEmpty() || !Set.of(2, 4, 5).containsAll(classes)) {
			throw entry.fail("classes", "must list some of 2, 4 and 5");
		}
		for (int digit : classes) {
			if (!this.statusCodes.add(digit + "." + code)) {
				throw entry.fail("code", "is used by another entry");
			}
		}
	}

	private Command command(YamlEntry entry) {
		String slug = entry.string("slug");
		String categoryName = entry.string("category");
		Category category = null;
		for (Category candidate : Category.values()) {
			if (candidate.id().equals(categoryName)) {
				category = candidate;
			}
		}
		if (category == null) {
			throw entry.fail("category", "unknown category '" + categoryName + "' (use session, auth or message)");
		}
		List<String> replacedBy = commandSlugs(entry, "replacedBy");
		List<String> related = commandSlugs(entry, "related");
		YamlEntry replies = entry.child("replies");
		List<Integer> success = replyCodes(replies, "success");
		List<Integer> intermediate = replyCodes(replies, "intermediate");
		List<Integer> error = replyCodes(replies, "error");
		if (success.isEmpty() && intermediate.isEmpty() && error.isEmpty()) {
			throw entry.fail("replies", "lists no reply code");
		}
		List<Parameter> parameters = new ArrayList<>();
		List<Object> rawParameters = entry.list("parameters");
		for (int i = 0; i < rawParameters.size(); i++) {
			YamlEntry parameter = new YamlEntry(entry.file(), slug + " parameter " + (i + 1), rawParameters.get(i));
			String extension = parameter.optionalString("extension");
			if (extension != null && !this.extensionKeywords.containsKey(extension)) {
				throw parameter.fail("extension", "unknown extension '" + extension + "'");
			}
			parameters.add(new Parameter(parameter.string("name"), extension,
					(extension != null) ? this.extensionKeywords.get(extension) : null,
					parameter.optionalInteger("rfc"), bilingual(parameter, parameter)));
		}
		List<Mechanism> mechanisms = new ArrayList<>();
		List<Object> rawMechanisms = entry.list("mechanisms");
		for (Object raw : rawMechanisms) {
			YamlEntry mechanism = new YamlEntry(entry.file(), slug, raw);
			mechanism = mechanism.named(slug + " mechanism " + mechanism.string("name"));
			mechanisms.add(new Mechanism(mechanism.string("name"), mechanism.optionalInteger("rfc"),
					text(mechanism, "summary"), exchange(mechanism, "exchange", true)));
		}
		return new Command(slug, entry.string("verb"), category, entry.string("syntax"), entry.integer("rfc"),
				entry.string("section"), entry.bool("obsolete"), replacedBy, related, success, intermediate, error,
				parameters, mechanisms, text(entry, "summary"), text(entry, "description"),
				optionalText(entry, "security"), exchange(entry, "example", true), trial(entry));
	}

	private Trial trial(YamlEntry entry) {
		if (!entry.has("trial")) {
			return Trial.PLAIN;
		}
		YamlEntry trial = entry.child("trial");
		if (trial.strings("setup").stream().anyMatch(String::isEmpty)) {
			throw trial.fail("setup", "holds an empty line");
		}
		String tool = trial.optionalString("tool");
		if (tool != null && !tool.matches("[a-z][a-z0-9-]*")) {
			throw trial.fail("tool", "is not a lower-case id such as auth-helper");
		}
		return new Trial(trial.strings("setup"), trial.strings("lines"), optionalText(trial, "unmodelled"), tool);
	}

	private Reply reply(YamlEntry entry) {
		List<String> enhanced = entry.strings("enhanced");
		for (String code : enhanced) {
			if (!this.statusCodes.contains(code)) {
				throw entry.fail("enhanced", "unknown enhanced status code '" + code + "'");
			}
		}
		return new Reply(entry.integer("code"), entry.integer("rfc"), entry.string("section"), enhanced,
				entry.string("example"), text(entry, "title"), text(entry, "meaning"), text(entry, "when"),
				text(entry, "causes"), text(entry, "sender"), text(entry, "admin"));
	}

	private List<StatusClass> statusClasses(YamlEntry file, String list) {
		return entries(file, list, (entry) -> String.valueOf(entry.raw("digit"))).stream()
			.map((entry) -> new StatusClass(entry.integer("digit"), text(entry, "title"), text(entry, "description")))
			.toList();
	}

	private StatusEntry statusEntry(YamlEntry entry) {
		String[] parts = entry.string("code").split("\\.");
		int rfc = entry.optionalInteger("rfc");
		String reference = entry.optionalString("reference");
		if ((rfc == 0) == (reference == null)) {
			throw entry.fail("rfc", "give either `rfc` or, for a document that is not an RFC, `reference`");
		}
		List<String> otherBasic = entry.strings("otherBasic");
		for (String code : otherBasic) {
			if (!code.matches("[245](\\d\\d|XX)")) {
				throw entry.fail("otherBasic", "'" + code + "' is not a reply code such as 422 or 5XX");
			}
			if (code.matches("\\d+") && this.replyCodes.contains(Integer.parseInt(code))) {
				throw entry.fail("otherBasic", code + " has a page of its own: list it under `basic`");
			}
		}
		return new StatusEntry(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), entry.integers("classes"), rfc,
				reference, replyCodes(entry, "basic"), otherBasic, text(entry, "title"), text(entry, "description"));
	}

	private Extension extension(YamlEntry entry) {
		String slug = entry.string("slug");
		if (!slug.equals(entry.string("keyword").toLowerCase(Locale.ROOT))) {
			throw entry.fail("slug", "must be the keyword in lower case");
		}
		int rfc = entry.optionalInteger("rfc");
		String reference = entry.optionalString("reference");
		if (rfc == 0 && reference == null) {
			throw entry.fail("rfc", "is missing (give `reference` when no RFC defines it)");
		}
		String status = entry.string("status");
		if (!Set.of("current", "obsolete", "historic").contains(status)) {
			throw entry.fail("status", "must be current, obsolete or historic");
		}
		return new Extension(entry.string("keyword"), slug, rfc, reference, status, commandSlugs(entry, "commands"),
				text(entry, "summary"), optionalText(entry, "description"), exchange(entry, "ehlo", false),
				exchange(entry, "example", false));
	}

	private Sample sample(YamlEntry entry) {
		String file = entry.string("file");
		if (file.contains("..") || file.startsWith("/")) {
			throw entry.fail("file", "must be a path inside samples/");
		}
		String code;
		try (InputStream in = this.folder.createRelative("../samples/" + file).getInputStream()) {
			code = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw entry.fail("file", "samples/" + file + " cannot be read");
		}
		Map<String, String> lines = new LinkedHashMap<>();
		entry.map("commands").forEach((slug, match) -> {
			String field = "commands." + slug;
			if (!this.commandVerbs.containsKey(String.valueOf(slug))) {
				throw entry.fail(field, "unknown command '" + slug + "'");
			}
			List<String> found = code.lines().filter((line) -> line.contains(String.valueOf(match))).toList();
			if (found.size() != 1) {
				throw entry.fail(field, "'" + match + "' must occur on exactly one line of samples/" + file + ", found "
						+ found.size());
			}
			lines.put(String.valueOf(slug), found.get(0).strip());
		});
		return new Sample(slug(entry, "id"), entry.string("language"), entry.string("highlight"), file, code,
				entry.string("library"), entry.string("libraryVersion"), entry.string("transport"),
				text(entry, "title"), text(entry, "explanation"), lines);
	}

	private List<FlowPhase> flow(List<YamlEntry> entries, List<Command> commands) {
		Set<String> phaseIds = new HashSet<>();
		Set<String> stepKeys = new HashSet<>();
		List<FlowPhase> phases = new ArrayList<>();
		for (YamlEntry phase : entries) {
			String id = slug(phase, "id");
			if (!phaseIds.add(id)) {
				throw phase.fail("id", "'" + id + "' is used by another phase");
			}
			List<Object> rawSteps = phase.list("steps");
			if (rawSteps.isEmpty()) {
				throw phase.fail("steps", "has no steps");
			}
			List<FlowStep> steps = new ArrayList<>();
			for (int i = 0; i < rawSteps.size(); i++) {
				YamlEntry step = new YamlEntry(phase.file(), id + " step #" + (i + 1), rawSteps.get(i));
				String key = slug(step, "key");
				step = step.named(id + " step " + key);
				if (!stepKeys.add(key)) {
					throw step.fail("key", "'" + key + "' is used by another step");
				}
				steps.add(new FlowStep(key, side(step), step.string("token"), step.bool("optional"),
						flowLink(step, commands), oneLine(step, "label")));
			}
			phases.add(new FlowPhase(id, oneLine(phase, "title"), steps));
		}
		return phases;
	}

	private List<Scenario> scenarios(List<YamlEntry> entries) {
		Set<String> ids = new HashSet<>();
		List<Scenario> scenarios = new ArrayList<>();
		for (YamlEntry entry : entries) {
			entry.onlyFields("id", "title", "summary", "port", "server", "steps");
			String id = slug(entry, "id");
			if (!ids.add(id)) {
				throw entry.fail("id", "'" + id + "' is used by another scenario");
			}
			int port = entry.optionalInteger("port");
			if (port != 0 && !SCENARIO_PORTS.contains(port)) {
				throw entry.fail("port", "must be 25, 465 or 587");
			}
			String server = entry.optionalString("server");
			if (server != null && !server.equals("legacy-submission")) {
				throw entry.fail("server", "must be legacy-submission, or left out for a current server");
			}
			List<Object> rawSteps = entry.list("steps");
			if (rawSteps.isEmpty()) {
				throw entry.fail("steps", "has no steps");
			}
			List<ScenarioStep> steps = new ArrayList<>();
			for (int i = 0; i < rawSteps.size(); i++) {
				YamlEntry step = new YamlEntry(entry.file(), id + " step #" + (i + 1), rawSteps.get(i));
				step.onlyFields("client", "expect", "explanation");
				steps.add(new ScenarioStep(clientLines(step), replyCodes(step, "expect"), text(step, "explanation")));
			}
			scenarios
				.add(new Scenario(id, oneLine(entry, "title"), text(entry, "summary"), port, steps, server != null));
		}
		return scenarios;
	}

	/**
	 * A step's client lines: one line as a string, or several as a list in which an empty
	 * string is an empty line (inside a message).
	 */
	private List<String> clientLines(YamlEntry step) {
		Object raw = step.raw("client");
		if (raw == null) {
			throw step.fail("client", "is missing");
		}
		List<Object> items = (raw instanceof List<?>) ? step.list("client") : List.of(raw);
		if (items.isEmpty()) {
			throw step.fail("client", "is empty");
		}
		List<String> lines = new ArrayList<>();
		for (Object item : items) {
			if (item == null || item instanceof Map || item instanceof List) {
				throw step.fail("client", "must be a line or a list of lines");
			}
			String line = String.valueOf(item);
			if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0) {
				throw step.fail("client", "a line must not hold a line break: give each line as a list item");
			}
			lines.add(line);
		}
		if (lines.get(0).isBlank() && lines.size() == 1) {
			throw step.fail("client", "is empty");
		}
		return lines;
	}

	private FlowStep.Side side(YamlEntry step) {
		String side = step.string("side");
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
	private String flowLink(YamlEntry step, List<Command> commands) {
		String reference = step.string("link");
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
		String mechanism = step.optionalString("mechanism");
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
	 * A text shown on one line of a drawing: one paragraph, without links, since the
	 * whole step is already a link.
	 */
	private Text oneLine(YamlEntry entry, String field) {
		Text text = text(entry, field);
		for (Language language : Language.values()) {
			RichText words = text.in(language);
			if (words.blocks().size() != 1 || words.blocks().get(0).list() || words.blocks().get(0).items().size() != 1
					|| words.inline().stream().anyMatch(Segment::isLink)) {
				throw entry.child(field).fail(language.tag(), "must be one line of text without links");
			}
		}
		return text;
	}

	private List<ExchangeLine> exchange(YamlEntry entry, String field, boolean required) {
		List<Object> raw = entry.list(field);
		if (required && raw.isEmpty()) {
			throw entry.fail(field, "is empty");
		}
		List<ExchangeLine> lines = new ArrayList<>();
		for (Object item : raw) {
			String line;
			String note = null;
			if (item instanceof Map<?, ?> map) {
				line = String.valueOf(map.get("line"));
				note = (map.get("note") != null) ? String.valueOf(map.get("note")) : null;
			}
			else {
				line = String.valueOf(item);
			}
			if (!line.startsWith("C: ") && !line.startsWith("S: ") && !line.equals("C:") && !line.equals("S:")) {
				throw entry.fail(field, "line '" + line + "' must start with 'C: ' or 'S: '");
			}
			String text = (line.length() > 3) ? line.substring(3) : "";
			boolean client = line.startsWith("C");
			// Codes outside the reference (such as ETRN's own 459) are shown but not
			// linked.
			int code = ExchangeLine.leadingCode(client, text);
			lines.add(new ExchangeLine(client, text, note, this.replyCodes.contains(code) ? code : 0));
		}
		return lines;
	}

	private List<String> commandSlugs(YamlEntry entry, String field) {
		List<String> slugs = entry.strings(field);
		for (String slug : slugs) {
			if (!this.commandVerbs.containsKey(slug)) {
				throw entry.fail(field, "unknown command '" + slug + "'");
			}
		}
		return slugs;
	}

	private List<Integer> replyCodes(YamlEntry entry, String field) {
		List<Integer> codes = entry.integers(field);
		for (int code : codes) {
			if (!this.replyCodes.contains(code)) {
				throw entry.fail(field, "unknown reply code " + code);
			}
		}
		return codes;
	}

	private Text text(YamlEntry entry, String field) {
		if (!entry.has(field)) {
			throw entry.fail(field, "is missing");
		}
		return bilingual(entry, entry.child(field));
	}

	private Text optionalText(YamlEntry entry, String field) {
		return entry.has(field) ? text(entry, field) : null;
	}

	private Text bilingual(YamlEntry owner, YamlEntry texts) {
		return new Text(parse(texts, Language.EN), parse(texts, Language.TR));
	}

	private RichText parse(YamlEntry texts, Language language) {
		String source = texts.string(language.tag());
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

	private String slug(YamlEntry entry, String field) {
		String value = entry.string(field);
		if (!SLUG.matcher(value).matches()) {
			throw entry.fail(field, "'" + value + "' must be lower-case letters, digits and hyphens");
		}
		return value;
	}

	private void unique(YamlEntry entry, String field, Map<String, String> labels, String label) {
		String key = slug(entry, field);
		if (labels.put(key, label) != null) {
			throw entry.fail(field, "duplicate " + field + " '" + key + "'");
		}
	}

	private List<YamlEntry> entries(String file, String list, Function<YamlEntry, String> name) {
		return entries(file(file), list, name);
	}

	private List<YamlEntry> entries(YamlEntry file, String list, Function<YamlEntry, String> name) {
		List<Object> raw = file.list(list);
		if (raw.isEmpty()) {
			throw file.fail(list, "has no entries");
		}
		List<YamlEntry> entries = new ArrayList<>();
		for (int i = 0; i < raw.size(); i++) {
			YamlEntry entry = new YamlEntry(file.file(), list + " #" + (i + 1), raw.get(i));
			String label;
			try {
				label = name.apply(entry);
			}
			catch (ContentException ex) {
				label = null;
			}
			entries.add((label != null && !"null".equals(label)) ? entry.named(label) : entry);
		}
		return entries;
	}

	private YamlEntry file(String name) {
		String path = name;
		try (InputStream in = this.folder.createRelative(name).getInputStream()) {
			Object document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
			return new YamlEntry(path, null, document);
		}
		catch (IOException ex) {
			throw new ContentException(path, null, null, "cannot be read");
		}
		catch (YAMLException ex) {
			throw new ContentException(path, null, null, "is not valid YAML: " + ex.getMessage());
		}
	}

}
