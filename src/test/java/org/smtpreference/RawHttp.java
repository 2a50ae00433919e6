package org.smtpreference;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends bytes no HTTP client library would send (broken escapes, raw non-UTF-8 bytes, odd
 * methods) and reads the answer as it comes.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends one request and returns the whole response.
	 * @param requestLine the request line without its line ending, as raw bytes
	 * @param headers extra header lines, each without a line ending
	 */
	public static Response send(int port, byte[] requestLine, String... headers) {
		return send(port, requestLine, new byte[0], headers);
	}

	/**
	 * Sends one request with a body, sent as given (its framing headers are the
	 * caller's), and returns the whole response.
	 * @param requestLine the request line without its line ending, as raw bytes
	 * @param body the bytes after the headers
	 * @param headers extra header lines, each without a line ending
	 */
	public static Response send(int port, byte[] requestLine, byte[] body, String... headers) {
		try (Socket socket = new Socket("localhost", port)) {
			socket.setSoTimeout(15_000);
			OutputStream out = socket.getOutputStream();
			out.write(requestLine);
			StringBuilder rest = new StringBuilder("\r\nHost: localhost\r\nConnection: close\r\n");
			for (String header : headers) {
				rest.append(header).append("\r\n");
			}
			out.write(rest.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
			try {
				out.write(body);
				out.flush();
			}
			catch (IOException ex) {
				// The server may answer and close before it has read the whole body.
			}
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[16384];
			try {
				for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
					received.write(buffer, 0, read);
				}
			}
			catch (SocketTimeoutException ex) {
				// Keep what arrived.
			}
			return new Response(received.toString(StandardCharsets.ISO_8859_1));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static Response send(int port, String requestLine, String... headers) {
		return send(port, requestLine.getBytes(StandardCharsets.ISO_8859_1), headers);
	}

	/**
	 * A response as received.
	 *
	 * @param raw status line, headers and body, bytes as ISO-8859-1 characters
	 */
	public record Response(String raw) {

		public int status() {
			String[] parts = this.raw.split(" ", 3);
			return (parts.length > 1 && parts[1].matches("\\d{3}")) ? Integer.parseInt(parts[1]) : -1;
		}

		public String head() {
			int end = this.raw.indexOf("\r\n\r\n");
			return (end < 0) ? this.raw : this.raw.substring(0, end);
		}

		public String body() {
			int end = this.raw.indexOf("\r\n\r\n");
			return (end < 0) ? "" : this.raw.substring(end + 4);
		}

		/**
		 * The body read as UTF-8, the charset of every page the site sends.
		 */
		public String text() {
			return new String(body().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
		}

		/**
		 * A header's value, or {@code null}.
		 */
		public String header(String name) {
			for (String line : head().split("\r\n")) {
				int colon = line.indexOf(':');
				if (colon > 0 && line.substring(0, colon)
					.strip()
					.toLowerCase(Locale.ROOT)
					.equals(name.toLowerCase(Locale.ROOT))) {
					return line.substring(colon + 1).strip();
				}
			}
			return null;
		}

	}

}
