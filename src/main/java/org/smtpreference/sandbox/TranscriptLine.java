package org.smtpreference.sandbox;

/**
 * One line of a sandbox session as shown to readers: who said it, when, and its text with
 * control characters made visible.
 *
 * @param direction who said it
 * @param at when, in milliseconds since the epoch
 * @param text the line without its CRLF
 */
public record TranscriptLine(Direction direction, long at, String text) {

	/** Longest text kept for one line; the rest is cut and marked. */
	static final int TEXT_LIMIT = 1000;

	public TranscriptLine {
		text = visible(text);
	}

	/**
	 * Who said a line.
	 */
	public enum Direction {

		/** The client's command. */
		CLIENT('C'),

		/** The server's reply. */
		SERVER('S'),

		/**
		 * What the listener observed: TLS started, content received, connection closed.
		 */
		NOTE('N');

		private final char letter;

		Direction(char letter) {
			this.letter = letter;
		}

		/**
		 * The one-letter form used when stored.
		 */
		public char letter() {
			return this.letter;
		}

		static Direction of(char letter) {
			for (Direction direction : values()) {
				if (direction.letter == letter) {
					return direction;
				}
			}
			throw new IllegalArgumentException("No direction " + letter);
		}

	}

	/**
	 * Octets this line roughly takes in memory, for the transcript limits.
	 */
	int weight() {
		return 48 + 2 * this.text.length();
	}

	/**
	 * Replaces control characters with their visible Unicode pictures (NUL becomes ␀), so
	 * a line never breaks an event stream or hides what the client sent.
	 */
	static String visible(String text) {
		return visible(text, TEXT_LIMIT, false);
	}

	/**
	 * The same for a text of several lines, whose line feeds and tabs are kept.
	 */
	static String visible(String text, int limit, boolean multiline) {
		StringBuilder shown = new StringBuilder(Math.min(text.length(), limit + 1));
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (count == limit) {
				return shown.append('…').toString();
			}
			char c = text.charAt(i);
			if (multiline && (c == '\n' || c == '\t')) {
				shown.append(c);
			}
			else if (c < 32) {
				shown.append((char) (0x2400 + c));
			}
			else if (c == 127) {
				shown.append('\u2421');
			}
			else if (c == '\u2028' || c == '\u2029' || c == '\u0085') {
				shown.append('\uFFFD');
			}
			else {
				shown.append(c);
			}
			count++;
		}
		return shown.toString();
	}

}
