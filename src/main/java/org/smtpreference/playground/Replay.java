package org.smtpreference.playground;

import java.util.ArrayList;
import java.util.List;

import org.smtpreference.session.ServerReply;
import org.smtpreference.session.SessionSettings;
import org.smtpreference.session.SmtpSession;

/**
 * A session played from its first line on a fresh simulated server: the server keeps
 * nothing between requests, so any copy of the site answers any of them the same way.
 *
 * @param greeting the server's greeting line
 * @param exchanges each client line with the server's reply lines, up to and including
 * QUIT
 * @param closed whether the server closed the session (the lines after QUIT are not
 * played)
 * @param writing whether the server is reading message content after DATA's 354, up to
 * the line holding only a dot
 * @param octetsOwed the octets of a BDAT chunk the server still reads as content, or 0
 */
record Replay(String greeting, List<Exchange> exchanges, boolean closed, boolean writing, long octetsOwed) {

	/**
	 * The most client lines one replay takes.
	 */
	static final int MAX_LINES = 1000;

	Replay {
		exchanges = List.copyOf(exchanges);
	}

	static Replay of(List<String> lines) {
		return of(lines, SessionSettings.defaults());
	}

	static Replay of(List<String> lines, SessionSettings settings) {
		SmtpSession session = new SmtpSession(settings);
		String greeting = String.join("\n", session.greeting().lines());
		List<Exchange> exchanges = new ArrayList<>();
		for (String line : lines) {
			if (session.isClosed()) {
				break;
			}
			boolean command = !session.isReadingContent();
			ServerReply reply = session.receive(line);
			exchanges.add(new Exchange(line, reply.lines(), reply.codes(), command));
		}
		long owed = session.pendingChunkOctets();
		return new Replay(greeting, exchanges, session.isClosed(), session.isReadingContent() && owed == 0, owed);
	}

	/**
	 * One client line and what the server answered to it.
	 *
	 * @param client the line as sent, without CRLF
	 * @param replies the server's reply lines; none for a line of message content
	 * @param codes the basic code of each complete reply
	 * @param command whether the server read the line outside message content (a command
	 * or an answer to an AUTH challenge), so that its verb may name a command
	 */
	record Exchange(String client, List<String> replies, List<Integer> codes, boolean command) {

		Exchange {
			replies = List.copyOf(replies);
			codes = List.copyOf(codes);
		}

	}

}
