package org.smtpreference.playground;

import java.util.List;

/**
 * What the playground's JSON endpoint answers: the greeting and each client line with the
 * server's reply lines, a contract of its own rather than the engine's types.
 *
 * @param greeting the server's greeting line
 * @param exchanges each client line played, with the reply lines it got
 * @param closed whether the server closed the session; later lines were not played
 */
record PlaygroundResponse(String greeting, List<ExchangeResponse> exchanges, boolean closed) {

	static PlaygroundResponse of(Replay replay) {
		return new PlaygroundResponse(replay.greeting(),
				replay.exchanges()
					.stream()
					.map((exchange) -> new ExchangeResponse(exchange.client(), exchange.replies()))
					.toList(),
				replay.closed());
	}

	/**
	 * One client line and the server's reply lines, none for a line of message content.
	 *
	 * @param client the line as sent
	 * @param replies the reply lines in order
	 */
	record ExchangeResponse(String client, List<String> replies) {
	}

}
