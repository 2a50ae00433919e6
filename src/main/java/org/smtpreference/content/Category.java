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

	/**
	 * The category's anchor on the reference page; prefixed because command slugs such as
	 * {@code auth} are anchors on the same page.
	 */
	public String anchor() {
		return "category-" + id();
	}

}
