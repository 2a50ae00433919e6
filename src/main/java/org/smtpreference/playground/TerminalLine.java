package org.smtpreference.playground;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One line of a transcript as the page shows it: who sent it and its text in pieces, the
 * reply codes among them linked to their entries.
 *
 * @param client whether the client sent it (otherwise the server did)
 * @param pieces the line's text in order
 */
record TerminalLine(boolean client, List<Piece> pieces) {

	TerminalLine {
		pieces = List.copyOf(pieces);
	}

	static TerminalLine client(String text) {
		return new TerminalLine(true, List.of(new Piece(text, null)));
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
