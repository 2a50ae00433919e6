package org.smtpreference.web;

import java.util.List;

import org.smtpreference.content.Language;

/**
 * What the shared layout needs to know about the page it wraps.
 *
 * @param language the reader's language
 * @param path the page's path, for marking the current navigation item
 * @param switchUrl the same page in the other language
 * @param canonical the page's absolute address in this language
 * @param english the page's absolute address in English
 * @param turkish the page's absolute address in Turkish
 * @param plain the page's absolute address without a language, for {@code x-default}
 */
public record Layout(Language language, String path, String switchUrl, String canonical, String english, String turkish,
		String plain) {

	private static final List<NavItem> NAVIGATION = List.of(new NavItem("/", "nav.reference"),
			new NavItem("/replies", "nav.replies"), new NavItem("/status-codes", "nav.statusCodes"),
			new NavItem("/extensions", "nav.extensions"), new NavItem("/faq", "nav.faq"),
			new NavItem("/samples", "nav.samples"));

	private static final List<NavItem> TOOLS = List.of(new NavItem("/playground", "nav.playground"),
			new NavItem("/decode", "nav.decode"), new NavItem("/cheatsheet", "nav.cheatsheet"));

	/**
	 * The site's main navigation, in order: the reference's parts.
	 */
	public List<NavItem> navigation() {
		return NAVIGATION;
	}

	/**
	 * The tools, in order: the last item of the navigation, a disclosure that opens on
	 * them (so the header keeps to one row on a laptop's screen).
	 */
	public List<NavItem> tools() {
		return TOOLS;
	}

	/**
	 * Whether the page is one of the tools.
	 */
	public boolean inTools() {
		return TOOLS.stream().anyMatch((item) -> isCurrent(item.path()));
	}

	public Language otherLanguage() {
		return this.language.other();
	}

	/**
	 * Whether the page has a search box of its own (the reference page's filter, the
	 * search page's form), so the header leaves its own out: one search landmark per
	 * page.
	 */
	public boolean hasOwnSearch() {
		return "/".equals(this.path) || "/search".equals(this.path);
	}

	/**
	 * Whether a navigation item's path is the current page or a page below it.
	 */
	public boolean isCurrent(String section) {
		return "/".equals(section) ? "/".equals(this.path) || this.path.startsWith("/commands/")
				: this.path.equals(section) || this.path.startsWith(section + "/");
	}

	/**
	 * An item of the main navigation.
	 *
	 * @param path the page it leads to
	 * @param key the message key of its label
	 */
	public record NavItem(String path, String key) {
	}

}
