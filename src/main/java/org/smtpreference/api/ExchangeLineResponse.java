package org.smtpreference.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.smtpreference.content.ExchangeLine;

/**
 * One line of an example exchange.
 *
 * @param from {@code client} or {@code server}
 * @param line the line as sent
 * @param decoded what the line decodes to, or {@code null}
 */
record ExchangeLineResponse(@Schema(allowableValues = {
		"client", "server" }) String from, String line, @Schema(types = { "string", "null" }) String decoded){

	static List<ExchangeLineResponse> of(List<ExchangeLine> lines) {
		return lines.stream()
			.map((line) -> new ExchangeLineResponse(line.client() ? "client" : "server", line.text(), line.note()))
			.toList();
	}

}
