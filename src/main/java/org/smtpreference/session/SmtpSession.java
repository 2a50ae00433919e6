package org.smtpreference.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.smtpreference.session.Answer.reply;

/**
 * One session with the simulated SMTP server, from the greeting to QUIT. It is fed the
 * client's lines one at a time and answers each as RFC 5321 and the extensions it
 * announces (RFC 1870, 2920, 3030, 3207, 3461, 4954, 6152, 6531, 2034/3463) say. Every
 * mailbox at every domain is accepted except a few documented demo addresses that show
 * the failures readers meet in real life; nothing is ever sent anywhere. Not thread-safe:
 * one session serves one client.
 * <p>
 * This class routes each line to the phase that answers it (see the package description);
 * the rules live in the phases.
 */
public final class SmtpSession {

	/** The demo account accepted by AUTH, as in the reference's AUTH examples. */
	public static final String DEMO_USER = AuthPhase.DEMO_USER;

	/** The demo account's password. */
	public static final String DEMO_PASSWORD = AuthPhase.DEMO_PASSWORD;

	private final SessionState state;

	private final MailTransactionPhase transaction;

	private final GreetingPhase greeting;

	private final SessionCommands commands;

	private final AuthPhase auth;

	private final BdatPhase bdat;

	public SmtpSession(SessionSettings settings) {
		this.state = new SessionState(settings);
		this.transaction = new MailTransactionPhase(this.state);
		this.greeting = new GreetingPhase(this.state, this.transaction);
		this.commands = new SessionCommands(this.state, this.transaction);
		this.auth = new AuthPhase(this.state, this.transaction);
		this.bdat = new BdatPhase(this.state, this.transaction);
	}

	/**
	 * A session with the playground's server.
	 */
	public static SmtpSession withDefaults() {
		return new SmtpSession(SessionSettings.defaults());
	}

	/**
	 * The 220 greeting the server sends when the connection opens.
	 */
	public ServerReply greeting() {
		return this.greeting.greeting();
	}

	/**
	 * Answers one line from the client, given without its CRLF: a command, a line of
	 * message content, a line of a BDAT chunk or an answer to an AUTH challenge. Content
	 * lines get {@link ServerReply#NONE} until the content ends; after QUIT every line
	 * does.
	 */
	public ServerReply receive(String line) {
		if (this.state.closed) {
			return ServerReply.NONE;
		}
		if (this.bdat.pendingOctets() == 0 && line.indexOf('\n') >= 0) {
			return bareLineFeed();
		}
		if (this.transaction.isReadingData()) {
			return this.transaction.dataLine(line);
		}
		if (this.bdat.pendingOctets() > 0) {
			byte[] octets = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
			int taken = (int) Math.min(octets.length, this.bdat.pendingOctets());
			ServerReply reply = receiveChunk(octets, 0, taken);
			if (taken == octets.length) {
				return reply;
			}
			// The chunk ended inside this line: what follows is the next command.
			String rest = new String(octets, taken, octets.length - taken, StandardCharsets.UTF_8);
			return rest.equals("\n") ? reply : reply.and(receive(rest.substring(0, rest.length() - 2)));
		}
		if (this.auth.isAwaitingResponse()) {
			return this.auth.response(line);
		}
		return command(line);
	}

	/**
	 * Refuses a line that ended in a bare LF instead of CRLF and closes the session: a
	 * bare LF is no line end (RFC 5321 section 2.3.8), and a server that takes it for one
	 * can be made to see a message end where the next server sees none (SMTP smuggling).
	 */
	public ServerReply bareLineFeed() {
		this.transaction.reset();
		this.auth.cancel();
		this.state.closed = true;
		return reply(Answer.BARE_LINE_FEED, this.state.settings.hostname());
	}

	/**
	 * Octets of a BDAT chunk still to be read; a line-based client sends them as lines, a
	 * byte stream hands them to {@link #receiveChunk}.
	 */
	public long pendingChunkOctets() {
		return this.bdat.pendingOctets();
	}

	/**
	 * Takes raw octets of the BDAT chunk being read, at most
	 * {@link #pendingChunkOctets()}; answers the chunk's reply once it is complete.
	 */
	public ServerReply receiveChunk(byte[] data, int offset, int length) {
		return this.bdat.receive(data, offset, length);
	}

	/**
	 * Whether the next lines are message content rather than commands.
	 */
	public boolean isReadingContent() {
		return this.transaction.isReadingData() || this.bdat.pendingOctets() > 0;
	}

	/**
	 * Whether the server has closed the session (after QUIT).
	 */
	public boolean isClosed() {
		return this.state.closed;
	}

	/**
	 * Whether the channel counts as encrypted: after STARTTLS, or from the start.
	 */
	public boolean isEncrypted() {
		return this.state.encrypted;
	}

	/**
	 * The last messages accepted in this session, oldest first.
	 */
	public List<Delivery> deliveries() {
		return this.transaction.deliveries();
	}

	/**
	 * Checks the command line as a whole (its length, RFC 5321 section 4.5.3.1.4, and its
	 * characters), then hands it to the phase its verb belongs to.
	 */
	private ServerReply command(String line) {
		int limit = MailParameters.lineLimit(line, this.state);
		if (line.getBytes(StandardCharsets.UTF_8).length + 2 > limit) {
			return reply(Answer.LINE_TOO_LONG, limit);
		}
		if (line.chars().anyMatch((c) -> c < 32 || c == 127)) {
			return reply(Answer.BAD_CHARACTERS);
		}
		String trimmed = line.stripTrailing();
		int space = trimmed.indexOf(' ');
		String verb = ((space < 0) ? trimmed : trimmed.substring(0, space)).toUpperCase(Locale.ROOT);
		String arguments = (space < 0) ? "" : trimmed.substring(space + 1).strip();
		return switch (verb) {
			case "EHLO" -> this.greeting.ehlo(arguments);
			case "HELO" -> this.greeting.helo(arguments);
			case "STARTTLS" -> this.greeting.starttls(arguments);
			case "MAIL" -> this.transaction.mail(arguments);
			case "RCPT" -> this.transaction.rcpt(arguments);
			case "DATA" -> this.transaction.data(arguments);
			case "BDAT" -> this.bdat.bdat(arguments);
			case "AUTH" -> this.auth.auth(arguments);
			case "RSET" -> this.commands.rset(arguments);
			case "NOOP" -> this.commands.noop(arguments);
			case "QUIT" -> this.commands.quit(arguments);
			case "VRFY" -> this.commands.vrfy(arguments);
			case "EXPN" -> this.commands.expn(arguments);
			case "HELP" -> this.commands.help(arguments);
			default -> this.commands.unknown(verb);
		};
	}

}
