package org.smtpreference.session;

import java.util.ArrayList;
import java.util.List;

/**
 * Every reply the simulated server can send, with its basic code, its enhanced status
 * code and its text: the one place they are written, so a test can check that each has
 * its entry in the reference.
 */
public enum Answer {

	/** The greeting, before any command. */
	GREETING(220, null, "%s ESMTP simulated server; nothing is ever relayed or delivered"),

	/** First line of the answer to EHLO; the extension lines follow. */
	EHLO(250, null, "%s Hello %s"),

	/** The answer to HELO. */
	HELO(250, null, "%s Hello %s"),

	/** A reverse-path accepted. */
	SENDER_OK(250, "2.1.0", "Sender <%s> OK"),

	/** A forward-path accepted. */
	RECIPIENT_OK(250, "2.1.5", "Recipient <%s> OK"),

	/** DATA accepted: the content may follow. */
	START_DATA(354, null, "Start mail input; end with <CRLF>.<CRLF>"),

	/** A message accepted, after DATA's lone dot or the last BDAT chunk. */
	QUEUED(250, "2.0.0", "OK: %d octets queued as %s (simulated: discarded, never delivered)"),

	/** A BDAT chunk that is not the last one received. */
	CHUNK_RECEIVED(250, "2.0.0", "%d octets received"),

	/** RSET done. */
	RESET(250, "2.0.0", "Reset OK"),

	/** NOOP done. */
	NOOP(250, "2.0.0", "OK"),

