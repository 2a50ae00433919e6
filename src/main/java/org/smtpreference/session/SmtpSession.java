package org.smtpreference.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One session with the simulated SMTP server, from the greeting to QUIT. It is fed the
 * client's lines one at a time and answers each as RFC 5321 and the extensions it
 * announces (RFC 1870, 2920, 3030, 3207, 3461, 4954, 6152, 6531, 2034/3463) say. Every
 * mailbox at every domain is accepted except a few documented demo addresses that show
 * the failures readers meet in real life; nothing is ever sent anywhere. Not thread-safe:
 * one session serves one client.
 */
public final class SmtpSession {

	/** The demo account accepted by AUTH, as in the reference's AUTH examples. */
	public static final String DEMO_USER = "alice";

	/** The demo account's password. */
	public static final String DEMO_PASSWORD = "s3cret";

	/**
	 * RFC 4954 section 4: a line answering an AUTH challenge may be up to 12288 octets.
	 */
	private static final int AUTH_LINE_LIMIT = 12288;

	/**
	 * What the parameters of the announced extensions add to the base limit of a MAIL
	 * line: DSN's RET and ENVID (RFC 3461 section 5.4 asks for 1036-octet lines, 524
	 * more), AUTH= (RFC 4954 section 3: 500), SIZE= (RFC 1870 section 3: 26),
	 * BODY=BINARYMIME (RFC 3030 section 3: 16) and SMTPUTF8 (RFC 6531 section 3.1: 10).
	 */
	private static final int MAIL_PARAMETER_OCTETS = 524 + 500 + 26 + 16 + 10;

	/** DSN's NOTIFY and ORCPT on a RCPT line: RFC 3461 section 5.4's 1036 octets. */
	private static final int RCPT_PARAMETER_OCTETS = 524;

	/**
	 * RFC 5321 section 4.1.2: "spaces are not permitted on either side of the colon
	 * following FROM in the MAIL command or TO in the RCPT command". Many servers accept
	 * the space anyway (Postfix unless strict_rfc821_envelopes); the simulated one
	 * follows the grammar the reference teaches and says why it refuses.
	 */
	private static final String NO_SPACE_AFTER_COLON = "%s with no space after the colon";

	private static final int DELIVERIES_KEPT = 10;

	private static final Map<String, String> HELP_TOPICS = helpTopics();

	private static final Set<String> NOT_IMPLEMENTED = Set.of("SEND", "SOML", "SAML", "TURN", "ETRN", "ATRN", "LHLO");

	private enum Greeting {

		NONE, HELO, EHLO

	}

	private enum AuthStep {

		PLAIN, LOGIN_USER, LOGIN_PASSWORD

	}

	private final SessionSettings settings;

	private Greeting greeting = Greeting.NONE;

	private boolean encrypted;

	private String user;

	private AuthStep authStep;

	private String loginUser;

	private boolean closed;

	private final Set<String> greylisted = new HashSet<>();

	private final Deque<Delivery> deliveries = new ArrayDeque<>();

	private int messages;

	// The mail transaction: null reverse-path means none started.
	private String reversePath;

	private final List<String> recipients = new ArrayList<>();

	private int refusedRecipients;

	private boolean utf8;

	private boolean binary;

	private boolean readingData;

	private boolean chunked;

	private long octets;

	private final StringBuilder head = new StringBuilder();

	private long contentHash;

	// The BDAT chunk being read.
	private long chunkPending;

	private long chunkSize;

	private boolean chunkLast;

	private ServerReply chunkRefusal;

	public SmtpSession(SessionSettings settings) {
		this.settings = settings;
		this.encrypted = settings.implicitTls();
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
		String name = this.settings.hostname();
		String note = this.settings.greetingNote();
		return new ServerReply(
				List.of(Answer.fit(Answer.GREETING.line(false, name) + (note.isEmpty() ? "" : "; " + note))));
	}

