package org.smtpreference.playground;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

import org.smtpreference.content.Language;

/**
 * What the playground's JSON endpoint answers: the greeting and each client line with the
 * server's reply lines, what each reply means in the reader's language and what the
 * server waits for next; a contract of its own rather than the engine's types.
 *
 * @param greeting the server's greeting line
 * @param greetingMeanings what the greeting means
 * @param exchanges each client line played, with the reply lines it got
 * @param closed whether the server closed the session; later lines were not played
 * @param writing whether the server reads message content after DATA's 354
 * @param octetsOwed the octets of a BDAT chunk still to be sent, or 0
 * @param state what the server waits for, in the reader's language, or {@code null} when
 * it waits for a command
 */
record PlaygroundResponse(String greeting, List<MeaningResponse> greetingMeanings, List<ExchangeResponse> exchanges,
		boolean closed, boolean writing, long octetsOwed, @Schema(types = {
				"string", "null" }) String state){

	static PlaygroundResponse of(Replay replay, Teaching teaching, Locale locale) {
		Language language = Language.of(locale);
		List<ExchangeResponse> exchanges = new ArrayList<>();
		String previous = replay.greeting();
		for (Replay.Exchange exchange : replay.exchanges()) {
			exchanges.add(new ExchangeResponse(exchange.client(), exchange.replies(), teaching.commandPath(exchange),
					MeaningResponse.of(teaching.meanings(exchange.replies(), language)),
					teaching.hint(previous, exchange, locale)));
			if (!exchange.replies().isEmpty()) {
				previous = exchange.replies().get(exchange.replies().size() - 1);
			}
		}
		return new PlaygroundResponse(replay.greeting(),
				MeaningResponse.of(teaching.meanings(List.of(replay.greeting()), language)), exchanges, replay.closed(),
				replay.writing(), replay.octetsOwed(), teaching.state(replay, locale));
	}

	/**
	 * One client line and the server's reply lines, none for a line of message content.
	 *
	 * @param client the line as sent
	 * @param replies the reply lines in order
	 * @param command the page of the command the line sends, or {@code null}
	 * @param meanings what each complete reply means
	 * @param hint a hint about the line, such as an AUTH LOGIN answer that is not base64,
	 * or {@code null}
	 */
	record ExchangeResponse(String client, List<String> replies, @Schema(types = {
			"string", "null" }) String command, List<MeaningResponse> meanings,
			@Schema(types = { "string", "null" }) String hint){
	}

	/**
	 * What one reply means.
	 *
	 * @param after the index of the reply's last line among the reply lines
	 * @param code the code it was read by, such as {@code 550 5.1.1}
	 * @param text one line in the reader's language
	 * @param path the page that explains it
	 */
	record MeaningResponse(int after, String code, String text, String path) {

		static List<MeaningResponse> of(List<Teaching.Note> notes) {
			return notes.stream()
				.map((note) -> new MeaningResponse(note.after(), note.code(), note.text(), note.path()))
				.toList();
		}

	}

}
