package org.smtpreference.sandbox;

import java.util.ArrayList;
import java.util.List;

import org.smtpreference.session.Delivery;

/**
 * A message the sandbox accepted, ready to show: its envelope, its header fields and the
 * first part of its body.
 *
 * @param queueId the id given in the 250 reply
 * @param reversePath the sender, or an empty string for the null reverse-path
 * @param recipients the accepted recipients
 * @param octets the size of the content
 * @param headers the header fields, unfolded, in order
 * @param body the start of the body
 * @param cut whether only the start of the content was kept
 */
public record MessageView(String queueId, String reversePath, List<String> recipients, long octets,
		List<Header> headers, String body, boolean cut) {

	/** Characters of the body shown. */
	static final int BODY_LIMIT = 4000;

	static MessageView of(Delivery delivery) {
		String head = delivery.head().replace("\r\n", "\n");
		int blank = head.startsWith("\n") ? 0 : head.indexOf("\n\n");
		String headerText = (blank < 0) ? head : head.substring(0, blank);
		String body = (blank < 0) ? "" : head.substring(blank + (head.startsWith("\n") ? 1 : 2));
		List<Header> headers = new ArrayList<>();
		for (String line : headerText.split("\n")) {
			if (line.isEmpty()) {
				continue;
			}
			if ((line.startsWith(" ") || line.startsWith("\t")) && !headers.isEmpty()) {
				Header last = headers.remove(headers.size() - 1);
				headers.add(new Header(last.name(), last.value() + " " + line.strip()));
				continue;
			}
			int colon = line.indexOf(':');
			headers.add((colon > 0) ? new Header(line.substring(0, colon), line.substring(colon + 1).strip())
					: new Header("", line));
		}
		boolean cut = delivery.octets() > delivery.head().length() || body.length() > BODY_LIMIT;
		return new MessageView(delivery.queueId(), delivery.reversePath(), delivery.recipients(), delivery.octets(),
				headers, TranscriptLine.visible(body, BODY_LIMIT, true), cut);
	}

	/**
	 * One header field.
	 *
	 * @param name the field name, or an empty string for a line without a colon
	 * @param value the unfolded value
	 */
	public record Header(String name, String value) {

		public Header {
			name = TranscriptLine.visible(name);
			value = TranscriptLine.visible(value);
		}

	}

}