	/**
	 * Answers one line from the client, given without its CRLF: a command, a line of
	 * message content, a line of a BDAT chunk or an answer to an AUTH challenge. Content
	 * lines get {@link ServerReply#NONE} until the content ends; after QUIT every line
	 * does.
	 */
	public ServerReply receive(String line) {
		if (this.closed) {
			return ServerReply.NONE;
		}
		if (this.chunkPending == 0 && line.indexOf('\n') >= 0) {
			return bareLineFeed();
		}
		if (this.readingData) {
			return dataLine(line);
		}
		if (this.chunkPending > 0) {
			byte[] octets = (line + "\r\n").getBytes(StandardCharsets.UTF_8);
			int taken = (int) Math.min(octets.length, this.chunkPending);
			ServerReply reply = receiveChunk(octets, 0, taken);
			if (taken == octets.length) {
				return reply;
			}
			// The chunk ended inside this line: what follows is the next command.
			String rest = new String(octets, taken, octets.length - taken, StandardCharsets.UTF_8);
			return rest.equals("\n") ? reply : reply.and(receive(rest.substring(0, rest.length() - 2)));
		}
		if (this.authStep != null) {
			return authResponse(line);
		}
		return command(line);
	}

	/**
	 * Refuses a line that ended in a bare LF instead of CRLF and closes the session: a
	 * bare LF is no line end (RFC 5321 section 2.3.8), and a server that takes it for one
	 * can be made to see a message end where the next server sees none (SMTP smuggling).
	 */
	public ServerReply bareLineFeed() {
		resetTransaction();
		this.authStep = null;
		this.closed = true;
		return reply(Answer.BARE_LINE_FEED, this.settings.hostname());
	}

	/**
	 * Octets of a BDAT chunk still to be read; a line-based client sends them as lines, a
	 * byte stream hands them to {@link #receiveChunk}.
	 */
	public long pendingChunkOctets() {
		return this.chunkPending;
	}

	/**
	 * Takes raw octets of the BDAT chunk being read, at most
	 * {@link #pendingChunkOctets()}; answers the chunk's reply once it is complete.
	 */
	public ServerReply receiveChunk(byte[] data, int offset, int length) {
		if (length <= 0 || length > this.chunkPending) {
			throw new IllegalArgumentException("Chunk octets out of range: " + length);
		}
		this.chunkPending -= length;
		if (this.chunkRefusal == null) {
			content(new String(data, offset, length, StandardCharsets.UTF_8), length);
		}
		return (this.chunkPending == 0) ? endOfChunk() : ServerReply.NONE;
	}

	/**
	 * Whether the next lines are message content rather than commands.
	 */
	public boolean isReadingContent() {
		return this.readingData || this.chunkPending > 0;
	}

	/**
	 * Whether the server has closed the session (after QUIT).
	 */
	public boolean isClosed() {
		return this.closed;
	}

	/**
	 * Whether the channel counts as encrypted: after STARTTLS, or from the start.
	 */
	public boolean isEncrypted() {
		return this.encrypted;
	}

	/**
	 * The last messages accepted in this session, oldest first.
	 */
	public List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	/**
	 * RFC 2034 sections 4 and 5: a server announcing ENHANCEDSTATUSCODES attaches the
	 * codes to every reply whether or not the client used EHLO; {@link Answer} leaves
	 * them off only where the RFC does (the greeting, HELO, EHLO and 3yz replies).
	 */
	private ServerReply reply(Answer answer, Object... arguments) {
		return answer.reply(true, arguments);
	}

