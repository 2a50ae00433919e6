package org.smtpreference.content;

import java.util.Locale;

/**
 * The group a command is listed under on the reference page.
 */
public enum Category {

	SESSION, AUTH, MESSAGE;

	/**
	 * The identifier used in content files, anchors and message keys.
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

}
