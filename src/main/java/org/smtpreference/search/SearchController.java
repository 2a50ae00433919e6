package org.smtpreference.search;

import java.util.Locale;

import org.smtpreference.content.Language;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Shows search results rendered on the server, so search works without script.
 */
@Controller
class SearchController {

	private final SearchService search;

	SearchController(SearchService search) {
		this.search = search;
	}

	@GetMapping("/search")
	String search(@RequestParam(name = "q", required = false) String query, Model model, Locale locale) {
		String cleaned = this.search.clean(query);
		model.addAttribute("query", cleaned);
		model.addAttribute("hits", this.search.searchMarked(cleaned, Language.of(locale)));
		return "search/search";
	}

}
