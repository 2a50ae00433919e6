package org.smtpreference.session;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.smtpreference.session.Answer.reply;
import static org.smtpreference.session.Answer.shorten;

/**
 * The commands allowed at any point of a session (RFC 5321 section 4.1.4): RSET, NOOP,
 * QUIT, VRFY, EXPN and HELP, and the answers to commands this server does not know or
 * does not implement.
 */
final class SessionCommands {

	private static final Map<String, String> HELP_TOPICS = helpTopics();

	private static final Set<String> NOT_IMPLEMENTED = Set.of("SEND", "SOML", "SAML", "TURN", "ETRN", "ATRN", "LHLO");

	private final SessionState state;

	private final MailTransactionPhase transaction;

	SessionCommands(SessionState state, MailTransactionPhase transaction) {
		this.state = state;
		this.transaction = transaction;
	}

	ServerReply rset(String arguments) {
		if (!arguments.isEmpty()) {
			return reply(Answer.SYNTAX, "RSET");
		}
		this.transaction.reset();
		return reply(Answer.RESET);
	}

	/**
	 * RFC 5321 section 4.1.1.9: NOOP's argument, if any, is ignored.
	 */
	ServerReply noop(String arguments) {
		return reply(Answer.NOOP);
	}

	ServerReply quit(String arguments) {
		if (!arguments.isEmpty()) {
			return reply(Answer.SYNTAX, "QUIT");
		}
		this.state.closed = true;
		return reply(Answer.CLOSING, this.state.settings.hostname());
	}

	ServerReply vrfy(String arguments) {
		return arguments.isEmpty() ? reply(Answer.SYNTAX, "VRFY <user or mailbox>") : reply(Answer.CANNOT_VERIFY);
	}

	/**
	 * RFC 5321 section 4.1.1.7: expn = "EXPN" SP String CRLF.
	 */
	ServerReply expn(String arguments) {
		return arguments.isEmpty() ? reply(Answer.SYNTAX, "EXPN <list>") : reply(Answer.CANNOT_EXPAND);
	}

	ServerReply help(String arguments) {
		if (arguments.isEmpty()) {
			return Answer.HELP.reply(true, List.of(Answer.HELP_END.text()), String.join(" ", HELP_TOPICS.keySet()));
		}
		String topic = HELP_TOPICS.get(arguments.toUpperCase(Locale.ROOT));
		return (topic != null) ? reply(Answer.HELP_TOPIC, topic) : reply(Answer.HELP_UNKNOWN, shorten(arguments, 16));
	}

	/**
	 * A verb no phase handles: 502 for the commands RFC 5321 and its extensions define
	 * but this server does not implement, 500 for anything else.
	 */
	ServerReply unknown(String verb) {
		return NOT_IMPLEMENTED.contains(verb) ? reply(Answer.NOT_IMPLEMENTED, verb)
				: reply(Answer.UNKNOWN_COMMAND, verb.isEmpty() ? "(empty line)" : shorten(verb, 16));
	}

	private static Map<String, String> helpTopics() {
		Map<String, String> topics = new LinkedHashMap<>();
		topics.put("EHLO", "EHLO <domain or address literal>");
		topics.put("HELO", "HELO <domain>");
		topics.put("STARTTLS", "STARTTLS (simulated)");
		topics.put("AUTH", "AUTH PLAIN|LOGIN [initial-response]");
		topics.put("MAIL", "MAIL FROM:<sender> [SIZE= BODY= SMTPUTF8 RET= ENVID= AUTH=]");
		topics.put("RCPT", "RCPT TO:<recipient> [NOTIFY= ORCPT=]");
		topics.put("DATA", "DATA, then the message, ended by a line holding only a dot");
		topics.put("BDAT", "BDAT <size> [LAST], then exactly that many octets");
		topics.put("RSET", "RSET");
		topics.put("NOOP", "NOOP [text]");
		topics.put("VRFY", "VRFY <user or mailbox>");
		topics.put("EXPN", "EXPN <list>");
		topics.put("HELP", "HELP [command]");
		topics.put("QUIT", "QUIT");
		return topics;
	}

}
