package org.smtpreference.sandbox;

import java.util.Arrays;

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

	/** What starts the text of a note stored as a message key. */
	static final String NOTE_KEY_PREFIX = "sandbox.note.";

	/** Separates a note's key and arguments in its stored text. */
	private static final String NOTE_SEPARATOR = "|";

	public TranscriptLine {
		text = visible(text);
	}

	/**
	 * A note of the listener, kept as a message key and its arguments (not English text),
	 * so the page shows it in the reader's language.
	 * @param at when, in milliseconds since the epoch
	 * @param key a key of {@code messages.properties} starting with {@code sandbox.note.}
	 * @param arguments the values of its placeholders; their text must not hold {@code |}
	 */
	static TranscriptLine note(long at, String key, Object... arguments) {
		if (!key.startsWith(NOTE_KEY_PREFIX) || key.contains(NOTE_SEPARATOR)) {
			throw new IllegalArgumentException("Not a note key: " + key);
		}
		StringBuilder text = new StringBuilder(key);
		for (Object argument : arguments) {
			text.append(NOTE_SEPARATOR).append(String.valueOf(argument).replace(NOTE_SEPARATOR, "/"));
		}
		return new TranscriptLine(Direction.NOTE, at, text.toString());
	}

	/**
	 * The message key of a note stored as one, or {@code null} for other lines (and for
	 * notes stored as English text before notes had keys, still readable until they
	 * expire).
	 */
	String noteKey() {
		if (this.direction != Direction.NOTE || !this.text.startsWith(NOTE_KEY_PREFIX)) {
			return null;
		}
		int bar = this.text.indexOf(NOTE_SEPARATOR);
		return (bar < 0) ? this.text : this.text.substring(0, bar);
	}

	/**
	 * The arguments of a note stored as a key; empty for other lines.
	 */
	Object[] noteArguments() {
		if (noteKey() == null) {
			return new Object[0];
		}
		String[] parts = this.text.split("\\|", -1);
		return Arrays.copyOfRange(parts, 1, parts.length, Object[].class);
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
