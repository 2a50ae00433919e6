package org.smtpreference.content;

import java.util.List;

/**
 * A guided session: client steps in order, each explained, which the playground replays
 * against the simulated server to show its replies.
 *
 * @param id the scenario's identifier, used in its address
 * @param title its heading
 * @param summary one paragraph saying what it shows
 * @param port the port such a session runs on, or {@code 0} when it does not matter
 * @param steps its steps in order
 * @param legacyServer whether the session is played against a legacy submission server,
 * which offers AUTH before STARTTLS and refuses it there with 538
 */
public record Scenario(String id, Text title, Text summary, int port, List<ScenarioStep> steps, boolean legacyServer) {

	public Scenario {
		steps = List.copyOf(steps);
	}

	/**
	 * The scenario's address in the playground.
	 */
	public String path() {
		return "/playground?scenario=" + this.id;
	}

	/**
	 * Whether the session runs on the port of implicit TLS, where the channel is
	 * encrypted from the start.
	 */
	public boolean implicitTls() {
		return this.port == 465;
	}

}
