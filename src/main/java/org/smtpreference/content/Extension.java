package org.smtpreference.content;

import java.util.List;

/**
 * An SMTP service extension, announced by its keyword in the EHLO reply.
 *
 * @param keyword the keyword as registered
 * @param slug the keyword in lower case, for addresses
 * @param rfc the defining RFC, {@code 0} when none
 * @param reference where it is defined when no RFC is, or {@code null}
 * @param status current, obsolete or historic
 * @param commands slugs of commands it concerns
 * @param summary what it means, in one line
 * @param description the full explanation, or {@code null}
 * @param ehlo an example EHLO response, may be empty
 * @param example an example exchange, may be empty
 */
public record Extension(String keyword, String slug, int rfc, String reference, String status, List<String> commands,
		Text summary, Text description, List<ExchangeLine> ehlo, List<ExchangeLine> example) {

	public Extension {
		commands = List.copyOf(commands);
		ehlo = List.copyOf(ehlo);
		example = List.copyOf(example);
	}

	public String path() {
		return "/extensions/" + this.slug;
	}

}
