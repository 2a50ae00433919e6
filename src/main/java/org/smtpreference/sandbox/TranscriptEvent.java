package org.smtpreference.sandbox;

/**
 * What happens to a transcript while a reader watches: a new line, a message accepted,
 * the connection closed, or the site stopping.
 *
 * @param kind what happened
 * @param index the new line's place in the transcript, from 0, for {@link Kind#LINE} only
 * @param line the new line, for {@link Kind#LINE} only
 */
public record TranscriptEvent(Kind kind, int index, TranscriptLine line) {

	static final TranscriptEvent DELIVERY = new TranscriptEvent(Kind.DELIVERY, -1, null);

	static final TranscriptEvent CLOSED = new TranscriptEvent(Kind.CLOSED, -1, null);

	static final TranscriptEvent STOPPING = new TranscriptEvent(Kind.STOPPING, -1, null);

	static TranscriptEvent line(int index, TranscriptLine line) {
		return new TranscriptEvent(Kind.LINE, index, line);
	}

	/**
	 * What happened.
	 */
	public enum Kind {

		/** A line was added. */
		LINE,

		/** A message was accepted. */
		DELIVERY,

		/** The connection closed. */
		CLOSED,

		/** This replica of the site is stopping: the reader comes back later. */
		STOPPING

	}

}
