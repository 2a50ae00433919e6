package org.smtpreference.decode;

import java.util.Optional;

import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Reply;
import org.smtpreference.content.StatusCode;

import org.springframework.stereotype.Component;

/**
 * One line saying what a server's reply means, in the reader's language, with the page
 * that explains it in full: for every place that shows a reply the reader did not write
 * (the playground and its guided sessions, the sandbox's live view, the probe), from the
 * same knowledge as the decoder.
 */
@Component
public class ReplyMeanings {

	/**
	 * How much of a reply is read: a reply's first lines say what it is; a server that
	 * sends more is not explained further by the rest.
	 */
	static final int MAX_CHARS = 4096;

	private final Reference reference;

	private final Decoder decoder;

	public ReplyMeanings(Reference reference) {
		this.reference = reference;
		this.decoder = new Decoder(reference);
	}

	/**
	 * What a reply means: the cause its text names, or else its enhanced code's title, or
	 * else its basic code's title; empty when the text holds no reply code the reference
	 * knows. An enhanced code of detail 0 ({@code 2.0.0}, {@code 2.1.0}) only says "other
	 * status" of its subject, so the basic code's title says more.
	 * @param reply a server's reply, one line or several
	 * @param language the reader's language
	 * @return the meaning, or empty
	 */
	public Optional<Meaning> of(String reply, Language language) {
		if (reply == null || reply.isBlank()) {
			return Optional.empty();
		}
		String text = (reply.length() > MAX_CHARS) ? reply.substring(0, MAX_CHARS) : reply;
		Decoding decoding = this.decoder.decode(text);
		if (decoding.findings().isEmpty()) {
			return Optional.empty();
		}
		Finding finding = decoding.findings().get(0);
		Optional<StatusCode> status = Optional.ofNullable(finding.status()).flatMap(this.reference::statusCode);
		Optional<Reply> basic = (finding.reply() != 0) ? this.reference.reply(finding.reply()) : Optional.empty();
		String path = status.map(StatusCode::path).or(() -> basic.map(Reply::path)).orElse(null);
		if (path == null) {
			return Optional.empty();
		}
		String line;
		if (!finding.causes().isEmpty()) {
			DecodeRule cause = finding.causes().get(0);
			line = cause.title().in(language).plain();
		}
		else if (status.isPresent() && (status.get().entry().detail() != 0 || basic.isEmpty())) {
			line = status.get().entry().title().in(language).plain();
		}
		else {
			line = basic.get().title().in(language).plain();
		}
		return Optional.of(new Meaning(finding.code(), line, path));
	}

	/**
	 * What one reply means.
	 *
	 * @param code the code it was read by, such as {@code 550 5.1.1}
	 * @param text one line in the reader's language
	 * @param path the page that explains the code in full
	 */
	public record Meaning(String code, String text, String path) {
	}

}
