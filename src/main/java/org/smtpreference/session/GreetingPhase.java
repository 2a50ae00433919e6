package org.smtpreference.session;

import java.util.ArrayList;
import java.util.List;

import static org.smtpreference.session.Answer.reply;

/**
 * The opening of a session: the 220 greeting, EHLO with the extensions it announces,
 * HELO, and STARTTLS, after which the client greets again (RFC 5321 sections 3.1 and
 * 4.1.1.1, RFC 3207).
 */
final class GreetingPhase {

	private final SessionState state;

	private final MailTransactionPhase transaction;

	GreetingPhase(SessionState state, MailTransactionPhase transaction) {
		this.state = state;
		this.transaction = transaction;
	}

	/**
	 * The 220 greeting the server sends when the connection opens.
	 */
	ServerReply greeting() {
		String name = this.state.settings.hostname();
		String note = this.state.settings.greetingNote();
		return new ServerReply(
				List.of(Answer.fit(Answer.GREETING.line(false, name) + (note.isEmpty() ? "" : "; " + note))));
	}

	ServerReply ehlo(String arguments) {
		return hello(arguments, SessionState.Greeting.EHLO);
	}

	ServerReply helo(String arguments) {
		return hello(arguments, SessionState.Greeting.HELO);
	}

	private ServerReply hello(String arguments, SessionState.Greeting kind) {
		String verb = kind.name();
		if (arguments.isEmpty() || arguments.contains(" ")
				|| !(MailPath.isDomain(arguments) || MailPath.isAddressLiteral(arguments))) {
			return reply(Answer.SYNTAX, verb + " <domain or address literal>");
		}
		this.transaction.reset();
		this.state.greeting = kind;
		String name = this.state.settings.hostname();
		if (kind == SessionState.Greeting.HELO) {
			return Answer.HELO.reply(false, name, arguments);
		}
		return Answer.EHLO.reply(false, keywords(), name, arguments);
	}

	/**
	 * The extensions EHLO announces, in the order the reply lists them.
	 */
	private List<String> keywords() {
		SessionSettings settings = this.state.settings;
		List<String> keywords = new ArrayList<>();
		keywords.add("PIPELINING");
		keywords.add("SIZE " + settings.maxMessageSize());
		keywords.add("8BITMIME");
		keywords.add("BINARYMIME");
		keywords.add("SMTPUTF8");
		keywords.add("ENHANCEDSTATUSCODES");
		if (!this.state.encrypted) {
			keywords.add("STARTTLS");
		}
		// RFC 4954 section 6: a current server does not advertise mechanisms that need
		// encryption before the channel has it.
		if (this.state.encrypted || settings.authBeforeTls()) {
			keywords.add("AUTH PLAIN LOGIN");
		}
		keywords.add("CHUNKING");
		keywords.add("DSN");
		keywords.add("HELP");
		return keywords;
	}

	ServerReply starttls(String arguments) {
		if (!arguments.isEmpty()) {
			return reply(Answer.SYNTAX, "STARTTLS");
		}
		if (this.state.encrypted) {
			return reply(Answer.BAD_SEQUENCE, "TLS is already active");
		}
		if (!this.state.usedEhlo()) {
			return reply(Answer.BAD_SEQUENCE, "send EHLO first; it announces STARTTLS");
		}
		if (this.transaction.isInProgress()) {
			return reply(Answer.BAD_SEQUENCE, "a mail transaction is in progress; send RSET first");
		}
		ServerReply ready = reply(Answer.TLS_READY);
		// RFC 3207 section 4.2: after the handshake the server forgets all it knew.
		this.state.encrypted = true;
		this.state.greeting = SessionState.Greeting.NONE;
		this.state.user = null;
		this.transaction.reset();
		return ready;
	}

}
