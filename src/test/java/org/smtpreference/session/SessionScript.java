package org.smtpreference.session;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays a transcript written as {@code C:} and {@code S:} lines against a session and
 * checks that the server sends the reply codes the transcript shows.
 */
final class SessionScript {

	private SessionScript() {
	}

	/**
	 * Plays the client lines of a transcript in order; each run of server lines must have
	 * the reply codes the session answered to the client lines before it. A transcript
	 * that starts with a server line checks the greeting.
	 */
	static void play(SmtpSession session, String transcript) {
		play(session, transcript.lines().map(String::stripLeading).filter((line) -> !line.isBlank()).toList(), true);
	}

	/**
	 * Plays transcript lines, each starting {@code C:} or {@code S:}, checking the
	 * greeting when they start with a server line and {@code fromStart} says the session
	 * has not been fed yet.
	 */
	static void play(SmtpSession session, List<String> lines, boolean fromStart) {
		List<Integer> actual = new ArrayList<>();
		if (fromStart && lines.get(0).startsWith("S:")) {
			actual.addAll(session.greeting().codes());
		}
		List<Integer> expected = new ArrayList<>();
		String last = "(greeting)";
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("S:")) {
				String text = line.substring(3);
				if (text.length() < 4 || text.charAt(3) != '-') {
					expected.add(Integer.parseInt(text.substring(0, 3)));
				}
				if (i + 1 == lines.size() || !lines.get(i + 1).startsWith("S:")) {
					assertThat(actual).as("codes answered to %s", last).isEqualTo(expected);
					actual.clear();
					expected.clear();
				}
			}
			else {
				last = (line.length() > 3) ? line.substring(3) : "";
				actual.addAll(session.receive(last).codes());
			}
		}
		assertThat(actual).as("codes answered after the last server line").isEmpty();
	}

}
