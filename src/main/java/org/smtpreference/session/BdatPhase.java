package org.smtpreference.session;

import java.nio.charset.StandardCharsets;

import static org.smtpreference.session.Answer.reply;

/**
 * BDAT (RFC 3030 CHUNKING): the command, the chunk of exactly the announced octets that
 * follows it, refused or not, and the reply once the chunk is complete.
 */
final class BdatPhase {

	private final SessionState state;

	private final MailTransactionPhase transaction;

	// The chunk being read.
	private long pending;

	private long size;

	private boolean last;

	private ServerReply refusal;

	BdatPhase(SessionState state, MailTransactionPhase transaction) {
		this.state = state;
		this.transaction = transaction;
	}

	ServerReply bdat(String arguments) {
		String[] parts = arguments.split(" ");
		if (arguments.isEmpty() || parts.length > 2 || !parts[0].matches("\\d{1,18}")
				|| (parts.length == 2 && !parts[1].equalsIgnoreCase("LAST"))) {
			return reply(Answer.SYNTAX, "BDAT <size> [LAST]");
		}
		long chunk = Long.parseLong(parts[0]);
		// RFC 3030 section 2: the chunk's octets are read even when the command is
		// refused.
		ServerReply refused = !this.state.usedEhlo()
				? reply(Answer.BAD_SEQUENCE, "BDAT needs EHLO, which announces CHUNKING")
				: this.transaction.ready("BDAT");
		long limit = this.state.settings.maxMessageSize();
		if (refused == null && this.transaction.octets() + chunk > limit) {
			refused = reply(Answer.TOO_BIG, limit);
			this.transaction.reset();
		}
		this.refusal = refused;
		this.size = chunk;
		this.last = parts.length == 2;
		this.pending = chunk;
		if (refused == null) {
			this.transaction.markChunked();
		}
		return (chunk == 0) ? endOfChunk() : ServerReply.NONE;
	}

	/**
	 * Octets of the chunk still to be read.
	 */
	long pendingOctets() {
		return this.pending;
	}

	/**
	 * Takes raw octets of the chunk, at most {@link #pendingOctets()}; answers the
	 * chunk's reply once it is complete.
	 */
	ServerReply receive(byte[] data, int offset, int length) {
		if (length <= 0 || length > this.pending) {
			throw new IllegalArgumentException("Chunk octets out of range: " + length);
		}
		this.pending -= length;
		if (this.refusal == null) {
			this.transaction.content(new String(data, offset, length, StandardCharsets.UTF_8), length);
		}
		return (this.pending == 0) ? endOfChunk() : ServerReply.NONE;
	}

	private ServerReply endOfChunk() {
		if (this.refusal != null) {
			ServerReply refused = this.refusal;
			this.refusal = null;
			return refused;
		}
		if (this.last) {
			return this.transaction.endOfMessage();
		}
		return reply(Answer.CHUNK_RECEIVED, this.size);
	}

}
