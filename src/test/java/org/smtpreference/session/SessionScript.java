package org.smtpreference.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Plays a transcript written as {@code C:} and {@code S:} lines against a session and
 * checks that the server sends the reply codes the transcript shows, and the enhanced
 * status code wherever the transcript shows one.
 */
final class SessionScript {

	private static final Pattern ENHANCED = Pattern.compile("\\d{3}[ -]([245]\\.\\d{1,3}\\.\\d{1,3})(?: .*)?");

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
		List<String> actual = new ArrayList<>();
		if (fromStart && lines.get(0).startsWith("S:")) {
			actual.addAll(finalLines(session.greeting()));
		}
		List<String> expected = new ArrayList<>();
		String last = "(greeting)";
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("S:")) {
				String text = line.substring(3);
				if (text.length() < 4 || text.charAt(3) != '-') {
					expected.add(text);
				}
				if (i + 1 == lines.size() || !lines.get(i + 1).startsWith("S:")) {
					assertThat(actual.stream().map(SessionScript::code).toList()).as("codes answered to %s", last)
						.isEqualTo(expected.stream().map(SessionScript::code).toList());
					for (int r = 0; r < expected.size(); r++) {
						String shown = enhanced(expected.get(r));
						if (shown != null) {
							assertThat(enhanced(actual.get(r)))
								.as("enhanced code answered to %s: %s", last, actual.get(r))
								.isEqualTo(shown);
						}
					}
					actual.clear();
					expected.clear();
				}
			}
			else {
				last = (line.length() > 3) ? line.substring(3) : "";
				actual.addAll(finalLines(session.receive(last)));
			}
		}
		assertThat(actual).as("codes answered after the last server line").isEmpty();
	}

	/** The last line of every complete reply, which carries its codes. */
	private static List<String> finalLines(ServerReply reply) {
		return reply.lines().stream().filter((line) -> line.length() < 4 || line.charAt(3) != '-').toList();
	}

	private static int code(String line) {
		return Integer.parseInt(line.substring(0, 3));
	}

	private static String enhanced(String line) {
		Matcher matcher = ENHANCED.matcher(line);
		return matcher.matches() ? matcher.group(1) : null;
	}

}
