package org.smtpreference.decode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the delivery-status part of an RFC 3464 notification in a pasted text (its
 * per-recipient blocks, with folded fields joined), and finds the parts of a whole MIME
 * report that return the original message, whose headers say nothing about the delivery.
 * Everything here is read by hand, one pass over the lines, so its cost grows with the
 * text's length and no faster.
 */
final class DeliveryStatus {

	/** The per-recipient fields read (RFC 3464, section 2.3), by lower-case name. */
	static final Set<String> FIELDS = Set.of("final-recipient", "original-recipient", "action", "status", "remote-mta",
			"diagnostic-code", "last-attempt-date", "will-retry-until");

	/** MIME types of the part that returns the original message or its headers. */
	private static final Set<String> RETURNED = Set.of("message/rfc822", "text/rfc822-headers",
			"message/rfc822-headers", "message/global", "message/global-headers");

	/** The longest field value kept: a folded Diagnostic-Code is a few hundred. */
	private static final int MAX_VALUE = 1000;

	/** How many MIME boundaries are followed: a report nests two or three. */
	private static final int MAX_BOUNDARIES = 8;

	/** The most recipients read from one text. */
	static final int MAX_RECIPIENTS = 100;

	private DeliveryStatus() {
	}

	/**
	 * Which lines belong to a MIME part that returns the original message
	 * ({@code message/rfc822}, {@code text/rfc822-headers} …): from the blank line after
	 * the part's own headers up to the next boundary of the report.
	 */
	static boolean[] returnedLines(List<String> lines) {
		boolean[] returned = new boolean[lines.size()];
		Set<String> boundaries = new HashSet<>();
		boolean inPartHeaders = false;
		boolean skipping = false;
		String partType = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i);
			if (line.startsWith("--") && isBoundary(line, boundaries)) {
				skipping = false;
				inPartHeaders = true;
				partType = null;
				continue;
			}
			if (skipping) {
				returned[i] = true;
				continue;
			}
			if (startsWithIgnoreCase(line, "content-type:")) {
				StringBuilder value = new StringBuilder(line.substring("content-type:".length()));
				for (int j = i + 1; j < lines.size() && isFolded(lines.get(j)) && value.length() < MAX_VALUE; j++) {
					value.append(' ').append(lines.get(j).strip());
				}
				String type = value.toString().strip().toLowerCase(Locale.ROOT);
				String boundary = boundary(type, value.toString());
				if (boundary != null && boundaries.size() < MAX_BOUNDARIES) {
					boundaries.add(boundary);
				}
				if (inPartHeaders) {
					int semicolon = type.indexOf(';');
					partType = ((semicolon >= 0) ? type.substring(0, semicolon) : type).strip();
				}
			}
			if (inPartHeaders && line.isBlank()) {
				inPartHeaders = false;
				skipping = partType != null && RETURNED.contains(partType);
			}
		}
		return returned;
	}

	/**
	 * The recipients of every delivery-status block in the text: a block of fields
	 * (separated from the next by a blank line or by another {@code Final-Recipient})
	 * that names a recipient and an action or status. Lines of returned parts are left
	 * out.
	 */
	static List<Block> recipients(List<String> lines, boolean[] returned) {
		List<Block> blocks = new ArrayList<>();
		Map<String, String> fields = new LinkedHashMap<>();
		String name = null;
		boolean inField = false;
		StringBuilder value = new StringBuilder();
		int first = -1;
		for (int i = 0; i <= lines.size() && blocks.size() < MAX_RECIPIENTS; i++) {
			String line = (i < lines.size() && !returned[i]) ? lines.get(i) : "";
			if (inField && isFolded(line)) {
				// A folded line continues the field before it (RFC 5322, section 2.2.3).
				if (name != null && value.length() < MAX_VALUE) {
					value.append(' ').append(line.strip());
				}
				continue;
			}
			if (name != null) {
				fields.putIfAbsent(name, clip(value.toString().strip()));
				name = null;
			}
			int colon = line.indexOf(':');
			String field = (colon > 0 && isFieldName(line, colon)) ? line.substring(0, colon).toLowerCase(Locale.ROOT)
					: null;
			if (field == null || "final-recipient".equals(field) && fields.containsKey(field)) {
				// A line that is no field, or a second recipient: the block so far is
				// done.
				add(blocks, fields, first);
				fields.clear();
				first = i;
			}
			inField = field != null;
			if (field != null) {
				if (fields.isEmpty()) {
					first = i;
				}
				if (FIELDS.contains(field)) {
					name = field;
					value.setLength(0);
					value.append(line, colon + 1, Math.min(line.length(), colon + 1 + MAX_VALUE));
				}
				else {
					fields.putIfAbsent(field, "");
				}
			}
		}
		return blocks;
	}

	private static void add(List<Block> blocks, Map<String, String> fields, int first) {
		String recipient = fields.containsKey("final-recipient") ? fields.get("final-recipient")
				: fields.get("original-recipient");
		if (recipient != null && !recipient.isEmpty()
				&& (fields.containsKey("action") || fields.containsKey("status"))) {
			blocks.add(new Block(address(recipient), address(fields.get("original-recipient")),
					lower(fields.get("action")), fields.get("status"), address(fields.get("remote-mta")),
					fields.get("diagnostic-code"), fields.get("last-attempt-date"), fields.get("will-retry-until"),
					first + 1));
		}
	}

	/**
	 * A value without its type: {@code rfc822; bob@example.com} is
	 * {@code bob@example.com}, {@code dns; mx.example.com} is {@code mx.example.com}.
	 */
	static String address(String value) {
		if (value == null) {
			return null;
		}
		int semicolon = value.indexOf(';');
		return ((semicolon >= 0) ? value.substring(semicolon + 1) : value).strip();
	}

	/**
	 * The text of a {@code Diagnostic-Code} without its type ({@code smtp;}), where the
	 * reply stands.
	 */
	static String diagnosticText(String value) {
		return (value != null) ? address(value) : null;
	}

	private static String lower(String value) {
		return (value != null) ? value.strip().toLowerCase(Locale.ROOT) : null;
	}

	private static String clip(String value) {
		return (value.length() > MAX_VALUE) ? value.substring(0, MAX_VALUE) : value;
	}

	/** A header field name (RFC 5322, section 3.6.8: printable ASCII but ':'). */
	private static boolean isFieldName(String line, int colon) {
		for (int i = 0; i < colon; i++) {
			char c = line.charAt(i);
			if (c <= ' ' || c > '~') {
				return false;
			}
		}
		return true;
	}

	private static boolean isFolded(String line) {
		return !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t') && !line.isBlank();
	}

	private static boolean isBoundary(String line, Set<String> boundaries) {
		String stripped = line.strip();
		String boundary = stripped.endsWith("--") && stripped.length() > 4
				? stripped.substring(2, stripped.length() - 2) : stripped.substring(2);
		return boundaries.contains(boundary) || boundaries.contains(stripped.substring(2));
	}

	/** The boundary parameter of a Content-Type value, quoted or not. */
	private static String boundary(String lower, String original) {
		int at = lower.indexOf("boundary=");
		if (at < 0) {
			return null;
		}
		String rest = original.strip().substring(at + "boundary=".length());
		if (rest.startsWith("\"")) {
			int end = rest.indexOf('"', 1);
			return (end > 1) ? rest.substring(1, end) : null;
		}
		int end = 0;
		while (end < rest.length() && rest.charAt(end) != ';' && !Character.isWhitespace(rest.charAt(end))) {
			end++;
		}
		return (end > 0) ? rest.substring(0, end) : null;
	}

	private static boolean startsWithIgnoreCase(String line, String prefix) {
		return line.regionMatches(true, 0, prefix, 0, prefix.length());
	}

	/**
	 * One recipient's block of a delivery-status notification, as written.
	 *
	 * @param finalRecipient the address the report is about
	 * @param originalRecipient the address as the sender gave it, or {@code null}
	 * @param action failed, delayed, delivered, relayed or expanded, in lower case
	 * @param status the enhanced status code given, or {@code null}
	 * @param remoteMta the server that gave the reply, or {@code null}
	 * @param diagnosticCode the reply as reported, with its type ({@code smtp; 550 …})
	 * @param lastAttemptDate when delivery was last tried, or {@code null}
	 * @param willRetryUntil until when it is tried again, or {@code null}
	 * @param line the line the block starts on, from 1
	 */
	record Block(String finalRecipient, String originalRecipient, String action, String status, String remoteMta,
			String diagnosticCode, String lastAttemptDate, String willRetryUntil, int line) {
	}

}
