package org.smtpreference.content;

/**
 * A run of inline text: plain words, code, or a link to another entry.
 *
 * @param kind what the run is
 * @param text the words shown
 * @param href the address a link points to, {@code null} for other runs
 */
public record Segment(Kind kind, String text, String href) {

	public boolean isCode() {
		return this.kind == Kind.CODE;
	}

	public boolean isLink() {
		return this.kind == Kind.LINK;
	}

	/**
	 * The kinds of inline run.
	 */
	public enum Kind {

		TEXT, CODE, LINK

	}

}
