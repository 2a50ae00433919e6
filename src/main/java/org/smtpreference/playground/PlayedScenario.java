package org.smtpreference.playground;

import java.util.ArrayList;
import java.util.List;

import org.smtpreference.content.Scenario;
import org.smtpreference.content.ScenarioStep;
import org.smtpreference.session.SessionSettings;

/**
 * A guided session with the simulated server's answer to each of its steps: the replies
 * come from the server, the explanations from the content.
 *
 * @param scenario the guided session
 * @param greeting the server's greeting line
 * @param steps each step with the exchanges it caused
 */
record PlayedScenario(Scenario scenario, String greeting, List<PlayedStep> steps) {

	PlayedScenario {
		steps = List.copyOf(steps);
	}

	static PlayedScenario of(Scenario scenario) {
		List<String> lines = scenario.steps().stream().flatMap((step) -> step.client().stream()).toList();
		Replay replay = Replay.of(lines, settings(scenario));
		List<PlayedStep> steps = new ArrayList<>();
		int at = 0;
		for (ScenarioStep step : scenario.steps()) {
			int end = Math.min(at + step.client().size(), replay.exchanges().size());
			steps.add(new PlayedStep(steps.size() + 1, step, replay.exchanges().subList(Math.min(at, end), end)));
			at += step.client().size();
		}
		return new PlayedScenario(scenario, replay.greeting(), steps);
	}

	/**
	 * The simulated server a guided session is played on.
	 */
	static SessionSettings settings(Scenario scenario) {
		return SessionSettings.defaults()
			.withImplicitTls(scenario.implicitTls())
			.withAuthBeforeTls(scenario.legacyServer());
	}

	/**
	 * One step of a guided session as played.
	 *
	 * @param number the step's number, from 1
	 * @param step the step as written
	 * @param exchanges its client lines and the server's replies
	 */
	record PlayedStep(int number, ScenarioStep step, List<Replay.Exchange> exchanges) {

		PlayedStep {
			exchanges = List.copyOf(exchanges);
		}

		/**
		 * The basic codes of every reply the server sent during this step, in order.
		 */
		List<Integer> codes() {
			return this.exchanges.stream().flatMap((exchange) -> exchange.codes().stream()).toList();
		}

	}

}
