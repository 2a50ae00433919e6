package org.smtpreference.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.smtpreference.content.Extension;
import org.smtpreference.content.Language;

/**
 * A service extension, in one language.
 *
 * @param keyword the EHLO keyword
 * @param slug the keyword in lower case
 * @param rfc the defining RFC, or {@code null}
 * @param reference where it is defined when no RFC is, or {@code null}
 * @param status current, obsolete or historic
 * @param summary what it means
 * @param description the full explanation, or {@code null}
 * @param commands slugs of commands it concerns
 * @param ehlo an example EHLO response
 * @param example an example exchange
 * @param url its page
 */
record ExtensionResponse(String keyword, String slug, @Schema(types = {
		"integer", "null" }) Integer rfc, @Schema(types = { "string", "null" }) String reference,
		@Schema(allowableValues = { "current", "obsolete", "historic" }) String status, String summary,
		@Schema(types = { "string", "null" }) String description, List<String> commands,
		List<ExchangeLineResponse> ehlo, List<ExchangeLineResponse> example, String url){

	static ExtensionResponse of(Extension extension, Language language) {
		return new ExtensionResponse(extension.keyword(), extension.slug(),
				(extension.rfc() != 0) ? extension.rfc() : null, extension.reference(), extension.status(),
				CommandResponse.plain(extension.summary(), language),
				CommandResponse.plain(extension.description(), language), extension.commands(),
				ExchangeLineResponse.of(extension.ehlo()), ExchangeLineResponse.of(extension.example()),
				extension.path());
	}

}
