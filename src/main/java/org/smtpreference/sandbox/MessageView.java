package org.smtpreference.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import jakarta.mail.util.ByteArrayDataSource;
import org.smtpreference.session.Delivery;

/**
 * A message the sandbox accepted, read with Jakarta Mail's MIME parser and ready to show:
 * its envelope, its header fields decoded (RFC 2047 words, folded lines joined), its MIME
 * tree, and the text of its text parts. HTML is never put in the page: it is served
 * apart, in a frame that runs and loads nothing.
 *
 * @param number the message's place in the session, from 1
 * @param queueId the id given in the 250 reply
 * @param reversePath the sender, or an empty string for the null reverse-path
 * @param recipients the accepted recipients
 * @param octets the size of the content as the 250 reply counted it
 * @param kept the octets kept for this view and the download
 * @param headers the header fields of the top level, in order
 * @param parts the MIME tree, depth first
 * @param unreadable whether some of the MIME structure could not be read
 * @param emlPath the address of the raw message
 */
public record MessageView(int number, String queueId, String reversePath, List<String> recipients, long octets,
		long kept, List<Header> headers, List<PartView> parts, boolean unreadable, String emlPath) {

	/** Characters of one text part shown. */
	static final int TEXT_LIMIT = 20_000;

	/** The deepest MIME nesting read; deeper parts are listed no further. */
	static final int MAX_DEPTH = 8;

	/** The most parts listed of one message. */
	static final int MAX_PARTS = 64;

	/** The most header fields listed of one message or part. */
	static final int MAX_HEADERS = 200;

	private static final Session SESSION;

	static {
		Properties properties = new Properties();
		// RFC 6532 header fields in UTF-8, file names in RFC 2047 words, and lenient
		// base64: a learner's malformed message is shown, not refused.
		properties.setProperty("mail.mime.allowutf8", "true");
		properties.setProperty("mail.mime.decodefilename", "true");
		properties.setProperty("mail.mime.base64.ignoreerrors", "true");
		properties.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
		SESSION = Session.getInstance(properties);
	}

	/**
	 * Whether the whole message was kept.
	 */
	public boolean cut() {
		return this.kept < this.octets;
	}

	/**
	 * The message as it is shown, or with whatever of it could be read.
	 * @param number its place in the session, from 1
	 * @param sessionId the session it came in
	 * @param delivery the message as stored
	 */
	static MessageView of(int number, String sessionId, Delivery delivery) {
		byte[] raw = RawMessage.octets(delivery.head());
		String base = "/sandbox/" + sessionId + "/messages/" + number;
		List<Header> headers = new ArrayList<>();
		List<PartView> parts = new ArrayList<>();
		boolean unreadable = false;
		try {
			MimeMessage message = new MimeMessage(SESSION, new ByteArrayInputStream(raw));
			headers.addAll(headers(message));
			unreadable = !walk(message, 0, parts, base);
		}
		catch (MessagingException | RuntimeException ex) {
			unreadable = true;
		}
		return new MessageView(number, delivery.queueId(), delivery.reversePath(), delivery.recipients(),
				delivery.octets(), raw.length, List.copyOf(headers), List.copyOf(parts), unreadable, base + ".eml");
	}

	/**
	 * The HTML of one part, decoded to text, or empty when the message has no HTML part
	 * at that place.
	 */
	static Optional<String> html(Delivery delivery, int index) {
		try {
			MimeMessage message = new MimeMessage(SESSION,
					new ByteArrayInputStream(RawMessage.octets(delivery.head())));
			List<Part> found = new ArrayList<>();
			collect(message, 0, found);
			if (index < 0 || index >= found.size()) {
				return Optional.empty();
			}
			Part part = found.get(index);
			ContentType type = contentType(part);
			if (!type.match("text/html")) {
				return Optional.empty();
			}
			return Optional.of(decoded(part, type, Integer.MAX_VALUE).text());
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static void collect(Part part, int depth, List<Part> found) throws MessagingException, IOException {
		if (found.size() >= MAX_PARTS) {
			return;
		}
		found.add(part);
		ContentType type = contentType(part);
		if (type.match("multipart/*") && depth < MAX_DEPTH) {
			MimeMultipart multipart = multipart(part, type);
			for (int i = 0; i < multipart.getCount(); i++) {
				collect(multipart.getBodyPart(i), depth + 1, found);
			}
		}
	}

	/**
	 * Lists a part and those inside it; false when some of them could not be read.
	 */
	private static boolean walk(Part part, int depth, List<PartView> parts, String base) {
		if (parts.size() >= MAX_PARTS) {
			return false;
		}
		int index = parts.size();
		ContentType type;
		try {
			type = contentType(part);
			String charset = type.getParameter("charset");
			String encoding = encoding(part);
			String fileName = fileName(part);
			boolean attachment = Part.ATTACHMENT.equalsIgnoreCase(disposition(part));
			if (type.match("multipart/*")) {
				parts.add(new PartView(index, depth, "multipart", type.getBaseType().toLowerCase(Locale.ROOT), null,
						encoding, -1, fileName, null, false, null));
				if (depth >= MAX_DEPTH) {
					return false;
				}
				MimeMultipart multipart = multipart(part, type);
				boolean whole = true;
				for (int i = 0; i < multipart.getCount(); i++) {
					whole &= walk(multipart.getBodyPart(i), depth + 1, parts, base);
				}
				return whole;
			}
			String baseType = type.getBaseType().toLowerCase(Locale.ROOT);
			if (type.match("text/*") && !attachment) {
				Decoded text = decoded(part, type, TEXT_LIMIT);
				boolean html = type.match("text/html");
				parts.add(new PartView(index, depth, html ? "html" : "text", baseType, charset, encoding, text.octets(),
						fileName, html ? null : TranscriptLine.visible(text.text(), TEXT_LIMIT, true), text.cut(),
						html ? base + "/parts/" + index : null));
				return true;
			}
			parts.add(new PartView(index, depth, "attachment", baseType, charset, encoding, size(part), fileName, null,
					false, null));
			return true;
		}
		catch (MessagingException | IOException | RuntimeException ex) {
			if (parts.size() == index) {
				parts.add(new PartView(index, depth, "unreadable", "", null, null, -1, null, null, false, null));
			}
			return false;
		}
	}

	private static MimeMultipart multipart(Part part, ContentType type) throws MessagingException, IOException {
		// Read from the part's own octets, without the activation framework's handlers.
		return new MimeMultipart(
				new ByteArrayDataSource(read(part.getInputStream(), Integer.MAX_VALUE), type.toString()));
	}

	private static ContentType contentType(Part part) throws MessagingException {
		String value = part.getContentType();
		try {
			return new ContentType((value != null) ? value : "text/plain");
		}
		catch (ParseException ex) {
			return new ContentType("application", "octet-stream", null);
		}
	}

	private static String encoding(Part part) throws MessagingException {
		String[] values = part.getHeader("Content-Transfer-Encoding");
		return (values != null && values.length > 0) ? TranscriptLine.visible(values[0].strip()) : null;
	}

	private static String disposition(Part part) {
		try {
			return part.getDisposition();
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	private static String fileName(Part part) {
		try {
			String name = part.getFileName();
			return (name != null) ? TranscriptLine.visible(name) : null;
		}
		catch (MessagingException | RuntimeException ex) {
			return null;
		}
	}

	private static long size(Part part) throws MessagingException, IOException {
		try (InputStream in = part.getInputStream()) {
			return in.transferTo(java.io.OutputStream.nullOutputStream());
		}
	}

	/**
	 * A text part's content after its transfer encoding and charset, up to {@code limit}
	 * characters, with its size in octets.
	 */
	private static Decoded decoded(Part part, ContentType type, int limit) throws MessagingException, IOException {
		byte[] octets = read(part.getInputStream(), Integer.MAX_VALUE);
		// Lines end with CRLF in a message; shown as text, each ends with one line feed.
		String text = new String(octets, charset(type.getParameter("charset"))).replace("\r\n", "\n");
		boolean cut = text.length() > limit;
		return new Decoded(cut ? text.substring(0, limit) : text, octets.length, cut);
	}

	private static Charset charset(String name) {
		if (name == null || name.isBlank()) {
			// Most unlabelled text is ASCII, and UTF-8 shows ASCII unchanged.
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(MimeUtility.javaCharset(name.strip()));
		}
		catch (IllegalArgumentException ex) {
			return StandardCharsets.UTF_8;
		}
	}

	private static byte[] read(InputStream in, int limit) throws IOException {
		try (in) {
			return in.readNBytes(limit);
		}
	}

	private static List<Header> headers(Part part) throws MessagingException {
		List<Header> headers = new ArrayList<>();
		Enumeration<jakarta.mail.Header> all = part.getAllHeaders();
		for (jakarta.mail.Header header : Collections.list(all)) {
			if (headers.size() >= MAX_HEADERS) {
				break;
			}
			// RFC 5322 section 2.2.3: unfolding removes each CRLF before white space.
			String raw = (header.getValue() != null) ? header.getValue().replaceAll("\r?\n(?=[ \t])", "") : "";
			String value;
			try {
				value = MimeUtility.decodeText(raw);
			}
			catch (UnsupportedEncodingException | RuntimeException ex) {
				value = raw;
			}
			headers.add(new Header(header.getName(), value, value.equals(raw) ? null : raw));
		}
		return headers;
	}

	/**
	 * Text decoded from a part.
	 */
	private record Decoded(String text, long octets, boolean cut) {

	}

	/**
	 * One header field.
	 *
	 * @param name the field name
	 * @param value the value, unfolded and with RFC 2047 encoded words decoded
	 * @param raw the unfolded value as sent, when it differs from {@code value}
	 */
	public record Header(String name, String value, String raw) {

		public Header {
			name = TranscriptLine.visible(name);
			value = TranscriptLine.visible(value);
			raw = (raw != null) ? TranscriptLine.visible(raw) : null;
		}

	}

	/**
	 * One part of the MIME tree.
	 *
	 * @param index its place in the tree, depth first, from 0 (the message itself)
	 * @param depth how deep it is nested
	 * @param kind {@code multipart}, {@code text}, {@code html}, {@code attachment} or
	 * {@code unreadable}
	 * @param type its media type, lower case
	 * @param charset its charset as labelled, or {@code null}
	 * @param encoding its Content-Transfer-Encoding as labelled, or {@code null}
	 * @param size its size in octets after the transfer encoding, or -1 for a multipart
	 * @param fileName its file name, or {@code null}
	 * @param text the decoded text of a text part, or {@code null}
	 * @param textCut whether only the start of the text is shown
	 * @param htmlPath the address of an HTML part's frame, or {@code null}
	 */
	public record PartView(int index, int depth, String kind, String type, String charset, String encoding, long size,
			String fileName, String text, boolean textCut, String htmlPath) {

		public PartView {
			type = TranscriptLine.visible(type);
			charset = (charset != null) ? TranscriptLine.visible(charset) : null;
		}

		/**
		 * The message key naming the kind of part.
		 */
		public String kindKey() {
			return "sandbox.message.kind." + this.kind;
		}

	}

}
