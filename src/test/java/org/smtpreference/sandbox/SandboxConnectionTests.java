package org.smtpreference.sandbox;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one connection may cost the listener and what it may learn: a client that never
 * reads its replies stops being read and is closed, a byte-by-byte BDAT chunk does not
 * hold the idle timeout off, TLS renegotiation is refused, and the session id of the
 * clear greeting shows nothing sent inside TLS.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.sandbox.smtp-port=0", "site.sandbox.bind-address=127.0.0.1",
				"site.sandbox.public-host=localhost", "site.sandbox.idle-timeout=2s",
				"site.sandbox.max-connections-per-address=50" })
class SandboxConnectionTests {

	/** More than a client that is still being read could push in the test's time. */
	private static final long WRITE_LIMIT = 64L * 1024 * 1024;

	@Autowired
	SandboxListener listener;

	@Autowired
	TranscriptStore store;

	@Test
	void clientThatPipelinesAndNeverReadsStopsBeingReadAndIsClosed() throws Exception {
		long closedBefore = this.listener.warnings().count(ConnectionWarnings.Kind.BUFFERED_TOO_MUCH);
		try (Socket socket = new Socket()) {
			// A small window, as in the report's attack: the replies pile up on the
			// server.
			socket.setReceiveBufferSize(4096);
			socket.setSendBufferSize(4096);
			socket.setSoTimeout(20_000);
			socket.connect(new InetSocketAddress("127.0.0.1", this.listener.smtpPort()));
			InputStream in = socket.getInputStream();
			assertThat(line(in)).startsWith("220 ");
			OutputStream out = socket.getOutputStream();
			byte[] batch = "HELP\r\n".repeat(1000).getBytes(StandardCharsets.US_ASCII);
			AtomicLong written = new AtomicLong();
			Thread writer = new Thread(() -> {
				try {
					while (written.get() < WRITE_LIMIT) {
						out.write(batch);
						written.addAndGet(batch.length);
					}
				}
				catch (IOException ex) {
					// Closed by the server.
				}
			}, "never-reading-client");
			writer.setDaemon(true);
			writer.start();
			// Waits until the writer is done or blocked: its count stops moving (the
			// number of polls is only a hang guard).
			long last = -1;
			int still = 0;
			for (int poll = 0; poll < 600 && writer.isAlive() && still < 5; poll++) {
				Thread.sleep(100);
				long now = written.get();
				still = (now == last) ? still + 1 : 0;
				last = now;
			}
			// The server stopped reading, so the writes blocked long before the limit; or
			// it has already closed the connection for holding too much, and then drops
			// what still comes until the client closes (so that no reset overtakes the
			// 421). Either way what the connection held stayed within a line plus 64 KiB.
			if (written.get() >= WRITE_LIMIT) {
				assertThat(this.listener.warnings().count(ConnectionWarnings.Kind.BUFFERED_TOO_MUCH))
					.isEqualTo(closedBefore + 1);
			}
			assertThat(this.listener.mostBuffered()).isPositive()
				.isLessThanOrEqualTo(SmtpConnection.maxBuffered(this.listener.settings().maxLineLength()));
			// The server closes it with 421 4.7.0: at once when more than the limit
			// waits, else when its idle timeout finds it paused for want of reading
			// (polled; the count is only a hang guard).
			for (int poll = 0; poll < 300 && this.listener.warnings()
				.count(ConnectionWarnings.Kind.BUFFERED_TOO_MUCH) == closedBefore; poll++) {
				Thread.sleep(100);
			}
			assertThat(this.listener.warnings().count(ConnectionWarnings.Kind.BUFFERED_TOO_MUCH))
				.isEqualTo(closedBefore + 1);
			// Once the client reads, the replies end with the 421 and the stream ends.
			InputStream buffered = new BufferedInputStream(in, 64 * 1024);
			List<String> lines = new ArrayList<>();
			String line;
			while ((line = line(buffered)) != null) {
				lines.add(line);
			}
			assertThat(lines).isNotEmpty();
			assertThat(lines.get(lines.size() - 1)).startsWith("421 4.7.0 localhost");
			assertThat(lines.subList(0, lines.size() - 1)).allMatch((reply) -> reply.startsWith("214"));
		}
	}

	private static String line(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		try {
			while ((b = in.read()) != -1) {
				if (b == '\n') {
					return line.toString().strip();
				}
				line.append((char) b);
			}
		}
		catch (IOException ex) {
			// A reset ends the stream too.
		}
		return (line.length() > 0) ? line.toString() : null;
	}