	/** VRFY answered without disclosing whether the mailbox exists. */
	CANNOT_VERIFY(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery"),

	/**
	 * EXPN answered without disclosing a list: RFC 5321 section 7.3 asks a server that
	 * disables EXPN for security to answer 252, which no client takes for a verdict.
	 */
	CANNOT_EXPAND(252, "2.0.0", "Cannot EXPN: list members are not disclosed"),

	/** HELP without a topic: the commands this server knows. */
	HELP(214, "2.0.0", "Commands: %s"),

	/** HELP with a command as its topic. */
	HELP_TOPIC(214, "2.0.0", "%s"),

	/** The closing line of a HELP answer. */
	HELP_END(214, "2.0.0", "End of HELP info; see the reference for every command"),

	/** HELP about something that is no command of this server. */
	HELP_UNKNOWN(504, "5.5.4", "HELP topic unknown: %s"),

	/** QUIT. */
	CLOSING(221, "2.0.0", "%s closing connection"),

	/** STARTTLS accepted; the handshake is simulated. */
	TLS_READY(220, "2.0.0", "Ready to start TLS (simulated: the session continues as if encrypted)"),

	/** A server challenge during AUTH, base64 encoded or empty. */
	AUTH_CHALLENGE(334, null, "%s"),

	/** Credentials accepted. */
	AUTH_OK(235, "2.7.0", "Authentication successful"),

	/** Credentials refused. */
	AUTH_FAILED(535, "5.7.8", "Authentication credentials invalid"),

	/**
	 * AUTH on a channel that is not encrypted yet, from a legacy server that offered it
	 * there (RFC 4954 section 6 calls this reply historic).
	 */
	AUTH_NEEDS_TLS(538, "5.7.11", "Encryption required for requested authentication mechanism; use STARTTLS first"),

	/** AUTH with a mechanism this server does not offer. */
	AUTH_MECHANISM_UNKNOWN(504, "5.5.4", "Unrecognized authentication mechanism: %s"),

	/** The client cancelled AUTH with {@code *}. */
	AUTH_CANCELLED(501, "5.0.0", "Authentication cancelled"),

	/** An AUTH response that is not base64 (RFC 4954 section 4: 501 5.5.2). */
	AUTH_MALFORMED(501, "5.5.2", "Cannot decode the response: %s"),

	/**
	 * An AUTH response line over 12288 octets: RFC 4954 section 4 fails the command with
	 * 500 and, with enhanced codes, 5.5.6.
	 */
	AUTH_LINE_TOO_LONG(500, "5.5.6", "Authentication Exchange line is too long"),

	/** An unknown command. */
	UNKNOWN_COMMAND(500, "5.5.1", "Command unrecognized: %s"),

	/** A command line over the limit. */
	LINE_TOO_LONG(500, "5.5.2", "Line too long: command lines are limited to %d octets"),

	/** A command line holding control characters. */
	BAD_CHARACTERS(500, "5.5.2", "Command line holds control characters"),

	/**
	 * A line ended by a bare LF rather than CRLF (RFC 5321 section 2.3.8), refused as
	 * Postfix's {@code smtpd_forbid_bare_newline = reject} does: its default reject code
	 * 550, its text, and the connection closed (SMTP smuggling, CVE-2023-51764).
	 */
	BARE_LINE_FEED(550, "5.5.2", "%s Error: bare <LF> received"),

	/** A known command this server does not implement. */
	NOT_IMPLEMENTED(502, "5.5.1", "%s: command not implemented"),

	/** A command with wrong arguments. */
	SYNTAX(501, "5.5.4", "Syntax: %s"),

	/** A reverse-path whose syntax is wrong. */
	BAD_SENDER_SYNTAX(501, "5.1.7", "Bad sender address syntax: %s"),

	/** A forward-path whose syntax is wrong. */
	BAD_RECIPIENT_SYNTAX(501, "5.1.3", "Bad recipient address syntax: %s"),

	/** A command out of order. */
	BAD_SEQUENCE(503, "5.5.1", "Bad sequence of commands: %s"),

	/** A MAIL or RCPT parameter with a wrong value, or given twice. */
	PARAMETER_SYNTAX(501, "5.5.4", "Bad value of parameter: %s"),

	/** A MAIL or RCPT parameter this server does not know or did not offer. */
	PARAMETER_UNKNOWN(555, "5.5.4", "MAIL FROM/RCPT TO parameter not recognized or not implemented: %s"),

	/** A message larger than the announced maximum. */
	TOO_BIG(552, "5.3.4", "Message size exceeds fixed maximum message size of %d octets"),

	/** A recipient past the limit of one transaction. */
	TOO_MANY_RECIPIENTS(452, "4.5.3", "Too many recipients: at most %d per message"),

	/**
	 * A non-ASCII sender without the SMTPUTF8 parameter: RFC 6531 section 3.5 gives MAIL
	 * 550.
	 */
	SENDER_NEEDS_SMTPUTF8(550, "5.6.7", "Non-ASCII sender address needs the SMTPUTF8 parameter: %s"),

	/**
	 * A non-ASCII recipient in a transaction without SMTPUTF8: RFC 6531 section 3.5 gives
	 * RCPT 553.
	 */
	NEEDS_SMTPUTF8(553, "5.6.7", "Non-ASCII address needs the SMTPUTF8 parameter on MAIL FROM: %s"),

	/** DATA or a last chunk when every recipient was refused. */
	NO_VALID_RECIPIENTS(554, "5.5.1", "No valid recipients"),

	/** Demo: a mailbox that does not exist. */
	UNKNOWN_USER(550, "5.1.1", "<%s>: Recipient address rejected: User unknown"),

	/** Demo: a mailbox that is full. */
	MAILBOX_FULL(452, "4.2.2", "<%s>: Mailbox full, try again later"),

	/** Demo: a recipient greylisted on its first try. */
	GREYLISTED(450, "4.7.1", "<%s>: Recipient address rejected: Greylisted, try again later"),

	/** Demo: a recipient in a domain this server does not serve, under .invalid. */
	RELAY_DENIED(550, "5.7.1", "<%s>: Relay access denied"),

	/** Demo: a sender refused by local policy. */
	POLICY_REJECTED(550, "5.7.1", "<%s>: Sender address rejected by local policy");

	/** Octets of a reply line without its CRLF. */
	private static final int LINE_LIMIT = 510;

	private static final int ECHO_LIMIT = 100;

	private final int code;

	private final String enhanced;

	private final String text;

	Answer(int code, String enhanced, String text) {
		this.code = code;
		this.enhanced = enhanced;
		this.text = text;
	}

	/**
	 * The basic reply code.
	 */
	public int code() {
		return this.code;
	}

	/**
	 * The enhanced status code sent with this reply whether or not EHLO was used (RFC
	 * 2034 section 4), or {@code null} for replies that never carry one (the greeting,
	 * EHLO, HELO and the 3xx replies).
	 */
	public String enhanced() {
		return this.enhanced;
	}

	/**
	 * One reply line, with the enhanced code when the session uses them.
	 */
	String line(boolean enhancedCodes, Object... arguments) {
		return fit(prefix(' ', enhancedCodes) + text(arguments));
	}

	/**
	 * Makes a reply line printable US-ASCII, as RFC 5321 section 4.2's textstring and RFC
	 * 6531 section 3.7.4.2 ask, and cuts it to the 512 octets RFC 5321 section 4.5.3.1.5
	 * allows, CRLF included.
	 */
	static String fit(String line) {
		String ascii = ascii(line);
		return (ascii.length() <= LINE_LIMIT) ? ascii : ascii.substring(0, LINE_LIMIT - 3) + "...";
	}

	/**
	 * What a reply may echo of the client's words: printable US-ASCII only (anything
	 * else, a letter outside ASCII as much as a control character, becomes {@code ?}),
	 * and not more than 100 characters.
	 */
	private static Object echo(Object argument) {
		if (!(argument instanceof String text)) {
			return argument;
		}
		String clean = ascii(text.codePoints()
			.limit(ECHO_LIMIT)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString());
		return (text.codePointCount(0, text.length()) > ECHO_LIMIT) ? clean + "..." : clean;
	}

	/**
	 * Each code point outside printable US-ASCII becomes one {@code ?}.
	 */
	private static String ascii(String text) {
		StringBuilder clean = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> clean.append((c >= 0x20 && c <= 0x7E) ? (char) c : '?'));
		return clean.toString();
	}

