package org.smtpreference.content;

import java.util.List;

/**
 * How a command's example is tried in the playground.
 *
 * @param setup client lines sent before the example, so that it starts where it is shown
 * (after EHLO, say, or after MAIL FROM for an RCPT TO example); their replies are not
 * part of the example
 * @param lines client lines to try instead of the example's own, for an example whose
 * lines stand for something else (a chunk of 65536 octets); empty to try the example's
 * @param unmodelled why the simulated server answers the example differently (a server
 * policy it does not model), or {@code null} when it answers as shown
 * @param tool the id of the playground's tool that builds this command's lines from the
 * reader's own input ({@code auth-helper}), or {@code null} when there is none
 */
public record Trial(List<String> setup, List<String> lines, Text unmodelled, String tool) {

	/** A command tried as its example shows, with nothing before it. */
	public static final Trial PLAIN = new Trial(List.of(), List.of(), null, null);

	public Trial {
		setup = List.copyOf(setup);
		lines = List.copyOf(lines);
	}

	/**
	 * Where the tool is on the playground page, or {@code null} when there is none.
	 */
	public String toolPath() {
		return (this.tool != null) ? "/playground#" + this.tool : null;
	}

}
