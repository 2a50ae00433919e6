package org.smtpreference.search;

import java.util.Locale;

/**
 * One search result, in the reader's language.
 *
 * @param kind what sort of entry it is
 * @param key the entry's identifier as shown (verb, code or keyword)
 * @param title the entry's title
 * @param summary a line about it
 * @param url the entry's address on the site
 */
public record SearchHit(Kind kind, String key, String title, String summary, String url) {

	/**
	 * The sorts of entry search finds, in the order they rank on a tie.
	 */
	public enum Kind {

		COMMAND, REPLY, STATUS, EXTENSION, FAQ;

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
