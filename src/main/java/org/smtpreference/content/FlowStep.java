package org.smtpreference.content;

import java.util.Locale;

/**
 * One step of the session flow: a command, a reply or what happens between them.
 *
 * @param key the step's identifier, unique in the flow
 * @param side who sends it
 * @param token what is sent, language-neutral: a command, a reply line or a marker
 * @param optional whether the step happens only in some sessions
 * @param href the address of the entry explaining it
 * @param label what the step does, one short line
 */
public record FlowStep(String key, Side side, String token, boolean optional, String href, Text label) {

	/**
	 * Who sends a step.
	 */
	public enum Side {

		CLIENT, SERVER, BOTH;

		/**
		 * The side as written in the content and in class names.
		 */
		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
