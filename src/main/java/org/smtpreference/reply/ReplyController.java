package org.smtpreference.reply;

import org.smtpreference.content.ReplyClass;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

import org.smtpreference.content.Reference;
import org.smtpreference.content.Reply;
import org.smtpreference.content.StatusCode;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Lists the basic reply codes by class and shows each in full.
 */
@Controller
class ReplyController {

	private final Reference reference;

	private final List<ReplyGroup> groups;

	ReplyController(Reference reference) {
		this.reference = reference;
		this.groups = reference.replyClasses()
			.stream()
			.map((replyClass) -> new ReplyGroup(replyClass, reference.repliesIn(replyClass.digit())))
			.toList();
	}

	@GetMapping("/replies")
	String replies(Model model) {
		model.addAttribute("groups", this.groups);
		return "reply/replies";
	}

	@GetMapping("/replies/{code}")
	String reply(@PathVariable String code, Model model) {
		Reply reply = (code.matches("\\d{3}") ? this.reference.reply(Integer.parseInt(code)) : Optional.<Reply>empty())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		List<StatusCode> enhanced = new ArrayList<>(this.reference.statusCodes(reply.enhanced()));
		this.reference.statusCodesFor(reply.code())
			.stream()
			.filter((status) -> !enhanced.contains(status))
			.forEach(enhanced::add);
		model.addAttribute("reply", reply);
		model.addAttribute("replyClass", this.reference.replyClass(reply.classDigit()));
		model.addAttribute("commands", this.reference.commandsGetting(reply.code()));
		model.addAttribute("enhanced", enhanced);
		return "reply/reply";
	}

	/**
	 * The reply codes of one class.
	 *
	 * @param replyClass the class
	 * @param replies its codes
	 */
	record ReplyGroup(ReplyClass replyClass, List<Reply> replies) {
	}

}
