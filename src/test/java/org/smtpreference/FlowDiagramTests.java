package org.smtpreference;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.smtpreference.content.FlowPhase;
import org.smtpreference.content.FlowStep;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session flow diagram on the reference page, over real HTTP in both languages: an
 * inline SVG whose every step (content/flow.yml) links to an existing page and is
 * labelled in the reader's language.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FlowDiagramTests {

	/**
	 * The session the diagram must show, in order: the step's key in content/flow.yml,
	 * the start of what is sent (language-neutral) and the page the step links to.
	 */
	private static final List<Expected> STEPS = List.of(new Expected("connect", "TCP", "/faq#ports"),
			new Expected("greeting", "220 ", "/replies/220"), new Expected("ehlo", "EHLO ", "/commands/ehlo"),
			new Expected("extensions", "250-", "/replies/250"),
			new Expected("starttls", "STARTTLS", "/commands/starttls"),
			new Expected("tls-ready", "220 ", "/replies/220"),
			new Expected("handshake", "TLS", "/faq#starttls-vs-implicit-tls"),
			new Expected("ehlo-again", "EHLO ", "/commands/ehlo"),
			new Expected("extensions-again", "250-AUTH", "/replies/250"),
			new Expected("auth", "AUTH PLAIN", "/commands/auth"), new Expected("challenge", "334", "/replies/334"),
			new Expected("credentials", "", "/commands/auth#mechanism-plain"),
			new Expected("authenticated", "235 ", "/replies/235"),
			new Expected("mail-from", "MAIL FROM:<", "/commands/mail-from"),
			new Expected("sender-ok", "250 ", "/replies/250"),
			new Expected("rcpt-to", "RCPT TO:<", "/commands/rcpt-to"),
			new Expected("recipient-ok", "250 ", "/replies/250"), new Expected("data", "DATA", "/commands/data"),
			new Expected("start-input", "354 ", "/replies/354"), new Expected("message", "From:", "/commands/data"),
			new Expected("dot", "<CRLF>.<CRLF>", "/faq#dot-stuffing"), new Expected("queued", "250 ", "/replies/250"),
			new Expected("quit", "QUIT", "/commands/quit"), new Expected("bye", "221 ", "/replies/221"));

	private static final List<String> PHASES = List.of("greeting", "tls", "auth", "envelope", "content", "close");

	/**
	 * The diagram's own words in the messages; the phases and steps are content.
	 */
	private static final List<String> MESSAGES = List.of("flow.title", "flow.intro", "flow.caption", "flow.client",
			"flow.server");

	private static final Reference REFERENCE = Reference.load("content");

	private static final Pattern SECTION = Pattern.compile("(?s)<section class=\"flow[ \"].*?</section>");

	private static final Pattern SVG = Pattern
		.compile("(?s)<svg\\b[^>]*class=\"flow-diagram flow-([a-z]+)\"[^>]*>.*?</svg>");

	private static final Pattern STEP = Pattern.compile("(?s)<a href=\"([^\"]*)\"[^>]*>(.*?)</a>");

	private static final Pattern TEXT = Pattern.compile("(?s)<text class=\"flow-([a-z-]+)\"[^>]*>(.*?)</text>");

	@LocalServerPort
	int port;

	private static Properties messagesIn(Language language) {
		return UiMessages.of(language);
	}

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	@Test
	void homeDrawsTheWholeSessionAsAnInlineSvgInBothArrangements() {
		for (Language language : Language.values()) {
			String section = flowSection(language);
			assertThat(diagrams(section)).as(language.tag())
				.extracting(Diagram::name)
				.containsExactly("narrow", "wide");
			assertThat(section).as("the CSP allows no inline style or script")
				.doesNotContain("style=")
				.doesNotContain("<style")
				.doesNotContain("<script")
				.doesNotContainPattern("\\son[a-z]+=");
			assertThat(section).contains("<figure").contains("<figcaption").contains("viewBox=\"0 0 ");
		}
	}

	@Test
	void everyStepLinksToItsPageInOrder() {
		for (Language language : Language.values()) {
			for (Diagram diagram : diagrams(flowSection(language))) {
				String where = language.tag() + " " + diagram.name();
				assertThat(diagram.steps()).as(where)
					.extracting(Step::href)
					.containsExactlyElementsOf(STEPS.stream().map(Expected::href).toList());
				for (int i = 0; i < STEPS.size(); i++) {
					assertThat(diagram.steps().get(i).token()).as(where + " step " + STEPS.get(i).key())
						.startsWith(STEPS.get(i).token());
				}
			}
		}
	}

	@Test
	void everyLinkedPageExistsWithItsAnchor() {
		Set<String> hrefs = new LinkedHashSet<>();
		STEPS.forEach((step) -> hrefs.add(step.href()));
		List<String> broken = new ArrayList<>();
		for (String href : hrefs) {
			String[] parts = href.split("#", 2);
			HttpResponse<String> response = client().get(parts[0] + "?lang=en");
			if (response.statusCode() != 200) {
				broken.add(href + ": status " + response.statusCode());
			}
			else if (parts.length > 1 && !response.body().contains("id=\"" + parts[1] + "\"")) {
				broken.add(href + ": no element with id '" + parts[1] + "'");
			}
		}
		assertThat(broken).isEmpty();
	}

	@Test
	void contentHoldsTheSessionInOrder() {
		assertThat(REFERENCE.flow()).extracting(FlowPhase::id).containsExactlyElementsOf(PHASES);
		assertThat(steps()).extracting(FlowStep::key)
			.containsExactlyElementsOf(STEPS.stream().map(Expected::key).toList());
		assertThat(steps()).filteredOn(FlowStep::optional)
			.extracting(FlowStep::key)
			.containsExactly("challenge", "credentials");
	}

	@Test
	void labelsAreInTheReadersLanguage() {
		for (Language language : Language.values()) {
			Properties mine = messagesIn(language);
			String section = flowSection(language);
			for (Diagram diagram : diagrams(section)) {
				String where = language.tag() + " " + diagram.name();
				assertThat(diagram.steps()).as(where)
					.extracting(Step::label)
					.containsExactlyElementsOf(
							steps().stream().map((step) -> step.label().in(language).plain()).toList());
				assertThat(diagram.phases()).as(where)
					.containsExactlyElementsOf(
							REFERENCE.flow().stream().map((phase) -> phase.title().in(language).plain()).toList());
				assertThat(diagram.actors()).as(where)
					.containsOnly(mine.getProperty("flow.client"), mine.getProperty("flow.server"));
			}
			String text = PageText.of(section);
			assertThat(text).contains(mine.getProperty("flow.title"), mine.getProperty("flow.caption"));
			List<String> shown = words(language);
			for (String words : words(language.other())) {
				if (!shown.contains(words)) {
					assertThat(text).as(language.tag() + " shows words of the other language").doesNotContain(words);
				}
			}
		}
	}

	@Test
	void everyFlowMessageIsUsedAndEveryTextFitsTheDiagram() {
		for (Language language : Language.values()) {
			Properties messages = messagesIn(language);
			assertThat(messages.stringPropertyNames().stream().filter((key) -> key.startsWith("flow.")))
				.as(language.tag())
				.containsExactlyInAnyOrderElementsOf(MESSAGES);
			for (String key : List.of("flow.client", "flow.server")) {
				assertThat(messages.getProperty(key)).as("%s (%s) must fit its box of the diagram", key, language.tag())
					.hasSizeLessThanOrEqualTo(12);
			}
			for (FlowPhase phase : REFERENCE.flow()) {
				assertThat(phase.title().in(language).plain())
					.as("the title of phase %s (%s) must fit its line of the diagram", phase.id(), language.tag())
					.hasSizeLessThanOrEqualTo(40);
			}
			for (FlowStep step : steps()) {
				assertThat(step.label().in(language).plain())
					.as("the label of step %s (%s) must fit its line of the diagram", step.key(), language.tag())
					.hasSizeLessThanOrEqualTo(50);
			}
		}
	}

	/**
	 * Every text of the diagram in one language: its messages, phase titles and step
	 * labels.
	 */
	private static List<String> words(Language language) {
		Properties messages = messagesIn(language);
		List<String> words = new ArrayList<>();
		MESSAGES.forEach((key) -> words.add(messages.getProperty(key)));
		REFERENCE.flow().forEach((phase) -> words.add(phase.title().in(language).plain()));
		steps().forEach((step) -> words.add(step.label().in(language).plain()));
		return words;
	}

	private static List<FlowStep> steps() {
		return REFERENCE.flow().stream().flatMap((phase) -> phase.steps().stream()).toList();
	}

	private String flowSection(Language language) {
		HttpResponse<String> response = client().get("/?lang=" + language.tag());
		assertThat(response.statusCode()).isEqualTo(200);
		Matcher section = SECTION.matcher(response.body());
		assertThat(section.find()).as("the reference page (%s) has the flow section", language.tag()).isTrue();
		return section.group();
	}

	private static List<Diagram> diagrams(String section) {
		List<Diagram> diagrams = new ArrayList<>();
		Matcher svg = SVG.matcher(section);
		while (svg.find()) {
			String markup = svg.group();
			List<Step> steps = new ArrayList<>();
			Matcher step = STEP.matcher(markup);
			while (step.find()) {
				steps.add(new Step(step.group(1), texts(step.group(2), "token").get(0),
						texts(step.group(2), "label").get(0)));
			}
			diagrams.add(new Diagram(svg.group(1), steps, texts(markup, "phase-title"), texts(markup, "actor-name")));
		}
		assertThat(diagrams).as("flow diagrams").hasSize(2);
		return diagrams;
	}

	private static List<String> texts(String markup, String kind) {
		List<String> texts = new ArrayList<>();
		Matcher text = TEXT.matcher(markup);
		while (text.find()) {
			if (text.group(1).equals(kind)) {
				texts.add(PageText.of(text.group(2)).strip());
			}
		}
		return texts;
	}

	private record Expected(String key, String token, String href) {
	}

	private record Step(String href, String token, String label) {
	}

	private record Diagram(String name, List<Step> steps, List<String> phases, List<String> actors) {
	}

}
