package org.smtpreference.quality;

import java.util.ArrayList;
import java.util.List;

import org.smtpreference.content.Language;
import org.smtpreference.web.SitePages;

/**
 * A page the quality gates hold to the bars, in one language, with the status it answers.
 *
 * @param path the path, as {@link SitePages} lists it
 * @param language the language asked for with {@code ?lang=}
 * @param status the HTTP status the page answers with
 */
public record CheckedPage(String path, Language language, int status) {

	/**
	 * Pages {@link SitePages} lists only in their empty form (a search with results, a
	 * guided session and a command's example in the playground), and the offline page.
	 */
	static final List<String> STATES = List.of("/search?q=550", "/playground?scenario=submission",
			"/playground?try=data",
			// The page the service worker shows for a page not kept offline (issue 20).
			"/offline",
			// The probe page, on in the gates' context for a loopback allow-list (issue
			// 22).
			"/probe");

	/**
	 * Error pages, which {@link SitePages} does not list: an unknown command gets the 404
	 * page with suggestions, an unknown guided session the playground with a notice.
	 */
	static final List<String> NOT_FOUND = List.of("/commands/nope", "/playground?scenario=nope");

	/**
	 * Every page of the site in both languages, then a search with results and the error
	 * pages in both languages, so a page added to {@link SitePages} is checked without
	 * touching the gates.
	 */
	public static List<CheckedPage> all(SitePages pages) {
		List<CheckedPage> all = new ArrayList<>();
		for (String path : pages.paths()) {
			for (Language language : Language.values()) {
				all.add(new CheckedPage(path, language, 200));
			}
		}
		for (String path : STATES) {
			for (Language language : Language.values()) {
				all.add(new CheckedPage(path, language, 200));
			}
		}
		for (String path : NOT_FOUND) {
			for (Language language : Language.values()) {
				all.add(new CheckedPage(path, language, 404));
			}
		}
		return List.copyOf(all);
	}

	/**
	 * The path and query to ask for.
	 */
	public String url() {
		return this.path + (this.path.contains("?") ? "&" : "?") + "lang=" + this.language.tag();
	}

	@Override
	public String toString() {
		return url();
	}

}
