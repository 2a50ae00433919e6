package org.smtpreference.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.StatusCode;

/**
 * An enhanced status code, in one language.
 *
 * @param code the code, such as {@code 5.7.1}
 * @param registryEntry the registry's name, such as {@code X.7.1}
 * @param title a short name
 * @param description what it means
 * @param statusClass the class's name
 * @param subject the subject's name
 * @param basic the basic reply codes the registry associates with it that have a page
 * @param otherBasic the registry's other associated basic codes, such as {@code 5XX}
 * @param rfc the RFC that defined it, or {@code null}
 * @param reference the defining document when it is not an RFC, or {@code null}
 * @param url its page
 */
record StatusCodeResponse(String code, String registryEntry, String title, String description, String statusClass,
		String subject, List<Integer> basic, List<String> otherBasic, @Schema(types = {
				"integer", "null" }) Integer rfc,
		@Schema(types = { "string", "null" }) String reference, String url){

	static StatusCodeResponse of(StatusCode status, Reference reference, Language language) {
		return new StatusCodeResponse(status.code(), status.entry().registryCode(),
				CommandResponse.plain(status.entry().title(), language),
				CommandResponse.plain(status.entry().description(), language),
				CommandResponse.plain(reference.statusClass(status.classDigit()).title(), language),
				CommandResponse.plain(reference.statusSubject(status.entry().subject()).title(), language),
				status.entry().basic(), status.entry().otherBasic(),
				(status.entry().rfc() != 0) ? status.entry().rfc() : null, status.entry().reference(), status.path());
	}

}
