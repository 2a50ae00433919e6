package org.smtpreference.home;

import java.util.Arrays;
import java.util.List;

import org.smtpreference.content.Category;
import org.smtpreference.content.Command;
import org.smtpreference.content.Reference;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Shows the command reference grouped by category with the session flow, and the About
 * page.
 */
@Controller
class HomeController {

	private final Reference reference;

	private final List<CommandGroup> groups;

	private final SessionFlow flow;

	HomeController(Reference reference) {
		this.reference = reference;
		this.flow = new SessionFlow(reference.flow());
		this.groups = Arrays.stream(Category.values())
			.map((category) -> new CommandGroup(category, reference.commandsIn(category)))
			.toList();
	}

	@GetMapping("/")
	String home(Model model) {
		model.addAttribute("groups", this.groups);
		model.addAttribute("commandCount", this.reference.commands().size());
		model.addAttribute("flow", this.flow);
		return "home/index";
	}

	@GetMapping("/about")
	String about(Model model) {
		model.addAttribute("commandCount", this.reference.commands().size());
		model.addAttribute("replyCount", this.reference.replies().size());
		model.addAttribute("statusCount", this.reference.statusCodes().size());
		model.addAttribute("extensionCount", this.reference.extensions().size());
		model.addAttribute("faqCount", this.reference.faq().size());
		model.addAttribute("sampleCount", this.reference.samples().size());
		return "home/about";
	}

	/**
	 * The commands of one category, as listed on the reference page.
	 *
	 * @param category the category
	 * @param commands its commands in reference order
	 */
	record CommandGroup(Category category, List<Command> commands) {
	}

}
