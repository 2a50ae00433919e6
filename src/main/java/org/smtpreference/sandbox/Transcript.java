package org.smtpreference.sandbox;

import java.util.List;

import org.smtpreference.session.Delivery;

/**
 * A snapshot of one sandbox session: its lines, the messages it handed over and whether
 * it is still open.
 *
 * @param id the unguessable session id named in the greeting
 * @param started when the connection opened, in milliseconds since the epoch
 * @param open whether the connection is still open
 * @param truncated whether lines were dropped to keep within the memory limits
 * @param lines the exchange, in order
 * @param deliveries the messages accepted (and discarded), oldest first
 */
public record Transcript(String id, long started, boolean open, boolean truncated, List<TranscriptLine> lines,
		List<Delivery> deliveries) {

	public Transcript {
		lines = List.copyOf(lines);
		deliveries = List.copyOf(deliveries);
	}

}
