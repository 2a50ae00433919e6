package org.smtpreference.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

import static org.smtpreference.session.Answer.reply;
import static org.smtpreference.session.Answer.shorten;

/**
 * AUTH (RFC 4954) with the PLAIN (RFC 4616) and LOGIN mechanisms: when it is offered, the
 * challenges and the client's responses, and the one demo account it accepts.
 */
final class AuthPhase {

	/** The demo account accepted by AUTH, as in the reference's AUTH examples. */
	static final String DEMO_USER = "alice";

	/** The demo account's password. */
	static final String DEMO_PASSWORD = "s3cret";

	/**
	 * RFC 4954 section 4: a line answering an AUTH challenge may be up to 12288 octets.
	 */
	private static final int AUTH_LINE_LIMIT = 12288;

	private enum Step {

		PLAIN, LOGIN_USER, LOGIN_PASSWORD

	}

	private final SessionState state;

	private final MailTransactionPhase transaction;

	// The challenge the client must answer next, or null outside an exchange.
	private Step step;

	private String loginUser;

	AuthPhase(SessionState state, MailTransactionPhase transaction) {
		this.state = state;
		this.transaction = transaction;
	}

	/**
	 * Whether the next line answers a challenge rather than being a command.
	 */
	boolean isAwaitingResponse() {
		return this.step != null;
	}

	/**
	 * Abandons an exchange under way, as when the connection is dropped.
	 */
	void cancel() {
		this.step = null;
	}

	ServerReply auth(String arguments) {
		if (!this.state.usedEhlo()) {
			return reply(Answer.BAD_SEQUENCE, "send EHLO first; it announces AUTH");
		}
		if (!this.state.encrypted && !this.state.settings.authBeforeTls()) {
			return reply(Answer.BAD_SEQUENCE, "AUTH is offered only after STARTTLS");
		}
		if (this.state.user != null) {
			return reply(Answer.BAD_SEQUENCE, "already authenticated");
		}
		if (this.transaction.isInProgress()) {
			return reply(Answer.BAD_SEQUENCE, "AUTH is not allowed during a mail transaction");
		}
		String[] parts = arguments.split(" ");
		if (arguments.isEmpty() || parts.length > 2) {
			return reply(Answer.SYNTAX, "AUTH <mechanism> [initial-response]");
		}
		String mechanism = parts[0].toUpperCase(Locale.ROOT);
		if (!mechanism.equals("PLAIN") && !mechanism.equals("LOGIN")) {
			return reply(Answer.AUTH_MECHANISM_UNKNOWN, shorten(mechanism, 20));
		}
		if (!this.state.encrypted) {
			return reply(Answer.AUTH_NEEDS_TLS);
		}
		String initial = (parts.length == 2) ? parts[1] : null;
		// RFC 4954 section 4: "=" is an initial response that is present but empty.
		if ("=".equals(initial)) {
			initial = "";
		}
		if (mechanism.equals("PLAIN")) {
			if (initial == null) {
				this.step = Step.PLAIN;
				return reply(Answer.AUTH_CHALLENGE, "");
			}
			return plain(initial);
		}
		if (initial == null) {
			this.step = Step.LOGIN_USER;
			return reply(Answer.AUTH_CHALLENGE, base64("Username:"));
		}
		this.step = Step.LOGIN_USER;
		return response(initial);
	}

	/**
	 * Takes the client's answer to the last challenge: {@code *} cancels (RFC 4954
	 * section 4).
	 */
	ServerReply response(String line) {
		Step answered = this.step;
		this.step = null;
		if (line.equals("*")) {
			return reply(Answer.AUTH_CANCELLED);
		}
		if (line.getBytes(StandardCharsets.UTF_8).length > AUTH_LINE_LIMIT) {
			return reply(Answer.AUTH_LINE_TOO_LONG);
		}
		return switch (answered) {
			case PLAIN -> plain(line);
			case LOGIN_USER -> {
				String name = decode(line);
				if (name == null) {
					yield reply(Answer.AUTH_MALFORMED, "not valid base64");
				}
				this.loginUser = name;
				this.step = Step.LOGIN_PASSWORD;
				yield reply(Answer.AUTH_CHALLENGE, base64("Password:"));
			}
			case LOGIN_PASSWORD -> {
				String password = decode(line);
				if (password == null) {
					yield reply(Answer.AUTH_MALFORMED, "not valid base64");
				}
				yield credentials(this.loginUser, password);
			}
		};
	}

	private ServerReply plain(String response) {
		String decoded = response.equals("=") ? "" : decode(response);
		if (decoded == null) {
			return reply(Answer.AUTH_MALFORMED, "not valid base64");
		}
		String[] fields = decoded.split("\u0000", -1);
		if (fields.length != 3) {
			// It decoded, so 5.5.2 (not base64) does not fit: RFC 4954 section 6 fails
			// such an exchange with 535 5.7.8.
			return reply(Answer.AUTH_FAILED);
		}
		if (!fields[0].isEmpty() && !fields[0].equals(fields[1])) {
			return reply(Answer.AUTH_FAILED);
		}
		return credentials(fields[1], fields[2]);
	}

	private ServerReply credentials(String name, String password) {
		if (DEMO_USER.equals(name) && DEMO_PASSWORD.equals(password)) {
			this.state.user = name;
			return reply(Answer.AUTH_OK);
		}
		return reply(Answer.AUTH_FAILED);
	}

	private static String decode(String base64) {
		try {
			return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