	/**
	 * The text alone, without code, for a line inside another answer.
	 */
	String text(Object... arguments) {
		Object[] echoed = new Object[arguments.length];
		for (int i = 0; i < arguments.length; i++) {
			echoed[i] = echo(arguments[i]);
		}
		return this.text.formatted(echoed);
	}

	/**
	 * The answer as a one-line reply with its enhanced code: a server announcing
	 * ENHANCEDSTATUSCODES attaches the codes to every reply whether or not the client
	 * used EHLO (RFC 2034 sections 4 and 5); {@link #enhanced()} is {@code null} only
	 * where the RFC leaves them off (the greeting, HELO, EHLO and 3yz replies).
	 */
	static ServerReply reply(Answer answer, Object... arguments) {
		return answer.reply(true, arguments);
	}

	/**
	 * The client's words cut for an echo in a reply: three dots, not U+2026, since a
	 * reply is US-ASCII (RFC 5321 section 4.2).
	 */
	static String shorten(String text, int limit) {
		return (text.length() > limit) ? text.substring(0, limit) + "..." : text;
	}

	/**
	 * The answer as a one-line reply.
	 */
	ServerReply reply(boolean enhancedCodes, Object... arguments) {
		return new ServerReply(List.of(line(enhancedCodes, arguments)));
	}

	/**
	 * A multi-line reply: this answer's text on the first line, then the given lines.
	 */
	ServerReply reply(boolean enhancedCodes, List<String> more, Object... arguments) {
		List<String> lines = new ArrayList<>();
		String first = text(arguments);
		List<String> texts = new ArrayList<>();
		texts.add(first);
		texts.addAll(more);
		for (int i = 0; i < texts.size(); i++) {
			lines.add(fit(prefix((i < texts.size() - 1) ? '-' : ' ', enhancedCodes) + texts.get(i)));
		}
		return new ServerReply(lines);
	}

	String prefix(char separator, boolean enhancedCodes) {
		String prefix = String.valueOf(this.code) + separator;
		return (enhancedCodes && this.enhanced != null) ? prefix + this.enhanced + " " : prefix;
	}

}
