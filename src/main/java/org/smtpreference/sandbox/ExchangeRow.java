package org.smtpreference.sandbox;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.decode.ReplyMeanings;

import org.springframework.context.MessageSource;

/**
 * One transcript line ready to show: who said it, when, and for a reply its basic and
 * enhanced codes with the addresses of their entries when the reference has them.
 *
 * @param index the line's place in the transcript, from 0
 * @param direction {@code C} for the client, {@code S} for the server, {@code N} for a
 * note of the listener
 * @param time the time in UTC, {@code HH:mm:ss}
 * @param code the basic reply code, or an empty string
 * @param codePath the address of the code's entry, or {@code null}
 * @param separator what follows the code: a space or a hyphen
 * @param enhanced the enhanced status code, or an empty string
 * @param enhancedPath the address of its entry, or {@code null}
 * @param rest the remaining text of the line
 * @param meaning what the reply means in the reader's language, under its last line, or
 * {@code null}
 * @param meaningPath the page explaining it in full, or {@code null}
 */
public record ExchangeRow(int index, String direction, String time, String code, String codePath, String separator,
		String enhanced, String enhancedPath, String rest, String meaning, String meaningPath) {

	private static final Pattern REPLY = Pattern
		.compile("([2-5]\\d\\d)([ -]?)(([245])\\.\\d{1,3}\\.\\d{1,3}(?= |$))?(.*)", Pattern.DOTALL);

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	static ExchangeRow of(int index, TranscriptLine line, Reference reference, ReplyMeanings meanings,
			MessageSource messages, Locale locale) {
		String direction = String.valueOf(line.direction().letter());
		String time = TIME.format(Instant.ofEpochMilli(line.at()));
		if (line.direction() == TranscriptLine.Direction.SERVER) {
			Matcher reply = REPLY.matcher(line.text());
			if (reply.matches()) {
				String code = reply.group(1);
				String enhanced = (reply.group(3) != null) ? reply.group(3) : "";
				String codePath = reference.reply(Integer.parseInt(code)).map((found) -> found.path()).orElse(null);
				String enhancedPath = enhanced.isEmpty() ? null
						: reference.statusCode(enhanced).map((found) -> found.path()).orElse(null);
				// A reply's last line (not a continuation with "-") carries its meaning,
				// from the decoder's knowledge, once per reply.
				Optional<ReplyMeanings.Meaning> meaning = reply.group(2).equals("-") ? Optional.empty()
						: meanings.of(line.text(), Language.of(locale));
				return new ExchangeRow(index, direction, time, code, codePath, reply.group(2), enhanced, enhancedPath,
						reply.group(5), meaning.map(ReplyMeanings.Meaning::text).orElse(null),
						meaning.map(ReplyMeanings.Meaning::path).orElse(null));
			}
		}
		return new ExchangeRow(index, direction, time, "", null, "", "", null, text(line, messages, locale), null,
				null);
	}

	/**
	 * The text of a line; a note stored as a message key is said in the reader's language
	 * (without arguments it is printed as written, like any message without arguments).
	 */
	static String text(TranscriptLine line, MessageSource messages, Locale locale) {
		String key = line.noteKey();
		if (key == null) {
			return line.text();
		}
		Object[] arguments = line.noteArguments();
		return TranscriptLine
			.visible(messages.getMessage(key, (arguments.length > 0) ? arguments : null, line.text(), locale));
	}

	/**
	 * The message key naming who said the line.
	 */
	public String directionKey() {
		return switch (this.direction) {
			case "C" -> "sandbox.client";
			case "S" -> "sandbox.server";
			default -> "sandbox.note";
		};
	}

}
