package org.smtpreference.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A raw SMTP client over a socket for the sandbox tests: writes exactly the bytes given
 * and reads replies line by line.
 */
public final class SmtpClient implements AutoCloseable {

	private static final Pattern SESSION = Pattern.compile("/sandbox/([0-9a-f]{32})");

	private Socket socket;

	private InputStream in;

	private OutputStream out;

	public SmtpClient(int port) {
		this(port, false);
	}

	public SmtpClient(int port, boolean implicitTls) {
		try {
			Socket plain = new Socket("127.0.0.1", port);
			plain.setSoTimeout(20_000);
			this.socket = implicitTls ? tls(plain, port) : plain;
			this.in = this.socket.getInputStream();
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts TLS over the connection, trusting any certificate.
	 */
	public void startTls() {
		try {
			this.socket = tls(this.socket, this.socket.getPort());
			this.in = this.socket.getInputStream();
			this.out = this.socket.getOutputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Starts TLS over the connection with only the given protocols enabled, trusting any
	 * certificate, and answers the TLS socket.
	 */
	public SSLSocket startTls(String... protocols) {
		try {
			SSLSocket socket = tls(this.socket, this.socket.getPort(), protocols);
			this.socket = socket;
			this.in = this.socket.getInputStream();
			this.out = this.socket.getOutputStream();
			return socket;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static SSLSocket tls(Socket plain, int port, String... protocols) throws IOException {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new TrustAll() }, new SecureRandom());
			SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, "localhost", port, true);
			if (protocols.length > 0) {
				socket.setEnabledProtocols(protocols);
			}
			socket.startHandshake();
			return socket;
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public void send(String text) {
		send(text.getBytes(StandardCharsets.UTF_8));
	}

	public void send(byte[] bytes) {
		try {
			this.out.write(bytes);
			this.out.flush();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * One line without its CRLF, or {@code null} at the end of the stream.
	 */
	public String line() {
		try {
			ByteArrayOutputStream line = new ByteArrayOutputStream();
			int b;
			while ((b = this.in.read()) != -1) {
				if (b == '\n') {
					String text = line.toString(StandardCharsets.UTF_8);
					return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
				}
				line.write(b);
			}
			return (line.size() > 0) ? line.toString(StandardCharsets.UTF_8) : null;
		}
		catch (IOException ex) {
			// A reset counts as the end of the stream.
			return null;
		}
	}

	/**
	 * The lines of one reply, up to its last line ({@code 250 …} after {@code 250-…}).
	 */
	public List<String> reply() {
		List<String> lines = new ArrayList<>();
		String line;
		while ((line = line()) != null) {
			lines.add(line);
			if (line.length() < 4 || line.charAt(3) != '-') {
				break;
			}
		}
		return lines;
	}

	/**
	 * The last line of one reply.
	 */
	public String last() {
		List<String> lines = reply();
		return lines.isEmpty() ? null : lines.get(lines.size() - 1);
	}

	/**
	 * Whether the server closed the connection: the stream ends before any more reply.
	 */
	public boolean closedByServer() {
		while (true) {
			String line = line();
			if (line == null) {
				return true;
			}
		}
	}

	/**
	 * Whether the server has sent something not read yet (never blocks).
	 */
	public boolean hasInput() {
		try {
			return this.in.available() > 0;
		}
		catch (IOException ex) {
			return true;
		}
	}

	public void shutdownOutput() {
		try {
			this.socket.shutdownOutput();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static String sessionId(String text) {
		Matcher matcher = SESSION.matcher(text);
		if (!matcher.find()) {
			throw new AssertionError("No session address in: " + text);
		}
		return matcher.group(1);
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * Trusts the sandbox's self-signed certificate, as a reader told not to verify does.
	 */
	private static final class TrustAll implements X509TrustManager {

		@Override
		public void checkClientTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public void checkServerTrusted(X509Certificate[] chain, String authType) {
		}

		@Override
		public X509Certificate[] getAcceptedIssuers() {
			return new X509Certificate[0];
		}

	}

}
