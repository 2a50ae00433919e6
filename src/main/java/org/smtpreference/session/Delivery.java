package org.smtpreference.session;

import java.util.List;

/**
 * A message the simulated server accepted, and then discarded: its envelope, its size and
 * the start of its content, for a live view of the session.
 *
 * @param queueId the id given in the 250 reply
 * @param reversePath the sender, empty for the null reverse-path
 * @param recipients the accepted recipients
 * @param octets the size of the content as received, after dot-unstuffing
 * @param head the start of the content, at most {@link #HEAD_LIMIT} characters
 */
public record Delivery(String queueId, String reversePath, List<String> recipients, long octets, String head) {

	/** How much of a message's content is kept. */
	public static final int HEAD_LIMIT = 8192;

	public Delivery {
		recipients = List.copyOf(recipients);
	}

}
