package org.smtpreference.playground;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.smtpreference.content.Extension;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Reply;
import org.smtpreference.content.StatusCode;

import org.springframework.stereotype.Component;

/**
 * Links the codes in a server's reply line to the reference: the basic code to its reply
 * entry and an enhanced code after it to its status entry, each only when the entry
 * exists.
 */
@Component
class ReplyLinks {

	private static final Pattern REPLY = Pattern.compile("(\\d{3})([ -]?)(\\d\\.\\d{1,3}\\.\\d{1,3}(?= |$))?(.*)",
			Pattern.DOTALL);

	private static final Pattern KEYWORD = Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)((?: .*)?)", Pattern.DOTALL);

	private final Reference reference;

	ReplyLinks(Reference reference) {
		this.reference = reference;
	}

	TerminalLine server(String line) {
		Matcher matcher = REPLY.matcher(line);
		if (!matcher.matches()) {
			return new TerminalLine(false, List.of(new TerminalLine.Piece(line, null)));
		}
		List<TerminalLine.Piece> pieces = new ArrayList<>();
		String code = matcher.group(1);
		pieces.add(new TerminalLine.Piece(code,
				this.reference.reply(Integer.parseInt(code)).map(Reply::path).orElse(null)));
		String enhanced = matcher.group(3);
		if (enhanced != null) {
			pieces.add(new TerminalLine.Piece(matcher.group(2), null));
			pieces.add(new TerminalLine.Piece(enhanced,
					this.reference.statusCode(enhanced).map(StatusCode::path).orElse(null)));
			pieces.add(new TerminalLine.Piece(matcher.group(4), null));
		}
		else {
			// An EHLO keyword (250-PIPELINING, 250-SIZE 35882577) links to its extension.
			Matcher keyword = KEYWORD.matcher(matcher.group(4));
			String path = keyword.matches()
					? this.reference.extension(keyword.group(1)).map(Extension::path).orElse(null) : null;
			if (path != null) {
				pieces.add(new TerminalLine.Piece(matcher.group(2), null));
				pieces.add(new TerminalLine.Piece(keyword.group(1), path));
				pieces.add(new TerminalLine.Piece(keyword.group(2), null));
			}
			else {
				pieces.add(new TerminalLine.Piece(matcher.group(2) + matcher.group(4), null));
			}
		}
		return new TerminalLine(false, pieces.stream().filter((piece) -> !piece.text().isEmpty()).toList());
	}

	/**
	 * Every basic code with an entry, for the page's script to link the same codes.
	 */
	String replyCodes() {
		return this.reference.replies()
			.stream()
			.map((reply) -> String.valueOf(reply.code()))
			.collect(Collectors.joining(" "));
	}

	/**
	 * Every EHLO keyword with an entry, as its page is named, for the page's script.
	 */
	String extensionKeywords() {
		return this.reference.extensions().stream().map(Extension::slug).collect(Collectors.joining(" "));
	}

	/**
	 * Every enhanced code with an entry, for the page's script.
	 */
	String statusCodes() {
		return this.reference.statusCodes().stream().map(StatusCode::code).collect(Collectors.joining(" "));
	}

}
