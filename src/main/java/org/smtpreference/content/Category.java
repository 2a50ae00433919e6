package org.smtpreference.content;

import java.util.Locale;

/**
 * The group a command is listed under on the reference page.
 */
public enum Category {

	SESSION("session"), AUTH("authentication"), MESSAGE("message");

	private final String anchor;

	Category(String anchor) {
		this.anchor = anchor;
	}

	/**
	 * The identifier used in content files, anchors and message keys.
	 */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The anchor of the category's section on the reference page; not always the
	 * identifier, because {@code auth} is already the AUTH command's anchor.
	 */
	public String anchor() {
		return this.anchor;
	}

}
