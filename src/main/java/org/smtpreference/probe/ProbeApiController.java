package org.smtpreference.probe;

import java.net.URI;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;

import org.smtpreference.content.Language;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The probe as JSON: {@code POST /api/v1/probe} starts one and answers 202 with its id;
 * {@code GET /api/v1/probe/{id}} gives the steps so far. Off, both answer 404 with a
 * problem saying how to turn it on.
 */
@RestController
@Tag(name = "Probe")
class ProbeApiController {

	static final String PATH = "/api/v1/probe";

	private final ProbeService service;

	private final ProbeView view;

	private final MessageSource messages;

	ProbeApiController(ProbeService service, ProbeView view, MessageSource messages) {
		this.service = service;
		this.view = view;
		this.messages = messages;
	}

	@Operation(summary = "Start a probe of an allow-listed mail server",
			description = "Off by default (404). Connects to the host and port as an SMTP client: greeting, EHLO, "
					+ "STARTTLS, EHLO again and, with both addresses, MAIL FROM, RCPT TO, RSET; then QUIT. Never DATA, "
					+ "BDAT or AUTH. Answers 202 with the probe's id; ask GET /api/v1/probe/{id} until done is true. "
					+ "A target not on the allow-list is 403, a limit reached 429.")
	@ApiResponse(responseCode = "202", description = "Started: the probe runs in the background",
			content = @Content(schema = @Schema(implementation = ProbeResponse.class)))
	@ApiResponse(responseCode = "403", description = "The target is not on the allow-list, or resolves outside it.",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/Problem")))
	@ApiResponse(responseCode = "404", description = "The probe is off on this site (site.probe.enabled=false).",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/Problem")))
	@ApiResponse(responseCode = "429",
			description = "A probe of this client is running, or this client or all clients started too many.",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(ref = "#/components/schemas/Problem")))
	@PostMapping(path = PATH, consumes = "application/json", produces = "application/json")
	ResponseEntity<?> start(@RequestBody ProbeApiRequest body, HttpServletRequest http, Locale locale) {
		if (!this.service.enabled()) {
			return off(http, locale);
		}
		ProbeRequest.Mode mode = ProbeRequest.Mode.of(body.mode());
		ProbeRequest request = new ProbeRequest(ProbeController.shown(body.host()),
				(body.port() != null) ? body.port() : 25, (mode != null) ? mode : ProbeRequest.Mode.PLAIN,
				ProbeController.shown(body.sender()), ProbeController.shown(body.recipient()));
		String invalid = (mode == null) ? "probe.invalid.mode" : request.problem();
		if (invalid != null) {
			return problem(HttpStatus.BAD_REQUEST, "probe.api.invalid", message(invalid, locale), http, locale);
		}
		try {
			ProbeRun run = this.service.start(request, http.getRemoteAddr());
			return ResponseEntity.accepted()
				.location(URI.create("/api/v1/probe/" + run.id()))
				.cacheControl(CacheControl.noStore())
				.body(ProbeResponse.of(this.view.of(run, Language.of(locale))));
		}
		catch (TargetPolicy.Refusal refusal) {
			return problem(HttpStatus.FORBIDDEN, "probe.api.refused", message(refusal.key(), locale, refusal.subject()),
					http, locale);
		}
		catch (ProbeService.Limited limited) {
			ResponseEntity<ProblemDetail> problem = problem(HttpStatus.TOO_MANY_REQUESTS, "probe.api.limited",
					message(limited.key(), locale), http, locale);
			return ResponseEntity.status(problem.getStatusCode())
				.headers(problem.getHeaders())
				.header("Retry-After", "60")
				.body(problem.getBody());
		}
	}

	@Operation(summary = "A probe's steps so far",
			description = "The steps as they happened, each reply with its meaning; done is false while it runs.")
	@ApiResponse(responseCode = "200", description = "OK",
			content = @Content(schema = @Schema(implementation = ProbeResponse.class)))
	@GetMapping(path = PATH + "/{id}", produces = "application/json")
	ResponseEntity<?> get(@PathVariable String id, HttpServletRequest http, Locale locale) {
		if (!this.service.enabled()) {
			return off(http, locale);
		}
		return this.service.find(id)
			.<ResponseEntity<?>>map((run) -> ResponseEntity.ok()
				.cacheControl(CacheControl.noStore())
				.body(ProbeResponse.of(this.view.of(run, Language.of(locale)))))
			.orElseGet(() -> problem(HttpStatus.NOT_FOUND, "probe.api.unknown", message("probe.unknown", locale), http,
					locale));
	}

	private ResponseEntity<ProblemDetail> off(HttpServletRequest http, Locale locale) {
		return problem(HttpStatus.NOT_FOUND, "probe.api.off", message("probe.off.api", locale), http, locale);
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String titleKey, String detail,
			HttpServletRequest http, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(message(titleKey, locale));
		try {
			problem.setInstance(URI.create(http.getRequestURI()));
		}
		catch (IllegalArgumentException ex) {
			// A path that is no valid URI is simply not named.
		}
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.cacheControl(CacheControl.noStore())
			.body(problem);
	}

	private String message(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

	/**
	 * The body a probe takes.
	 *
	 * @param host the mail server's name or address; required
	 * @param port its port, 25 when left out
	 * @param mode {@code plain} (STARTTLS when offered, the default), {@code starttls}
	 * (required) or {@code tls} (implicit, as on 465)
	 * @param sender an address for MAIL FROM; with recipient, or neither
	 * @param recipient an address for RCPT TO; with sender, or neither
	 */
	record ProbeApiRequest(String host, Integer port, String mode, String sender, String recipient) {
	}

}
