package org.smtpreference;

import java.util.regex.Pattern;

/**
 * Turns an HTML page into the text a reader sees, for checks on wording.
 */
public final class PageText {

	private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head)\\b.*?</\\1>");

	private static final Pattern CODE = Pattern.compile("(?is)<(pre|code)\\b.*?</\\1>");

	private static final Pattern TAG = Pattern.compile("(?s)<[^>]+>");

	private PageText() {
	}

	public static String of(String html) {
		return text(HIDDEN.matcher(html).replaceAll(" "));
	}

	/**
	 * The prose of a page: its text without code, which quotes protocol lines verbatim in
	 * any language.
	 */
	public static String prose(String html) {
		return text(CODE.matcher(HIDDEN.matcher(html).replaceAll(" ")).replaceAll(" "));
	}

	private static String text(String html) {
		String text = TAG.matcher(html).replaceAll(" ");
		text = text.replace("&lt;", "<")
			.replace("&gt;", ">")
			.replace("&quot;", "\"")
			.replace("&#39;", "'")
			.replace("&nbsp;", " ")
			.replace("&amp;", "&");
		return text.replaceAll("\\s+", " ");
	}

}
