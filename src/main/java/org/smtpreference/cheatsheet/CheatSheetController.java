package org.smtpreference.cheatsheet;

import java.util.List;

import org.smtpreference.content.CheatSheet;
import org.smtpreference.content.Command;
import org.smtpreference.content.FlowPhase;
import org.smtpreference.content.Reference;
import org.smtpreference.content.ReplyClass;
import org.smtpreference.content.StatusCode;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Shows the cheat sheet: the session in order, every command's syntax, the reply classes,
 * the common enhanced status codes and the ports, laid out to print on one A4 page.
 */
@Controller
class CheatSheetController {

	private final List<FlowPhase> flow;

	private final List<Command> commands;

	private final List<ReplyClass> replyClasses;

	private final List<StatusCode> statusCodes;

	private final List<CheatSheet.Port> ports;

	CheatSheetController(Reference reference) {
		this.flow = reference.flow();
		this.commands = reference.commands();
		this.replyClasses = reference.replyClasses();
		this.statusCodes = reference.statusCodes(reference.cheatSheet().statusCodes());
		this.ports = reference.cheatSheet().ports();
	}

	@GetMapping("/cheatsheet")
	String cheatSheet(Model model) {
		model.addAttribute("flow", this.flow);
		model.addAttribute("commands", this.commands);
		model.addAttribute("replyClasses", this.replyClasses);
		model.addAttribute("statusCodes", this.statusCodes);
		model.addAttribute("ports", this.ports);
		return "cheatsheet/cheatsheet";
	}

}
