package org.smtpreference.api;

import java.util.List;
import java.util.Locale;

import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.search.SearchService;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The reference as JSON. Every address takes {@code lang}; unknown entries answer a 404
 * problem.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class ApiController {

	private final Reference reference;

	private final SearchService search;

	ApiController(Reference reference, SearchService search) {
		this.reference = reference;
		this.search = search;
	}

	@GetMapping("/commands")
	List<CommandSummaryResponse> commands(Locale locale) {
		Language language = Language.of(locale);
		return this.reference.commands().stream().map((c) -> CommandSummaryResponse.of(c, language)).toList();
	}

	@GetMapping("/commands/{slug}")
	CommandResponse command(@PathVariable String slug, Locale locale) {
		return this.reference.command(slug)
			.or(() -> this.reference.commandSpelledAs(slug))
			.map((command) -> CommandResponse.of(command, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@GetMapping("/replies")
	List<ReplyResponse> replies(Locale locale) {
		return this.reference.replies()
			.stream()
			.map((reply) -> ReplyResponse.of(reply, this.reference, Language.of(locale)))
			.toList();
	}

	@GetMapping("/replies/{code}")
	ReplyResponse reply(@PathVariable String code, Locale locale) {
		if (!code.matches("\\d{3}")) {
			throw notFound();
		}
		return this.reference.reply(Integer.parseInt(code))
			.map((reply) -> ReplyResponse.of(reply, this.reference, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@GetMapping("/status-codes")
	List<StatusCodeResponse> statusCodes(Locale locale) {
		return this.reference.statusCodes()
			.stream()
			.map((status) -> StatusCodeResponse.of(status, this.reference, Language.of(locale)))
			.toList();
	}

	@GetMapping("/status-codes/{code}")
	StatusCodeResponse statusCode(@PathVariable String code, Locale locale) {
		return this.reference.statusCode(code)
			.map((status) -> StatusCodeResponse.of(status, this.reference, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@GetMapping("/extensions")
	List<ExtensionResponse> extensions(Locale locale) {
		return this.reference.extensions()
			.stream()
			.map((extension) -> ExtensionResponse.of(extension, Language.of(locale)))
			.toList();
	}

	@GetMapping("/extensions/{keyword}")
	ExtensionResponse extension(@PathVariable String keyword, Locale locale) {
		return this.reference.extension(keyword)
			.map((extension) -> ExtensionResponse.of(extension, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@GetMapping("/samples")
	List<SampleResponse> samples(Locale locale) {
		return this.reference.samples()
			.stream()
			.map((sample) -> SampleResponse.of(sample, Language.of(locale)))
			.toList();
	}

	@GetMapping("/samples/{id}")
	SampleResponse sample(@PathVariable String id, Locale locale) {
		return this.reference.sample(id)
			.map((sample) -> SampleResponse.of(sample, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@GetMapping("/search")
	SearchResponse search(@RequestParam(name = "q", required = false) String query, Locale locale) {
		Language language = Language.of(locale);
		String cleaned = this.search.clean(query);
		return SearchResponse.of(cleaned, language.tag(), this.search.search(cleaned, language));
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
