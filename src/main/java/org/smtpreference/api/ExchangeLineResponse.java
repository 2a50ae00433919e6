package org.smtpreference.api;

import java.util.List;

import org.smtpreference.content.ExchangeLine;

/**
 * One line of an example exchange.
 *
 * @param from {@code client} or {@code server}
 * @param line the line as sent
 * @param decoded what the line decodes to, or {@code null}
 */
record ExchangeLineResponse(String from, String line, String decoded) {

	static List<ExchangeLineResponse> of(List<ExchangeLine> lines) {
		return lines.stream()
			.map((line) -> new ExchangeLineResponse(line.client() ? "client" : "server", line.text(), line.note()))
			.toList();
	}

}
