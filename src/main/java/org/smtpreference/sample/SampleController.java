package org.smtpreference.sample;

import org.smtpreference.content.Reference;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Shows every code sample, one tab per language.
 */
@Controller
class SampleController {

	private final Reference reference;

	SampleController(Reference reference) {
		this.reference = reference;
	}

	@GetMapping("/samples")
	String samples(Model model) {
		model.addAttribute("samples", this.reference.samples());
		return "sample/samples";
	}

}
