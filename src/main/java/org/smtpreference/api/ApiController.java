package org.smtpreference.api;

import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Reference")
@RequestMapping(path = "/api/v1", produces = "application/json")
class ApiController {

	private final Reference reference;

	private final SearchService search;

	ApiController(Reference reference, SearchService search) {
		this.reference = reference;
		this.search = search;
	}

	@Operation(summary = "List every command",
			description = "Every SMTP command in the reference, in reference order, with its summary.")
	@GetMapping("/commands")
	List<CommandSummaryResponse> commands(Locale locale) {
		Language language = Language.of(locale);
		return this.reference.commands().stream().map((c) -> CommandSummaryResponse.of(c, language)).toList();
	}

	@Operation(summary = "Get a command",
			description = "One command in full. The path takes the slug (`rcpt-to`) or the command as typed (`RCPT`), in any case.")
	@GetMapping("/commands/{slug}")
	CommandResponse command(@PathVariable String slug, Locale locale) {
		return this.reference.command(slug)
			.or(() -> this.reference.commandSpelledAs(slug))
			.map((command) -> CommandResponse.of(command, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@Operation(summary = "List every reply code", description = "Every basic reply code, in order, explained.")
	@GetMapping("/replies")
	List<ReplyResponse> replies(Locale locale) {
		return this.reference.replies()
			.stream()
			.map((reply) -> ReplyResponse.of(reply, this.reference, Language.of(locale)))
			.toList();
	}

	@Operation(summary = "Get a reply code", description = "One basic reply code, such as `550`, explained.")
	@GetMapping("/replies/{code}")
	ReplyResponse reply(@PathVariable String code, Locale locale) {
		if (!code.matches("\\d{3}")) {
			throw notFound();
		}
		return this.reference.reply(Integer.parseInt(code))
			.map((reply) -> ReplyResponse.of(reply, this.reference, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@Operation(summary = "List every enhanced status code",
			description = "Every enhanced status code (RFC 3463) in the reference.")
	@GetMapping("/status-codes")
	List<StatusCodeResponse> statusCodes(Locale locale) {
		return this.reference.statusCodes()
			.stream()
			.map((status) -> StatusCodeResponse.of(status, this.reference, Language.of(locale)))
			.toList();
	}

	@Operation(summary = "Get an enhanced status code", description = "One enhanced status code, such as `5.1.1`.")
	@GetMapping("/status-codes/{code}")
	StatusCodeResponse statusCode(@PathVariable String code, Locale locale) {
		return this.reference.statusCode(code)
			.map((status) -> StatusCodeResponse.of(status, this.reference, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@Operation(summary = "List every EHLO extension",
			description = "Every service extension keyword a server can announce in its EHLO answer.")
	@GetMapping("/extensions")
	List<ExtensionResponse> extensions(Locale locale) {
		return this.reference.extensions()
			.stream()
			.map((extension) -> ExtensionResponse.of(extension, Language.of(locale)))
			.toList();
	}

	@Operation(summary = "Get an EHLO extension",
			description = "One extension by its keyword, such as `PIPELINING`, in any case.")
	@GetMapping("/extensions/{keyword}")
	ExtensionResponse extension(@PathVariable String keyword, Locale locale) {
		return this.reference.extension(keyword)
			.map((extension) -> ExtensionResponse.of(extension, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@Operation(summary = "List every code sample",
			description = "Every code sample that sends mail over SMTP, with its source.")
	@GetMapping("/samples")
	List<SampleResponse> samples(Locale locale) {
		return this.reference.samples()
			.stream()
			.map((sample) -> SampleResponse.of(sample, Language.of(locale)))
			.toList();
	}

	@Operation(summary = "Get a code sample", description = "One code sample by its identifier.")
	@GetMapping("/samples/{id}")
	SampleResponse sample(@PathVariable String id, Locale locale) {
		return this.reference.sample(id)
			.map((sample) -> SampleResponse.of(sample, Language.of(locale)))
			.orElseThrow(ApiController::notFound);
	}

	@Operation(summary = "Search the reference",
			description = "Commands, reply codes, status codes, extensions and questions matching `q`, best first; accents and Turkish letters may be left out.")
	@GetMapping("/search")
	SearchResponse search(@Parameter(description = "What to look for; missing or blank finds nothing.") @RequestParam(
			name = "q", required = false) String query, Locale locale) {
		Language language = Language.of(locale);
		String cleaned = this.search.clean(query);
		return SearchResponse.of(cleaned, language.tag(), this.search.search(cleaned, language));
	}

	private static ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND);
	}

}
