package org.smtpreference.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.smtpreference.session.Answer.reply;
import static org.smtpreference.session.Answer.shorten;

/**
 * The mail transaction (RFC 5321 section 3.3): MAIL FROM, RCPT TO with the demo
 * mailboxes' refusals, DATA and its content up to the lone dot, and the message accepted
 * at the end, whichever of DATA or BDAT carried it.
 */
final class MailTransactionPhase {

	/**
	 * RFC 5321 section 4.1.2: "spaces are not permitted on either side of the colon
	 * following FROM in the MAIL command or TO in the RCPT command". Many servers accept
	 * the space anyway (Postfix unless strict_rfc821_envelopes); the simulated one
	 * follows the grammar the reference teaches and says why it refuses.
	 */
	private static final String NO_SPACE_AFTER_COLON = "%s with no space after the colon";

	private static final int DELIVERIES_KEPT = 10;

	private final SessionState state;

	// Greylisting and the deliveries outlive one transaction: they belong to the session.
	private final Set<String> greylisted = new HashSet<>();

	private final Deque<Delivery> deliveries = new ArrayDeque<>();

	private int messages;

	// The transaction itself: a null reverse-path means none started.
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

	MailTransactionPhase(SessionState state) {
		this.state = state;
	}

	ServerReply mail(String arguments) {
		if (this.state.greeting == SessionState.Greeting.NONE) {
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
		ServerReply refusal = MailParameters.read(path.rest(), this.state, parameters);
		if (refusal == null) {
			refusal = MailParameters.checkMail(parameters, this.state.settings.maxMessageSize());
		}
		if (refusal != null) {
			return refusal;
		}
		boolean smtputf8 = parameters.containsKey("SMTPUTF8");
		if (path.isInternational() && !smtputf8) {
			return reply(Answer.SENDER_NEEDS_SMTPUTF8, shorten(path.mailbox(), 80));
		}
		if (path.localPart().equalsIgnoreCase("blocked")) {
			return reply(Answer.POLICY_REJECTED, path.mailbox());
		}
		this.reversePath = path.mailbox();
		this.utf8 = smtputf8;
		this.binary = MailParameters.body(parameters).equals("BINARYMIME");
		return reply(Answer.SENDER_OK, path.mailbox());
	}

	ServerReply rcpt(String arguments) {
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
		ServerReply refusal = MailParameters.read(path.rest(), this.state, parameters);
		if (refusal == null) {
			refusal = MailParameters.checkRcpt(parameters);
		}
		if (refusal != null) {
			return refusal;
		}
		if (path.isInternational() && !this.utf8) {
			return reply(Answer.NEEDS_SMTPUTF8, shorten(path.mailbox(), 80));
		}
		int limit = this.state.settings.maxRecipients();
		if (this.recipients.size() >= limit) {
			return reply(Answer.TOO_MANY_RECIPIENTS, limit);
		}
		ServerReply demo = demoRefusal(path);
		if (demo != null) {
			this.refusedRecipients++;
			return demo;
		}
		this.recipients.add(path.mailbox());
		return reply(Answer.RECIPIENT_OK, path.mailbox());
	}

	/**
	 * The failures readers meet in real life, shown by documented demo recipients: a
	 * relay refused, an unknown user, a full mailbox, a greylisted first try.
	 */
	private ServerReply demoRefusal(MailPath path) {
		String mailbox = path.mailbox();
		String local = path.localPart().toLowerCase(Locale.ROOT);
		String domain = path.domain();
		if (domain.equals("invalid") || domain.endsWith(".invalid")) {
			return reply(Answer.RELAY_DENIED, mailbox);
		}
		if (local.equals("nobody")
				|| this.state.settings.unknownMailboxes().contains(mailbox.toLowerCase(Locale.ROOT))) {
			return reply(Answer.UNKNOWN_USER, mailbox);
		}
		if (local.equals("full")) {
			return reply(Answer.MAILBOX_FULL, mailbox);
		}
		if (local.equals("greylist") && this.greylisted.add(mailbox.toLowerCase(Locale.ROOT))) {
			return reply(Answer.GREYLISTED, mailbox);
		}
		return null;
	}

	ServerReply data(String arguments) {
		if (!arguments.isEmpty()) {
			return reply(Answer.SYNTAX, "DATA");
		}
		ServerReply refusal = ready("DATA");
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

	/**
	 * Whether a transaction has begun with MAIL FROM.
	 */
	boolean isInProgress() {
		return this.reversePath != null;
	}

	/**
	 * Whether the lines received are DATA's content.
	 */
	boolean isReadingData() {
		return this.readingData;
	}

	/**
	 * Answers why the content cannot start yet, or {@code null} when a sender and at
	 * least one recipient were accepted.
	 */
	ServerReply ready(String verb) {
		if (this.reversePath == null) {
			return reply(Answer.BAD_SEQUENCE, "send MAIL FROM before " + verb);
		}
		if (this.recipients.isEmpty()) {
			return (this.refusedRecipients > 0) ? reply(Answer.NO_VALID_RECIPIENTS)
					: reply(Answer.BAD_SEQUENCE, "send RCPT TO before " + verb);
		}
		return null;
	}

	/**
	 * Takes one line of DATA's content, without its CRLF.
	 */
	ServerReply dataLine(String line) {
		if (line.equals(".")) {
			this.readingData = false;
			return endOfMessage();
		}
		// RFC 5321 section 4.5.2: a leading dot was doubled by the client; take one away.
		String text = line.startsWith(".") ? line.substring(1) : line;
		content(text + "\r\n", text.getBytes(StandardCharsets.UTF_8).length + 2);
		return ServerReply.NONE;
	}

	/**
	 * The octets of content received so far in this transaction.
	 */
	long octets() {
		return this.octets;
	}

	/**
	 * Notes that BDAT carries this message, so DATA may no longer (RFC 3030 section 2).
	 */
	void markChunked() {
		this.chunked = true;
	}

	/**
	 * Counts content and keeps its start for the live view.
	 */
	void content(String text, int length) {
		this.octets += length;
		this.contentHash = this.contentHash * 31 + text.hashCode();
		int room = Delivery.HEAD_LIMIT - this.head.length();
		if (room > 0) {
			this.head.append(text, 0, Math.min(room, text.length()));
		}
	}

	/**
	 * Accepts the message, or refuses it when it is larger than announced, and ends the
	 * transaction either way.
	 */
	ServerReply endOfMessage() {
		ServerReply reply;
		long limit = this.state.settings.maxMessageSize();
		if (this.octets > limit) {
			reply = reply(Answer.TOO_BIG, limit);
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
		reset();
		return reply;
	}

	private String queueId() {
		long x = this.state.settings.queueIdSeed() ^ (this.messages * 0x9E3779B97F4A7C15L) ^ this.contentHash
				^ (this.octets << 17);
		x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
		x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
		x = x ^ (x >>> 31);
		return String.format(Locale.ROOT, "%010X", x & 0xFFFFFFFFFFL);
	}

	/**
	 * The last messages accepted in this session, oldest first.
	 */
	List<Delivery> deliveries() {
		return List.copyOf(this.deliveries);
	}

	/**
	 * Forgets the transaction, as RSET, a new greeting, STARTTLS and the end of a message
	 * do (RFC 5321 section 4.1.1.5).
	 */
	void reset() {
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

}
