package org.smtpreference.faq;

import java.util.Locale;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.smtpreference.content.FaqEntry;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Shows the questions and answers, with FAQPage structured data for search engines.
 */
@Controller
class FaqController {

	private final Reference reference;

	private final Map<Language, String> structuredData = new LinkedHashMap<>();

	FaqController(Reference reference, JsonMapper json) {
		this.reference = reference;
		for (Language language : Language.values()) {
			Map<String, Object> page = new LinkedHashMap<>();
			page.put("@context", "https://schema.org");
			page.put("@type", "FAQPage");
			page.put("inLanguage", language.tag());
			page.put("mainEntity", reference.faq().stream().map((entry) -> question(entry, language)).toList());
			// The site's JSON mapper writes "<" as \u003c (HtmlSafeJson), so this can
			// never close the script element it sits in.
			this.structuredData.put(language, json.writeValueAsString(page));
		}
	}

	private static Map<String, Object> question(FaqEntry entry, Language language) {
		return Map.of("@type", "Question", "name", entry.question().in(language).plain(), "acceptedAnswer",
				Map.of("@type", "Answer", "text", entry.answer().in(language).plain()));
	}

	@GetMapping("/faq")
	String faq(Model model, Locale locale) {
		List<FaqEntry> faq = this.reference.faq();
		model.addAttribute("faq", faq);
		model.addAttribute("structuredData", this.structuredData.get(Language.of(locale)));
		return "faq/faq";
	}

}
