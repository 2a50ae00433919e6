package org.smtpreference.decode;

import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.smtpreference.content.Language;

import org.springframework.context.MessageSource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The decoder as JSON: {@code POST /api/v1/decode} with {@code {"text": "…"}}. Bodies it
 * cannot take are answered by the API's shared problem handling.
 */
@RestController
@Tag(name = "Decoder")
class DecodeApiController {

	private final Explainer explainer;

	private final MessageSource messages;

	DecodeApiController(Explainer explainer, MessageSource messages) {
		this.explainer = explainer;
		this.messages = messages;
	}

	@Operation(summary = "Decode a reply, log line or bounce",
			description = "Finds every reply code and enhanced status code in the text and explains each, with the "
					+ "well-known causes the text names. At most 64 KiB; a text that would cost more work than its "
					+ "budget, or holds more than " + Decoder.MAX_CODES
					+ " different codes, is read only up to there (complete is false " + "and notice says so). "
					+ "Where a provider the text names (Microsoft 365, Gmail, Yahoo …) gives a code or a token a "
					+ "meaning of its own, providerMeanings gives it beside the registry's meaning, never instead "
					+ "of it, with the provider named and its documentation as source. "
					+ "A delivery-status notification (RFC 3464) in the text is read as one: recipients lists each "
					+ "recipient with its action (explained), status, remote MTA, diagnostic code and the reply "
					+ "code in it, last attempt and retry limit; a returned message gives neither codes nor recipients.")
	@PostMapping(path = "/api/v1/decode", consumes = "application/json", produces = "application/json")
	DecodeResponse decode(@RequestBody DecodeRequest request, Locale locale) {
		Language language = Language.of(locale);
		return DecodeResponse.of(this.explainer.explain(DecodeController.readable(request.text())), language,
				this.messages);
	}

	/**
	 * The body the decoder takes.
	 *
	 * @param text the text to decode; required
	 */
	record DecodeRequest(String text) {

		DecodeRequest {
			if (text == null) {
				throw new IllegalArgumentException("text is required");
			}
		}

	}

}
