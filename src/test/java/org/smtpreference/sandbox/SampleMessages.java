package org.smtpreference.sandbox;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Messages sent to the sandbox by the tests of its message view, as the octets a client
 * sends after DATA (dot-stuffed, ending with {@code .CRLF}): one with a Turkish encoded
 * subject, a text part in ISO-8859-9, an HTML part and an attachment, and one whose HTML
 * part tries everything a message must not do in the page.
 */
public final class SampleMessages {

	/** The subject, as the view must show it. */
	public static final String SUBJECT = "Toplantı ğ ş ı İ özeti";

	/** The text part, as the view must show it. */
	public static final String TEXT = "Merhaba Ayşe, toplantı notları ekte. Görüşmek üzere.";

	/** A line of the text part that begins with a dot: dot-stuffed on the wire. */
	public static final String DOT_LINE = ".gizli satır";

	/** The attachment's file name. */
	public static final String FILE_NAME = "rapor-ğüşiöç.pdf";

	/** The attachment's octets. */
	public static final byte[] ATTACHMENT = "%PDF-1.4\n% sandbox test\n".getBytes(StandardCharsets.US_ASCII);

	/** Text only the HTML part holds. */
	public static final String HTML_TEXT = "Kalın bir selam";

	private SampleMessages() {
	}

	/**
	 * The Turkish message as the client sends it after DATA.
	 */
	public static byte[] turkish() {
		Charset turkish = Charset.forName("ISO-8859-9");
		String subject = "=?UTF-8?B?" + Base64.getEncoder().encodeToString(SUBJECT.getBytes(StandardCharsets.UTF_8))
				+ "?=";
		String text = TEXT + "\r\n" + DOT_LINE + "\r\n";
		String message = "From: =?ISO-8859-9?Q?Ay=FEe?= <ayse@example.org>\r\n" + "To: bob@example.com\r\n"
				+ "Subject: " + subject + "\r\n" + "X-Folded: one\r\n two\r\n" + "MIME-Version: 1.0\r\n"
				+ "Content-Type: multipart/mixed; boundary=\"outer\"\r\n\r\n" + "--outer\r\n"
				+ "Content-Type: multipart/alternative; boundary=\"inner\"\r\n\r\n" + "--inner\r\n"
				+ "Content-Type: text/plain; charset=ISO-8859-9\r\n"
				+ "Content-Transfer-Encoding: quoted-printable\r\n\r\n" + quotedPrintable(text.getBytes(turkish))
				+ "\r\n--inner\r\n" + "Content-Type: text/html; charset=UTF-8\r\n"
				+ "Content-Transfer-Encoding: base64\r\n\r\n"
				+ Base64.getMimeEncoder()
					.encodeToString(("<p><b>" + HTML_TEXT + "</b></p>").getBytes(StandardCharsets.UTF_8))
				+ "\r\n--inner--\r\n" + "--outer\r\n" + "Content-Type: application/pdf; name=\"rapor.pdf\"\r\n"
				+ "Content-Transfer-Encoding: base64\r\n" + "Content-Disposition: attachment; filename*=UTF-8''"
				+ percent(FILE_NAME.getBytes(StandardCharsets.UTF_8)) + "\r\n\r\n"
				+ Base64.getMimeEncoder().encodeToString(ATTACHMENT) + "\r\n--outer--\r\n";
		return data(message);
	}

	/**
	 * A message whose HTML part tries script, remote images, forms, CSS loads and
	 * refreshes, all towards {@code origin} (a loopback listener that records hits).
	 */
	public static byte[] hostile(String origin) {
		String html = "<html><head>" + "<meta http-equiv=\"refresh\" content=\"0;url=" + origin + "/refresh\">"
				+ "<link rel=\"stylesheet\" href=\"" + origin + "/link.css\">" + "<style>@import url(" + origin
				+ "/import.css); body { background: url(" + origin + "/background.png); width: expression(alert(1)); }"
				+ "</style>" + "<script>window.top.pwned = 1; window.pwned = 1; fetch('" + origin + "/fetch');</script>"
				+ "</head><body onload=\"window.top.pwned = 2\">" + "<p>Hostile part</p>" + "<img src=\"" + origin
				+ "/image.png\" alt=\"\">" + "<img src=\"x\" onerror=\"window.top.pwned = 3\">" + "<form action=\""
				+ origin + "/form\" method=\"post\"><input name=\"a\" value=\"b\" autofocus></form>" + "<iframe src=\""
				+ origin + "/frame\"></iframe>" + "<object data=\"" + origin + "/object\"></object>"
				+ "<a href=\"javascript:window.top.pwned=4\">link</a>" + "<div style=\"background-image:url('" + origin
				+ "/inline.png')\">x</div>" + "<svg><image href=\"" + origin + "/svg.png\"/></svg>" + "<script src=\""
				+ origin + "/script.js\"></script>" + "</body></html>";
		String message = "From: mallory@example.org\r\n" + "To: bob@example.com\r\n" + "Subject: hostile\r\n"
				+ "MIME-Version: 1.0\r\n" + "Content-Type: text/html; charset=UTF-8\r\n"
				+ "Content-Transfer-Encoding: 8bit\r\n\r\n" + html + "\r\n";
		return data(message);
	}

	/**
	 * The content as sent after DATA: lines starting with a dot get another, and the end
	 * is {@code .CRLF}.
	 */
	static byte[] data(String message) {
		StringBuilder wire = new StringBuilder();
		for (String line : message.split("\r\n", -1)) {
			wire.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
		}
		// The split left an empty last piece after the final CRLF.
		wire.setLength(wire.length() - 2);
		wire.append(".\r\n");
		return wire.toString().getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The message itself: what the {@code .eml} download must hold.
	 */
	public static byte[] unstuffed(byte[] wire) {
		String text = new String(wire, StandardCharsets.UTF_8);
		text = text.substring(0, text.length() - 3).replace("\r\n..", "\r\n.");
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String quotedPrintable(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i] & 0xff;
			if (b == '\r' && i + 1 < bytes.length && bytes[i + 1] == '\n') {
				out.append("\r\n");
				i++;
			}
			else if (b >= 33 && b <= 126 && b != '=' || b == ' ') {
				out.append((char) b);
			}
			else {
				out.append(String.format(java.util.Locale.ROOT, "=%02X", b));
			}
		}
		return out.toString();
	}

	private static String percent(byte[] bytes) {
		StringBuilder out = new StringBuilder();
		for (byte value : bytes) {
			int b = value & 0xff;
			if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '.' || b == '-') {
				out.append((char) b);
			}
			else {
				out.append(String.format(java.util.Locale.ROOT, "%%%02X", b));
			}
		}
		return out.toString();
	}

}
