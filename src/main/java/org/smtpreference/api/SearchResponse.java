package org.smtpreference.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.smtpreference.search.SearchHit;

/**
 * Search results.
 *
 * @param query the query as searched (cleaned and cut)
 * @param lang the language of the results
 * @param hits the results, best first
 */
record SearchResponse(String query, @Schema(allowableValues = {
		"en", "tr" }) String lang, List<Hit> hits){

	static SearchResponse of(String query, String lang, List<SearchHit> hits) {
		return new SearchResponse(query, lang,
				hits.stream()
					.map((hit) -> new Hit(hit.kind().id(), hit.key(), hit.title(), hit.summary(), hit.url()))
					.toList());
	}

	/**
	 * One result.
	 *
	 * @param kind command, reply, status, extension or faq
	 * @param key the identifier (verb, code or keyword)
	 * @param title its title
	 * @param summary a line about it
	 * @param url its page
	 */
	record Hit(@Schema(allowableValues = {
			"command", "reply", "status", "extension", "faq" }) String kind, String key, String title, String summary,
			String url){
	}

}
