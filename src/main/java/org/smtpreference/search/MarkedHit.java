package org.smtpreference.search;

import java.util.List;

/**
 * A search result as the search page shows it: its label and a line of its text, with the
 * query's words marked, so the reader sees why it matched.
 *
 * @param hit the result
 * @param label the label (identifier and title), marked
 * @param excerpt the summary, or the passage of the text that matched, marked
 */
public record MarkedHit(SearchHit hit, List<Mark> label, List<Mark> excerpt) {

	public MarkedHit {
		label = List.copyOf(label);
		excerpt = List.copyOf(excerpt);
	}

	/**
	 * The label as HTML: each piece escaped, the marked ones in {@code <mark>}.
	 */
	public String labelHtml() {
		return Mark.html(this.label);
	}

	/**
	 * The excerpt as HTML: each piece escaped, the marked ones in {@code <mark>}.
	 */
	public String excerptHtml() {
		return Mark.html(this.excerpt);
	}

}