	private ServerReply command(String line) {
		int limit = lineLimit(line);
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
			case "EHLO" -> hello(arguments, Greeting.EHLO);
			case "HELO" -> hello(arguments, Greeting.HELO);
			case "MAIL" -> mail(arguments);
			case "RCPT" -> rcpt(arguments);
			case "DATA" -> data(arguments);
			case "BDAT" -> bdat(arguments);
			case "RSET" -> rset(arguments);
			case "NOOP" -> reply(Answer.NOOP);
			case "QUIT" -> quit(arguments);
			case "VRFY" ->
				arguments.isEmpty() ? reply(Answer.SYNTAX, "VRFY <user or mailbox>") : reply(Answer.CANNOT_VERIFY);
			// RFC 5321 section 4.1.1.7: expn = "EXPN" SP String CRLF.
			case "EXPN" -> arguments.isEmpty() ? reply(Answer.SYNTAX, "EXPN <list>") : reply(Answer.CANNOT_EXPAND);
			case "HELP" -> help(arguments);
			case "STARTTLS" -> starttls(arguments);
			case "AUTH" -> auth(arguments);
			default -> NOT_IMPLEMENTED.contains(verb) ? reply(Answer.NOT_IMPLEMENTED, verb)
					: reply(Answer.UNKNOWN_COMMAND, verb.isEmpty() ? "(empty line)" : shorten(verb, 16));
		};
	}

	/**
	 * The longest command line accepted, CRLF included: RFC 5321 section 4.5.3.1.4's 512
	 * octets, raised for MAIL and RCPT by the extensions EHLO announced.
	 */
	private int lineLimit(String line) {
		int base = this.settings.maxLineLength();
		if (this.greeting != Greeting.EHLO) {
			return base;
		}
		if (line.regionMatches(true, 0, "MAIL ", 0, 5)) {
			return base + MAIL_PARAMETER_OCTETS;
		}
		return line.regionMatches(true, 0, "RCPT ", 0, 5) ? base + RCPT_PARAMETER_OCTETS : base;
	}

	private ServerReply hello(String arguments, Greeting kind) {
		String verb = kind.name();
		if (arguments.isEmpty() || arguments.contains(" ")
				|| !(MailPath.isDomain(arguments) || MailPath.isAddressLiteral(arguments))) {
			return reply(Answer.SYNTAX, verb + " <domain or address literal>");
		}
		resetTransaction();
		this.greeting = kind;
		String name = this.settings.hostname();
		if (kind == Greeting.HELO) {
			return Answer.HELO.reply(false, name, arguments);
		}
		List<String> keywords = new ArrayList<>();
		keywords.add("PIPELINING");
		keywords.add("SIZE " + this.settings.maxMessageSize());
		keywords.add("8BITMIME");
		keywords.add("BINARYMIME");
		keywords.add("SMTPUTF8");
		keywords.add("ENHANCEDSTATUSCODES");
		if (!this.encrypted) {
			keywords.add("STARTTLS");
		}
		// RFC 4954 section 6: a current server does not advertise mechanisms that need
		// encryption before the channel has it.
		if (this.encrypted || this.settings.authBeforeTls()) {
			keywords.add("AUTH PLAIN LOGIN");
		}
		keywords.add("CHUNKING");
		keywords.add("DSN");
		keywords.add("HELP");
		return Answer.EHLO.reply(false, keywords, name, arguments);
	}

	private ServerReply mail(String arguments) {
		if (this.greeting == Greeting.NONE) {
			return reply(Answer.BAD_SEQUENCE, "send EHLO or HELO first");
		}
		if (this.reversePath != null) {
			return reply(Answer.BAD_SEQUENCE, "sender already given; send RSET to start again");
		}
		if (!arguments.regionMatches(true, 0, "FROM:", 0, 5)) {
			return reply(Answer.SYNTAX, "MAIL FROM:<address> [parameters]");
		}
		if (arguments.startsWith(" ", 5)) {
			return reply(Answer.SYNTAX, NO_SPACE_AFTER_COLON.formatted("MAIL FROM:<address>"));
		}
		MailPath path = MailPath.parse(arguments.substring(5), true);
		if (path == null) {
			return reply(Answer.BAD_SENDER_SYNTAX, shorten(arguments.substring(5).strip(), 80));
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		ServerReply refusal = parameters(path.rest(), parameters);
		if (refusal != null) {
			return refusal;
		}
		boolean smtputf8 = false;
		boolean binaryBody = false;
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			String value = parameter.getValue();
			switch (parameter.getKey()) {
				case "SIZE" -> {
					if (value == null || !value.matches("\\d{1,20}")) {
						return reply(Answer.PARAMETER_SYNTAX, "SIZE=<octets>");
					}
					if (value.length() > 18 || Long.parseLong(value) > this.settings.maxMessageSize()) {
						return reply(Answer.TOO_BIG, this.settings.maxMessageSize());
					}
				}
				case "BODY" -> {
					String body = (value != null) ? value.toUpperCase(Locale.ROOT) : "";
					if (!Set.of("7BIT", "8BITMIME", "BINARYMIME").contains(body)) {
						return reply(Answer.PARAMETER_SYNTAX, "BODY=7BIT, BODY=8BITMIME or BODY=BINARYMIME");
					}
					binaryBody = body.equals("BINARYMIME");
				}
				case "SMTPUTF8" -> {
					if (value != null) {
						return reply(Answer.PARAMETER_SYNTAX, "SMTPUTF8 takes no value");
					}
					smtputf8 = true;
				}
				case "RET" -> {
					if (value == null || !Set.of("FULL", "HDRS").contains(value.toUpperCase(Locale.ROOT))) {
						return reply(Answer.PARAMETER_SYNTAX, "RET=FULL or RET=HDRS");
					}
				}
				case "ENVID" -> {
					if (value == null || value.length() > 100 || !isXtext(value)) {
						return reply(Answer.PARAMETER_SYNTAX, "ENVID=<xtext, at most 100 characters>");
					}
				}
				case "AUTH" -> {
					if (value == null || !(value.equals("<>") || isXtext(value))) {
						return reply(Answer.PARAMETER_SYNTAX, "AUTH=<xtext> or AUTH=<>");
					}
				}
				default -> {
					return reply(Answer.PARAMETER_UNKNOWN, parameter.getKey());
				}
			}
		}
		if (path.isInternational() && !smtputf8) {
			return reply(Answer.SENDER_NEEDS_SMTPUTF8, shorten(path.mailbox(), 80));
		}
		if (path.localPart().equalsIgnoreCase("blocked")) {
			return reply(Answer.POLICY_REJECTED, path.mailbox());
		}
		this.reversePath = path.mailbox();
		this.utf8 = smtputf8;
		this.binary = binaryBody;
		return reply(Answer.SENDER_OK, path.mailbox());
	}

	private ServerReply rcpt(String arguments) {
		if (this.reversePath == null) {
			return reply(Answer.BAD_SEQUENCE, "send MAIL FROM first");
		}
		if (!arguments.regionMatches(true, 0, "TO:", 0, 3)) {
			return reply(Answer.SYNTAX, "RCPT TO:<address> [parameters]");
		}
		if (arguments.startsWith(" ", 3)) {
			return reply(Answer.SYNTAX, NO_SPACE_AFTER_COLON.formatted("RCPT TO:<address>"));
		}
		MailPath path = MailPath.parse(arguments.substring(3), false);
		if (path == null) {
			return reply(Answer.BAD_RECIPIENT_SYNTAX, shorten(arguments.substring(3).strip(), 80));
		}
		Map<String, String> parameters = new LinkedHashMap<>();
		ServerReply refusal = parameters(path.rest(), parameters);
		if (refusal != null) {
			return refusal;
		}
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			String value = parameter.getValue();
			switch (parameter.getKey()) {
				case "NOTIFY" -> {
					if (value == null || !validNotify(value.toUpperCase(Locale.ROOT))) {
						return reply(Answer.PARAMETER_SYNTAX, "NOTIFY=NEVER or NOTIFY=SUCCESS,FAILURE,DELAY");
					}
				}
				case "ORCPT" -> {
					if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9-]*;.+")
							|| !isXtext(value.substring(value.indexOf(';') + 1))) {
						return reply(Answer.PARAMETER_SYNTAX, "ORCPT=<address type>;<xtext address>");
					}
				}
				default -> {
					return reply(Answer.PARAMETER_UNKNOWN, parameter.getKey());
				}
			}
		}
		if (path.isInternational() && !this.utf8) {
			return reply(Answer.NEEDS_SMTPUTF8, shorten(path.mailbox(), 80));
		}
		if (this.recipients.size() >= this.settings.maxRecipients()) {
			return reply(Answer.TOO_MANY_RECIPIENTS, this.settings.maxRecipients());
		}
		String mailbox = path.mailbox();
		String local = path.localPart().toLowerCase(Locale.ROOT);
		String domain = path.domain();
		ServerReply demo = null;
		if (domain.equals("invalid") || domain.endsWith(".invalid")) {
			demo = reply(Answer.RELAY_DENIED, mailbox);
		}
		else if (local.equals("nobody")
				|| this.settings.unknownMailboxes().contains(mailbox.toLowerCase(Locale.ROOT))) {
			demo = reply(Answer.UNKNOWN_USER, mailbox);
		}
		else if (local.equals("full")) {
			demo = reply(Answer.MAILBOX_FULL, mailbox);
		}
		else if (local.equals("greylist") && this.greylisted.add(mailbox.toLowerCase(Locale.ROOT))) {
			demo = reply(Answer.GREYLISTED, mailbox);
		}
		if (demo != null) {
			this.refusedRecipients++;
			return demo;
		}
		this.recipients.add(mailbox);
		return reply(Answer.RECIPIENT_OK, mailbox);
	}

	private ServerReply data(String arguments) {
		if (!arguments.isEmpty()) {
			return reply(Answer.SYNTAX, "DATA");
		}
		ServerReply refusal = transactionReady("DATA");
		if (refusal != null) {
			return refusal;
		}
		if (this.binary) {
			return reply(Answer.BAD_SEQUENCE, "BODY=BINARYMIME content must be sent with BDAT, not DATA");
		}
		if (this.chunked) {
			return reply(Answer.BAD_SEQUENCE, "this message is being sent with BDAT");
		}
		this.readingData = true;
		return reply(Answer.START_DATA);
	}

	private ServerReply transactionReady(String verb) {
		if (this.reversePath == null) {
			return reply(Answer.BAD_SEQUENCE, "send MAIL FROM before " + verb);
		}
		if (this.recipients.isEmpty()) {
			return (this.refusedRecipients > 0) ? reply(Answer.NO_VALID_RECIPIENTS)
					: reply(Answer.BAD_SEQUENCE, "send RCPT TO before " + verb);
		}
		return null;
	}

	private ServerReply dataLine(String line) {
		if (line.equals(".")) {
			this.readingData = false;
			return endOfMessage();
		}
		// RFC 5321 section 4.5.2: a leading dot was doubled by the client; take one away.
		String text = line.startsWith(".") ? line.substring(1) : line;
		content(text + "\r\n", text.getBytes(StandardCharsets.UTF_8).length + 2);
		return ServerReply.NONE;
	}

	private void content(String text, int length) {
		this.octets += length;
		this.contentHash = this.contentHash * 31 + text.hashCode();
		int room = Delivery.HEAD_LIMIT - this.head.length();
		if (room > 0) {
			this.head.append(text, 0, Math.min(room, text.length()));
		}
	}

	private ServerReply endOfMessage() {
		ServerReply reply;
		if (this.octets > this.settings.maxMessageSize()) {
			reply = reply(Answer.TOO_BIG, this.settings.maxMessageSize());
		}
		else {
			this.messages++;
			String id = queueId();
			this.deliveries
				.addLast(new Delivery(id, this.reversePath, this.recipients, this.octets, this.head.toString()));
			if (this.deliveries.size() > DELIVERIES_KEPT) {
				this.deliveries.removeFirst();
			}
			reply = reply(Answer.QUEUED, this.octets, id);
		}
		resetTransaction();
		return reply;
	}

	private String queueId() {
		long x = this.settings.queueIdSeed() ^ (this.messages * 0x9E3779B97F4A7C15L) ^ this.contentHash
				^ (this.octets << 17);
		x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
		x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
		x = x ^ (x >>> 31);
		return String.format(Locale.ROOT, "%010X", x & 0xFFFFFFFFFFL);
	}

	private ServerReply bdat(String arguments) {
		String[] parts = arguments.split(" ");
		if (arguments.isEmpty() || parts.length > 2 || !parts[0].matches("\\d{1,18}")
				|| (parts.length == 2 && !parts[1].equalsIgnoreCase("LAST"))) {
			return reply(Answer.SYNTAX, "BDAT <size> [LAST]");
		}
		long size = Long.parseLong(parts[0]);
		boolean last = parts.length == 2;
		// RFC 3030 section 2: the chunk's octets are read even when the command is
		// refused.
		ServerReply refusal = (this.greeting != Greeting.EHLO)
				? reply(Answer.BAD_SEQUENCE, "BDAT needs EHLO, which announces CHUNKING") : transactionReady("BDAT");
		if (refusal == null && this.octets + size > this.settings.maxMessageSize()) {
			refusal = reply(Answer.TOO_BIG, this.settings.maxMessageSize());
			resetTransaction();
		}
		this.chunkRefusal = refusal;
		this.chunkSize = size;
		this.chunkLast = last;
		this.chunkPending = size;
		if (refusal == null) {
			this.chunked = true;
		}
		return (size == 0) ? endOfChunk() : ServerReply.NONE;
	}

	private ServerReply endOfChunk() {
		if (this.chunkRefusal != null) {
			ServerReply refusal = this.chunkRefusal;
			this.chunkRefusal = null;
			return refusal;
		}
		if (this.chunkLast) {
			return endOfMessage();
		}
		return reply(Answer.CHUNK_RECEIVED, this.chunkSize);
	}

	private ServerReply rset(String arguments) {
		if (!arguments.isEmpty()) {
			return reply(Answer.SYNTAX, "RSET");
		}
		resetTransaction();
		return reply(Answer.RESET);
	}

	private ServerReply quit(String arguments) {
		if (!arguments.isEmpty()) {
			return reply(Answer.SYNTAX, "QUIT");
		}
		this.closed = true;
		return reply(Answer.CLOSING, this.settings.hostname());
	}

	private ServerReply help(String arguments) {
		if (arguments.isEmpty()) {
			return Answer.HELP.reply(true, List.of(Answer.HELP_END.text()), String.join(" ", HELP_TOPICS.keySet()));
		}
		String topic = HELP_TOPICS.get(arguments.toUpperCase(Locale.ROOT));
		return (topic != null) ? reply(Answer.HELP_TOPIC, topic) : reply(Answer.HELP_UNKNOWN, shorten(arguments, 16));
	}

	private ServerReply starttls(String arguments) {
		if (!arguments.isEmpty()) {
			return reply(Answer.SYNTAX, "STARTTLS");
		}
		if (this.encrypted) {
			return reply(Answer.BAD_SEQUENCE, "TLS is already active");
		}
		if (this.greeting != Greeting.EHLO) {
			return reply(Answer.BAD_SEQUENCE, "send EHLO first; it announces STARTTLS");
		}
		if (this.reversePath != null) {
			return reply(Answer.BAD_SEQUENCE, "a mail transaction is in progress; send RSET first");
		}
		ServerReply ready = reply(Answer.TLS_READY);
		// RFC 3207 section 4.2: after the handshake the server forgets all it knew.
		this.encrypted = true;
		this.greeting = Greeting.NONE;
		this.user = null;
		resetTransaction();
		return ready;
	}

	private ServerReply auth(String arguments) {
		if (this.greeting != Greeting.EHLO) {
			return reply(Answer.BAD_SEQUENCE, "send EHLO first; it announces AUTH");
		}
		if (!this.encrypted && !this.settings.authBeforeTls()) {
			return reply(Answer.BAD_SEQUENCE, "AUTH is offered only after STARTTLS");
		}
		if (this.user != null) {
			return reply(Answer.BAD_SEQUENCE, "already authenticated");
		}
		if (this.reversePath != null) {
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
		if (!this.encrypted) {
			return reply(Answer.AUTH_NEEDS_TLS);
		}
		String initial = (parts.length == 2) ? parts[1] : null;
		// RFC 4954 section 4: "=" is an initial response that is present but empty.
		if ("=".equals(initial)) {
			initial = "";
		}
		if (mechanism.equals("PLAIN")) {
			if (initial == null) {
				this.authStep = AuthStep.PLAIN;
				return reply(Answer.AUTH_CHALLENGE, "");
			}
			return plain(initial);
		}
		if (initial == null) {
			this.authStep = AuthStep.LOGIN_USER;
			return reply(Answer.AUTH_CHALLENGE, base64("Username:"));
		}
		this.authStep = AuthStep.LOGIN_USER;
		return authResponse(initial);
	}

	private ServerReply authResponse(String line) {
		AuthStep step = this.authStep;
		this.authStep = null;
		if (line.equals("*")) {
			return reply(Answer.AUTH_CANCELLED);
		}
		if (line.getBytes(StandardCharsets.UTF_8).length > AUTH_LINE_LIMIT) {
			return reply(Answer.AUTH_LINE_TOO_LONG);
		}
		return switch (step) {
			case PLAIN -> plain(line);
			case LOGIN_USER -> {
				String name = decode(line);
				if (name == null) {
					yield reply(Answer.AUTH_MALFORMED, "not valid base64");
				}
				this.loginUser = name;
				this.authStep = AuthStep.LOGIN_PASSWORD;
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
			this.user = name;
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

	/**
	 * Reads ESMTP parameters (RFC 5321 section 4.1.2) into upper-case keywords and their
	 * values, or answers the refusal.
	 */
	private ServerReply parameters(String text, Map<String, String> into) {
		if (text.isEmpty()) {
			return null;
		}
		if (this.greeting != Greeting.EHLO) {
			return reply(Answer.PARAMETER_UNKNOWN, "no extensions after HELO");
		}
		for (String token : text.split(" +")) {
			int equals = token.indexOf('=');
			String keyword = ((equals < 0) ? token : token.substring(0, equals)).toUpperCase(Locale.ROOT);
			String value = (equals < 0) ? null : token.substring(equals + 1);
			if (!keyword.matches("[A-Z0-9][A-Z0-9-]*") || (value != null
					&& (value.isEmpty() || !value.chars().allMatch((c) -> c >= 33 && c <= 126 && c != '=')))) {
				return reply(Answer.PARAMETER_SYNTAX, shorten(token, 40));
			}
			if (into.containsKey(keyword)) {
				return reply(Answer.PARAMETER_SYNTAX, keyword + " given twice");
			}
			into.put(keyword, value);
		}
		return null;
	}

	private static boolean isXtext(String value) {
		// RFC 3461 section 4: printable ASCII but "+" and "=", which are written +XX.
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '+') {
				if (i + 2 >= value.length() || !isHexDigit(value.charAt(i + 1)) || !isHexDigit(value.charAt(i + 2))) {
					return false;
				}
				i += 2;
			}
			else if (c < 33 || c > 126 || c == '=') {
				return false;
			}
		}
		return !value.isEmpty();
	}

	private static boolean isHexDigit(char c) {
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
	}

	private static boolean validNotify(String value) {
		if (value.equals("NEVER")) {
			return true;
		}
		Set<String> seen = new HashSet<>();
		for (String part : value.split(",", -1)) {
			if (!Set.of("SUCCESS", "FAILURE", "DELAY").contains(part) || !seen.add(part)) {
				return false;
			}
		}
		return true;
	}

	private void resetTransaction() {
		this.reversePath = null;
		this.recipients.clear();
		this.refusedRecipients = 0;
		this.utf8 = false;
		this.binary = false;
		this.readingData = false;
		this.chunked = false;
		this.octets = 0;
		this.head.setLength(0);
		this.contentHash = 0;
	}

	private static String shorten(String text, int limit) {
		// Three dots, not U+2026: a reply is US-ASCII (RFC 5321 section 4.2).
		return (text.length() > limit) ? text.substring(0, limit) + "..." : text;
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
