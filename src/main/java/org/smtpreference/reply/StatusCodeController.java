package org.smtpreference.reply;

import java.util.List;
import java.util.Locale;

import org.smtpreference.content.Reference;
import org.smtpreference.content.StatusClass;
import org.smtpreference.content.StatusCode;
import org.smtpreference.content.StatusEntry;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.view.RedirectView;

/**
 * Lists the enhanced status codes by subject and shows each in full.
 */
@Controller
class StatusCodeController {

	private final Reference reference;

	private final List<SubjectGroup> groups;

	StatusCodeController(Reference reference) {
		this.reference = reference;
		this.groups = reference.statusSubjects()
			.stream()
			.map((subject) -> new SubjectGroup(subject,
					reference.statusCodes()
						.stream()
						.map(StatusCode::entry)
						.distinct()
						.filter((entry) -> entry.subject() == subject.digit())
						.map((entry) -> new EntryRow(entry,
								reference.statusCodes().stream().filter((code) -> code.entry().equals(entry)).toList()))
						.toList()))
			.toList();
	}

	@GetMapping("/status-codes")
	String statusCodes(Model model) {
		model.addAttribute("classes", this.reference.statusClasses());
		model.addAttribute("groups", this.groups);
		return "reply/status-codes";
	}

	@GetMapping("/status-codes/{code}")
	Object statusCode(@PathVariable String code, Model model) {
		StatusCode status = this.reference.statusCode(code).orElse(null);
		if (status == null) {
			// The registry writes entries as X.7.1: send that spelling to its most severe
			// class.
			String lower = code.toLowerCase(Locale.ROOT);
			if (lower.startsWith("x.")) {
				return this.reference.statusCodes()
					.stream()
					.filter((candidate) -> candidate.entry().registryCode().equalsIgnoreCase(code))
					.reduce((first, second) -> second)
					.map((found) -> {
						RedirectView redirect = new RedirectView(found.path());
						redirect.setStatusCode(HttpStatus.MOVED_PERMANENTLY);
						redirect.setPropagateQueryParams(true);
						return (Object) redirect;
					})
					.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
			}
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		model.addAttribute("status", status);
		model.addAttribute("statusClass", this.reference.statusClass(status.classDigit()));
		model.addAttribute("subject", this.reference.statusSubject(status.entry().subject()));
		model.addAttribute("basic", this.reference.replies(status.entry().basic()));
		model.addAttribute("siblings",
				this.reference.statusCodes()
					.stream()
					.filter((other) -> other.entry().equals(status.entry()) && !other.equals(status))
					.toList());
		model.addAttribute("seenWith",
				this.reference.replies().stream().filter((reply) -> reply.enhanced().contains(status.code())).toList());
		return "reply/status-code";
	}

	/**
	 * The registry entries of one subject.
	 *
	 * @param subject the subject
	 * @param entries its entries
	 */
	record SubjectGroup(StatusClass subject, List<EntryRow> entries) {
	}

	/**
	 * A registry entry with the concrete codes it gives.
	 *
	 * @param entry the entry
	 * @param codes its codes, one per class
	 */
	record EntryRow(StatusEntry entry, List<StatusCode> codes) {
	}

}
