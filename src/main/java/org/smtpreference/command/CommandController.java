package org.smtpreference.command;

import java.util.List;
import java.util.Locale;

import org.smtpreference.content.Command;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Sample;
import org.smtpreference.search.SearchHit;
import org.smtpreference.search.SearchService;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Shows one command in full; other spellings of it redirect to its one address.
 */
@Controller
class CommandController {

	private final Reference reference;

	private final SearchService search;

	CommandController(Reference reference, SearchService search) {
		this.reference = reference;
		this.search = search;
	}

	@GetMapping("/commands")
	RedirectView commands() {
		return permanent("/");
	}

	@GetMapping("/commands/{slug}")
	Object command(@PathVariable String slug, Model model, Locale locale) {
		Command command = this.reference.command(slug).orElse(null);
		if (command == null) {
			return this.reference.commandSpelledAs(slug)
				.<Object>map((found) -> permanent(found.path()))
				.orElseGet(() -> notFound(slug, Language.of(locale)));
		}
		model.addAttribute("command", command);
		model.addAttribute("related", this.reference.commands(command.related()));
		model.addAttribute("replacedBy", this.reference.commands(command.replacedBy()));
		model.addAttribute("successReplies", this.reference.replies(command.successReplies()));
		model.addAttribute("intermediateReplies", this.reference.replies(command.intermediateReplies()));
		model.addAttribute("errorReplies", this.reference.replies(command.errorReplies()));
		model.addAttribute("sampleLines",
				this.reference.samples()
					.stream()
					.filter((sample) -> sample.commandLines().containsKey(command.slug()))
					.map((sample) -> new SampleLine(sample, sample.commandLines().get(command.slug())))
					.toList());
		return "command/command";
	}

	private ModelAndView notFound(String slug, Language language) {
		List<SearchHit> hits = this.search.search(slug, language)
			.stream()
			.filter((hit) -> hit.kind() == SearchHit.Kind.COMMAND)
			.limit(5)
			.toList();
		ModelAndView view = new ModelAndView("error/404", HttpStatus.NOT_FOUND);
		view.addObject("status", 404);
		view.addObject("suggestions",
				hits.isEmpty() ? this.search.closest(slug, SearchHit.Kind.COMMAND, language, 3) : hits);
		return view;
	}

	static RedirectView permanent(String path) {
		RedirectView redirect = new RedirectView(path);
		redirect.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
		redirect.setPropagateQueryParams(true);
		return redirect;
	}

	/**
	 * The line of a sample that issues a command.
	 *
	 * @param sample the sample
	 * @param line the line
	 */
	record SampleLine(Sample sample, String line) {
	}

}
