package org.smtpreference.content;

import java.util.List;

/**
 * A phase of the session flow on the reference page, such as the envelope or the message
 * content.
 *
 * @param id the phase's identifier
 * @param title its heading
 * @param steps its steps in order
 */
public record FlowPhase(String id, Text title, List<FlowStep> steps) {

	public FlowPhase {
		steps = List.copyOf(steps);
	}

}
