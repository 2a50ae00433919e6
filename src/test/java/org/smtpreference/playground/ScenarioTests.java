package org.smtpreference.playground;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Scenario;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays every guided session against the simulated server: each step must get exactly
 * the reply codes its content expects, and its explanation must name them.
 */
class ScenarioTests {

	private static final Pattern CODE = Pattern.compile("\\b[2-5]\\d\\d\\b");

	private final Reference reference = Reference.load("content");

	@Test
	void theRequiredScenariosAreThere() {
		assertThat(this.reference.scenarios()).extracting(Scenario::id)
			.contains("plain-delivery", "submission", "rejected-recipient", "greylisting", "pipelining", "chunking",
					"vrfy-expn", "too-large", "legacy-submission");
	}

	@Test
	void onlyTheLegacySubmissionServerOffersAuthBeforeTls() {
		for (Scenario scenario : this.reference.scenarios()) {
			List<String> firstEhlo = PlayedScenario.of(scenario).steps().get(0).exchanges().get(0).replies();
			assertThat(firstEhlo.contains("250-AUTH PLAIN LOGIN")).as(scenario.id())
				.isEqualTo(scenario.id().equals("legacy-submission"));
		}
	}

	@Test
	void everyStepGetsTheCodesItExpects() {
		for (Scenario scenario : this.reference.scenarios()) {
			PlayedScenario played = PlayedScenario.of(scenario);
			assertThat(played.greeting()).startsWith("220 ");
			for (PlayedScenario.PlayedStep step : played.steps()) {
				assertThat(step.exchanges()).as("%s step %d is played in full", scenario.id(), step.number())
					.hasSameSizeAs(step.step().client());
				assertThat(step.codes()).as("%s step %d %s", scenario.id(), step.number(), step.step().client())
					.isEqualTo(step.step().expect());
			}
		}
	}

	@Test
	void everyExplanationNamesTheCodesItExpectsAndNoOther() {
		for (Scenario scenario : this.reference.scenarios()) {
			for (int i = 0; i < scenario.steps().size(); i++) {
				var step = scenario.steps().get(i);
				for (Language language : Language.values()) {
					String text = step.explanation().in(language).plain();
					Matcher matcher = CODE.matcher(text.replaceAll("\\d\\.\\d{1,3}\\.\\d{1,3}", ""));
					java.util.Set<Integer> named = new java.util.TreeSet<>();
					while (matcher.find()) {
						named.add(Integer.parseInt(matcher.group()));
					}
					assertThat(named).as("%s step %d (%s) names %s", scenario.id(), i + 1, language.tag(), named)
						.containsAll(step.expect());
				}
			}
		}
	}

}
