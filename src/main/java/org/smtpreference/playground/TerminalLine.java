package org.smtpreference.playground;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of a transcript as the page shows it: who sent it and its text in pieces, the
 * reply codes among them linked to their entries.
 *
 * @param client whether the client sent it (otherwise the server did)
 * @param pieces the line's text in order
 * @param meaning what the reply this line ends means, in the reader's language, or
 * {@code null}
 * @param hint a hint shown under the line, or {@code null}
 */
record TerminalLine(boolean client, List<Piece> pieces, String meaning, String hint) {

	TerminalLine {
		pieces = List.copyOf(pieces);
	}

	TerminalLine(boolean client, List<Piece> pieces) {
		this(client, pieces, null, null);
	}

	static TerminalLine client(String text) {
		return client(text, null);
	}

	/**
	 * A client line whose verb links to its command's page, when it names one.
	 */
	static TerminalLine client(String text, String commandPath) {
		if (commandPath == null) {
			return new TerminalLine(true, List.of(new Piece(text, null)));
		}
		int end = 0;
		while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
			end++;
		}
		List<Piece> pieces = new java.util.ArrayList<>(List.of(new Piece(text.substring(0, end), commandPath)));
		if (end < text.length()) {
			pieces.add(new Piece(text.substring(end), null));
		}
		return new TerminalLine(true, pieces);
	}

	TerminalLine withMeaning(String meaning) {
		return new TerminalLine(this.client, this.pieces, meaning, this.hint);
	}

	TerminalLine withHint(String hint) {
		return new TerminalLine(this.client, this.pieces, this.meaning, hint);
	}

	/**
	 * The marker shown before the line, as in the reference's examples.
	 */
	String marker() {
		return this.client ? "C:" : "S:";
	}

	/**
	 * The whole line as sent.
	 */
	String text() {
		return this.pieces.stream().map(Piece::text).collect(Collectors.joining());
	}

	/**
	 * A piece of a line: plain text, or a code linking to its entry.
	 *
	 * @param text the text shown
	 * @param href the entry's address, or {@code null} for plain text
	 */
	record Piece(String text, String href) {
	}

}
