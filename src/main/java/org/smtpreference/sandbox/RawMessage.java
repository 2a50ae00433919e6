package org.smtpreference.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The content of an accepted message as the sandbox keeps it: its octets, one character
 * per octet (ISO 8859-1), so that both transcript stores keep it as the text they already
 * store and every octet comes back unchanged for the decoded view and the {@code .eml}
 * download.
 */
final class RawMessage {

	private RawMessage() {
	}

	/**
	 * What is kept of a message: the content as received, without the terminating
	 * {@code .CRLF} and with dot-stuffing undone for DATA (RFC 5321 section 4.5.2), cut
	 * to {@code limit} octets.
	 * @param captured the octets as they came (for DATA, the lines up to and including
	 * the terminating one)
	 * @param dotStuffed whether they came by DATA
	 * @param octets the size of the message as the engine counted it, which the kept
	 * content never exceeds
	 * @param limit most octets kept
	 */
	static String kept(byte[] captured, boolean dotStuffed, long octets, int limit) {
		byte[] content = dotStuffed ? unstuffed(captured) : captured;
		int length = (int) Math.min(Math.min(content.length, octets), limit);
		return new String(content, 0, length, StandardCharsets.ISO_8859_1);
	}

	/**
	 * The octets of content kept by {@link #kept}.
	 */
	static byte[] octets(String kept) {
		return kept.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] unstuffed(byte[] wire) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(wire.length);
		int start = 0;
		while (start < wire.length) {
			int end = start;
			while (end < wire.length && !(wire[end] == '\n' && end > start && wire[end - 1] == '\r')) {
				end++;
			}
			int lineEnd = Math.min(end + 1, wire.length);
			boolean terminator = end - start == 2 && wire[start] == '.' && end < wire.length;
			if (terminator) {
				break;
			}
			int from = (wire[start] == '.') ? start + 1 : start;
			out.write(wire, from, lineEnd - from);
			start = lineEnd;
		}
		return out.toByteArray();
	}

}