	@Test
	void byteByByteChunkDoesNotHoldTheIdleTimeoutOff() throws Exception {
		long timedOutBefore = this.listener.warnings().count(ConnectionWarnings.Kind.TIMED_OUT);
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			smtp.last();
			smtp.send("EHLO client.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n");
			smtp.reply();
			smtp.last();
			smtp.last();
			int size = 40;
			smtp.send("BDAT " + size + " LAST\r\n");
			// A byte every 500 ms: each well within the 2 s idle timeout, the chunk
			// complete after 20 s unless the connection is closed first.
			int sent = 0;
			while (sent < size && !smtp.hasInput()) {
				smtp.send("x");
				sent++;
				Thread.sleep(500);
			}
			assertThat(smtp.last()).startsWith("421 4.4.2 localhost Closing connection: idle timeout");
			assertThat(sent).isLessThan(size);
			assertThat(smtp.closedByServer()).isTrue();
		}
		assertThat(this.listener.warnings().count(ConnectionWarnings.Kind.TIMED_OUT)).isGreaterThan(timedOutBefore);
	}

	@Test
	void chunkThatKeepsComingIsNotCutByTheIdleTimeout() throws Exception {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			smtp.last();
			smtp.send("EHLO client.example\r\nMAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n");
			smtp.reply();
			smtp.last();
			smtp.last();
			int pieces = 3;
			int size = pieces * SmtpConnection.CHUNK_PROGRESS;
			smtp.send("BDAT " + size + " LAST\r\n");
			byte[] piece = "x".repeat(SmtpConnection.CHUNK_PROGRESS).getBytes(StandardCharsets.US_ASCII);
			// A piece a second, half the idle timeout: slow, but moving.
			for (int i = 0; i < pieces; i++) {
				assertThat(smtp.hasInput()).isFalse();
				smtp.send(piece);
				Thread.sleep(1000);
			}
			assertThat(smtp.last()).startsWith("250 2.0.0 OK");
		}
	}

	@Test
	void clientInitiatedRenegotiationIsRefused() throws Exception {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			smtp.last();
			smtp.send("EHLO client.example\r\nSTARTTLS\r\n");
			smtp.reply();
			assertThat(smtp.last()).startsWith("220 2.0.0");
			SSLSocket tls = smtp.startTls("TLSv1.2");
			assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.2");
			smtp.send("NOOP\r\n");
			assertThat(smtp.last()).startsWith("250 ");
			boolean renegotiated;
			try {
				tls.startHandshake();
				smtp.send("NOOP\r\n");
				renegotiated = smtp.last() != null;
			}
			catch (IOException | UncheckedIOException ex) {
				renegotiated = false;
			}
			assertThat(renegotiated).as("a second handshake on the same connection").isFalse();
		}
	}

	@Test
	void idOfTheClearGreetingShowsNothingSentInsideTls() {
		String clearId;
		String tlsId;
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			clearId = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\nSTARTTLS\r\n");
			smtp.reply();
			assertThat(smtp.last()).startsWith("220 2.0.0");
			smtp.startTls();
			smtp.send("EHLO client.example\r\n");
			List<String> ehlo = smtp.reply();
			assertThat(ehlo.get(0)).startsWith("250-localhost");
			tlsId = SmtpClient.sessionId(ehlo.get(0));
			assertThat(tlsId).isNotEqualTo(clearId);
			assertThat(String.join("\n", ehlo.subList(1, ehlo.size()))).doesNotContain("/sandbox/");
			smtp.send("MAIL FROM:<secret-sender@example.com>\r\n");
			assertThat(smtp.last()).startsWith("250 2.1.0");
			smtp.send("RCPT TO:<secret-recipient@example.org>\r\n");
			assertThat(smtp.last()).startsWith("250 2.1.5");
			smtp.send("QUIT\r\n");
			assertThat(smtp.last()).startsWith("221 ");
		}
		Transcript clear = this.store.find(clearId).orElseThrow();
		assertThat(clear.open()).isFalse();
		assertThat(texts(clear)).anyMatch((text) -> text.equals("STARTTLS"))
			.noneMatch((text) -> text.contains("secret-sender") || text.contains("secret-recipient"))
			.noneMatch((text) -> text.contains(tlsId));
		Transcript encrypted = this.store.find(tlsId).orElseThrow();
		assertThat(texts(encrypted)).anyMatch((text) -> text.startsWith("sandbox.note.handshake|"))
			.anyMatch((text) -> text.contains("secret-sender"))
			.anyMatch((text) -> text.contains("secret-recipient"))
			.noneMatch((text) -> text.contains(clearId));
	}

	private static List<String> texts(Transcript transcript) {
		return transcript.lines().stream().map(TranscriptLine::text).toList();
	}

}
