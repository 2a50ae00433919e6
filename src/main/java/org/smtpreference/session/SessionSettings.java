package org.smtpreference.session;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How one simulated server behaves: its name, its limits and whether its channel starts
 * encrypted.
 *
 * @param hostname the name the server gives in its greeting and replies
 * @param maxMessageSize the largest message accepted in octets, announced with SIZE
 * @param maxRecipients the most recipients accepted in one transaction
 * @param maxLineLength the longest command line accepted in octets, CRLF included
 * @param implicitTls whether the channel is encrypted from the start, as on port 465, so
 * STARTTLS is neither offered nor needed
 * @param unknownMailboxes further mailboxes refused as unknown, beside the demo ones,
 * compared without case
 * @param greetingNote text added to the greeting line, or an empty string
 * @param queueIdSeed mixed into queue ids, so the same session gives the same ids and
 * different servers give different ones
 * @param authBeforeTls whether AUTH is offered on a plain channel too and then refused
 * with 538, as a legacy submission server did; RFC 4954 section 6 calls 538 historic and
 * a current server offers AUTH only once the channel is encrypted
 */
public record SessionSettings(String hostname, long maxMessageSize, int maxRecipients, int maxLineLength,
		boolean implicitTls, Set<String> unknownMailboxes, String greetingNote, long queueIdSeed,
		boolean authBeforeTls) {

	/** RFC 5321 section 4.5.3.1.4: a command line is at most 512 octets with its CRLF. */
	public static final int COMMAND_LINE_LIMIT = 512;

	/** RFC 5321 section 4.5.3.1.8 asks for at least 100 recipients per transaction. */
	public static final int RECIPIENT_LIMIT = 100;

	public SessionSettings {
		unknownMailboxes = unknownMailboxes.stream()
			.map((mailbox) -> mailbox.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
	}

	/**
	 * A current server, which offers AUTH only after STARTTLS.
	 */
	public SessionSettings(String hostname, long maxMessageSize, int maxRecipients, int maxLineLength,
			boolean implicitTls, Set<String> unknownMailboxes, String greetingNote, long queueIdSeed) {
		this(hostname, maxMessageSize, maxRecipients, maxLineLength, implicitTls, unknownMailboxes, greetingNote,
				queueIdSeed, false);
	}

	/**
	 * The playground's server: {@code mail.example.com}, 10 MiB messages, 100 recipients,
	 * 512-octet command lines, STARTTLS offered.
	 */
	public static SessionSettings defaults() {
		return new SessionSettings("mail.example.com", 10 * 1024 * 1024, RECIPIENT_LIMIT, COMMAND_LINE_LIMIT, false,
				Set.of(), "", 0);
	}

	public SessionSettings withImplicitTls(boolean implicitTls) {
		return new SessionSettings(this.hostname, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
				implicitTls, this.unknownMailboxes, this.greetingNote, this.queueIdSeed, this.authBeforeTls);
	}

	public SessionSettings withUnknownMailboxes(Set<String> unknownMailboxes) {
		return new SessionSettings(this.hostname, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
				this.implicitTls, unknownMailboxes, this.greetingNote, this.queueIdSeed, this.authBeforeTls);
	}

	public SessionSettings withMaxMessageSize(long maxMessageSize) {
		return new SessionSettings(this.hostname, maxMessageSize, this.maxRecipients, this.maxLineLength,
				this.implicitTls, this.unknownMailboxes, this.greetingNote, this.queueIdSeed, this.authBeforeTls);
	}

	public SessionSettings withHostname(String hostname) {
		return new SessionSettings(hostname, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
				this.implicitTls, this.unknownMailboxes, this.greetingNote, this.queueIdSeed, this.authBeforeTls);
	}

	public SessionSettings withAuthBeforeTls(boolean authBeforeTls) {
		return new SessionSettings(this.hostname, this.maxMessageSize, this.maxRecipients, this.maxLineLength,
				this.implicitTls, this.unknownMailboxes, this.greetingNote, this.queueIdSeed, authBeforeTls);
	}

}
