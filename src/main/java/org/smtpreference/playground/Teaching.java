package org.smtpreference.playground;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.smtpreference.content.Command;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.decode.ReplyMeanings;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * What the playground says beside a transcript, in the reader's language: what each reply
 * means (from the decoder's knowledge, not a list of its own), which command a client
 * line is, a hint when an AUTH LOGIN answer is clear text instead of base64, and what the
 * server waits for after DATA's 354 or during a BDAT chunk.
 */
@Component
class Teaching {

	private static final Pattern BASE64 = Pattern
		.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

	/**
	 * The challenges of AUTH LOGIN, "Username:" and "Password:" in base64.
	 */
	private static final List<String> LOGIN_CHALLENGES = List.of("334 VXNlcm5hbWU6", "334 UGFzc3dvcmQ6");

	private static final Pattern AUTH_LOGIN = Pattern.compile("(?i)AUTH\\s+LOGIN\\s+(\\S.*)");

	/**
	 * How many replies' meanings are kept: a session's distinct replies, many times over.
	 */
	private static final int KEPT_MEANINGS = 4096;

	private final Map<String, Optional<ReplyMeanings.Meaning>> known = new ConcurrentHashMap<>();

	private final ReplyMeanings meanings;

	private final Reference reference;

	private final MessageSource messages;

	Teaching(ReplyMeanings meanings, Reference reference, MessageSource messages) {
		this.meanings = meanings;
		this.reference = reference;
		this.messages = messages;
	}

	/**
	 * What each complete reply among these lines means, placed under its last line.
	 */
	List<Note> meanings(List<String> replies, Language language) {
		List<Note> notes = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < replies.size(); i++) {
			String line = replies.get(i);
			// A reply's last line has a space (or nothing) after its code; "250-" goes
			// on.
			if (line.length() > 3 && line.charAt(3) == '-') {
				continue;
			}
			int after = i;
			meaning(String.join("\n", replies.subList(start, i + 1)), language)
				.ifPresent((meaning) -> notes.add(new Note(after, meaning.code(), meaning.text(), meaning.path())));
			start = i + 1;
		}
		return notes;
	}

	/**
	 * A reply's meaning, kept: the script replays the whole session for each line, so the
	 * same replies are read again and again; the store is emptied when full.
	 */
	private Optional<ReplyMeanings.Meaning> meaning(String reply, Language language) {
		String key = language.tag() + ":" + reply;
		Optional<ReplyMeanings.Meaning> known = this.known.get(key);
		if (known == null) {
			known = this.meanings.of(reply, language);
			if (this.known.size() >= KEPT_MEANINGS) {
				this.known.clear();
			}
			this.known.put(key, known);
		}
		return known;
	}

	/**
	 * The page of the command a client line sends, when the server read it as one.
	 */
	String commandPath(Replay.Exchange exchange) {
		if (!exchange.command()) {
			return null;
		}
		String line = exchange.client().strip();
		int end = 0;
		while (end < line.length() && Character.isLetterOrDigit(line.charAt(end))) {
			end++;
		}
		// A verb is short and made of letters; an answer to a challenge is not one.
		if (end < 3 || end > 10 || !line.substring(0, end).chars().allMatch(Character::isLetter)) {
			return null;
		}
		return this.reference.commandSpelledAs(line.substring(0, end)).map(Command::path).orElse(null);
	}

	/**
	 * A hint when a line answering AUTH LOGIN (or its initial response) is clear text:
	 * the server wants base64, and the hint says what the text is in base64.
	 * @param previous the server's last reply line before this client line
	 * @param exchange the client line and its replies
	 * @param locale the reader's language
	 * @return the hint, or {@code null}
	 */
	String hint(String previous, Replay.Exchange exchange, Locale locale) {
		String answer = null;
		if (exchange.command()) {
			var login = AUTH_LOGIN.matcher(exchange.client());
			if (login.matches()) {
				answer = login.group(1).strip();
			}
			else if (previous != null && LOGIN_CHALLENGES.contains(previous.strip())) {
				answer = exchange.client();
			}
		}
		if (answer == null || answer.isEmpty() || answer.equals("*") || answer.equals("=") || isBase64Text(answer)) {
			return null;
		}
		String shown = (answer.length() > 64) ? answer.substring(0, 64) + "…" : answer;
		String encoded = Base64.getEncoder().encodeToString(answer.getBytes(StandardCharsets.UTF_8));
		if (encoded.length() > 88) {
			encoded = encoded.substring(0, 88) + "…";
		}
		return this.messages.getMessage("playground.hint.base64", new Object[] { shown, encoded }, locale);
	}

	/**
	 * Whether a line is base64 of printable UTF-8 text, as a user name or password is:
	 * "test" is valid base64 too, but decodes to bytes no one would type.
	 */
	static boolean isBase64Text(String line) {
		if (!BASE64.matcher(line).matches()) {
			return false;
		}
		byte[] bytes = Base64.getDecoder().decode(line);
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			return text.codePoints().noneMatch(Character::isISOControl);
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	/**
	 * What the server waits for after the last line, or {@code null} when it waits for a
	 * command.
	 */
	String state(Replay replay, Locale locale) {
		if (replay.closed()) {
			return null;
		}
		if (replay.writing()) {
			return this.messages.getMessage("playground.state.data", null, locale);
		}
		if (replay.octetsOwed() > 0) {
			return this.messages.getMessage("playground.state.chunk", new Object[] { replay.octetsOwed() }, locale);
		}
		return null;
	}

	/**
	 * What a reply means, under which of its lines.
	 *
	 * @param after the index of the reply's last line among the exchange's reply lines
	 * @param code the code it was read by, such as {@code 550 5.1.1}
	 * @param text one line in the reader's language
	 * @param path the page that explains it in full
	 */
	record Note(int after, String code, String text, String path) {
	}

}
