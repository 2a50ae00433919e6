package org.smtpreference.extension;

import org.smtpreference.content.Parameter;
import org.smtpreference.content.Command;
import org.smtpreference.content.Extension;
import org.smtpreference.content.Reference;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Lists the extension keywords and shows each in full.
 */
@Controller
class ExtensionController {

	private final Reference reference;

	ExtensionController(Reference reference) {
		this.reference = reference;
	}

	@GetMapping("/extensions")
	String extensions(Model model) {
		model.addAttribute("extensions", this.reference.extensions());
		return "extension/extensions";
	}

	@GetMapping("/extensions/{keyword}")
	Object extension(@PathVariable String keyword, Model model) {
		Extension extension = this.reference.extension(keyword)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		if (!extension.slug().equals(keyword)) {
			RedirectView redirect = new RedirectView(extension.path());
			redirect.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
			redirect.setPropagateQueryParams(true);
			return redirect;
		}
		model.addAttribute("extension", extension);
		model.addAttribute("commands", this.reference.commands(extension.commands()));
		model.addAttribute("parameters",
				this.reference.commands()
					.stream()
					.flatMap((command) -> command.parameters()
						.stream()
						.filter((parameter) -> extension.slug().equals(parameter.extension()))
						.map((parameter) -> new AddedParameter(command, parameter)))
					.toList());
		return "extension/extension";
	}

	/**
	 * A command parameter an extension adds.
	 *
	 * @param command the command
	 * @param parameter the parameter
	 */
	record AddedParameter(Command command, Parameter parameter) {
	}

}
