package org.smtpreference.playground;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.smtpreference.content.Reference;
import org.smtpreference.session.SessionSettings;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Plays a session sent as JSON from its first line on a fresh simulated server, so the
 * answer depends on the request alone; bodies it cannot take get a problem, never a
 * server error.
 */
@RestController
@Tag(name = "Playground")
class PlaygroundApiController {

	static final String PATH = "/api/v1/playground";

	private final MessageSource messages;

	private final Teaching teaching;

	private final Reference reference;

	PlaygroundApiController(MessageSource messages, Teaching teaching, Reference reference) {
		this.messages = messages;
		this.teaching = teaching;
		this.reference = reference;
	}

	@Operation(summary = "Play a session on the simulated server",
			description = "Plays every client line from the first on a fresh simulated server and answers the "
					+ "greeting and each line's replies, what each reply means in the language asked for (?lang=) and what "
					+ "the server waits for next; lines after QUIT are not played. At most 1,000 lines or 64 KiB.")
	@ApiResponse(responseCode = "200", description = "OK",
			content = @Content(schema = @Schema(implementation = PlaygroundResponse.class)))
	@PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<?> play(@RequestBody PlaygroundRequest request, Locale locale) {
		if (request.lines() == null || request.lines().contains(null)) {
			return problem(HttpStatus.BAD_REQUEST, "api.problem.unreadable.title",
					this.messages.getMessage("api.problem.unreadable.field", new Object[] { "lines" }, locale), locale);
		}
		if (request.lines().size() > Replay.MAX_LINES) {
			return problem(HttpStatus.CONTENT_TOO_LARGE, "playground.api.tooManyLines.title", this.messages
				.getMessage("playground.api.tooManyLines.detail", new Object[] { Replay.MAX_LINES }, locale), locale);
		}
		// A guided session's server where one is named; an unknown name plays on the
		// playground's own, as the lines alone would.
		SessionSettings settings = Optional.ofNullable(request.scenario())
			.filter((id) -> id.length() <= 64)
			.flatMap(this.reference::scenario)
			.map(PlayedScenario::settings)
			.orElse(SessionSettings.defaults());
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.body(PlaygroundResponse.of(Replay.of(request.lines(), settings), this.teaching, locale));
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String titleKey, String detail, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(this.messages.getMessage(titleKey, null, locale));
		problem.setInstance(URI.create(PATH));
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.cacheControl(CacheControl.noStore())
			.body(problem);
	}

}
