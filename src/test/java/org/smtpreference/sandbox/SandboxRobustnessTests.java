package org.smtpreference.sandbox;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile and broken clients against a listener with tight limits: each gets the
 * documented reply or is closed, transcripts stay within their memory, and the web site
 * keeps answering.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.sandbox.smtp-port=0", "site.sandbox.bind-address=127.0.0.1",
				"site.sandbox.max-connections=100", "site.sandbox.max-connections-per-address=1000",
				"site.sandbox.idle-timeout=2s", "site.sandbox.max-message-size=2KB",
				"site.sandbox.transcript-size=16KB", "site.sandbox.transcript-memory=1MB" })
@ExtendWith(OutputCaptureExtension.class)
@Isolated
class SandboxRobustnessTests {

	private static final byte[] NOOP = "NOOP\r\n".getBytes(StandardCharsets.US_ASCII);

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener listener;

	@Autowired
	TranscriptStore store;

	private SmtpClient connect() {
		SmtpClient smtp = new SmtpClient(this.listener.smtpPort());
		assertThat(smtp.last()).startsWith("220 ");
		return smtp;
	}

	private SmtpClient ehlo() {
		SmtpClient smtp = connect();
		smtp.send("EHLO client.example\r\n");
		smtp.reply();
		return smtp;
	}

	private void siteAnswers() {
		HttpResponse<String> home = new SiteClient(this.port).get("/");
		assertThat(home.statusCode()).isEqualTo(200);
	}

	@Test
	void randomBytesGetOnlyWellFormedReplies() {
		Random random = new Random(11);
		try (SmtpClient smtp = ehlo()) {
			byte[] noise = new byte[64 * 1024];
			random.nextBytes(noise);
			// No line of it may end the session or start a transaction.
			for (int i = 0; i < noise.length; i++) {
				if (noise[i] == '\n') {
					noise[i] = ' ';
				}
			}
			smtp.send(noise);
			smtp.send("\r\nNOOP\r\n");
			String line;
			List<String> lines = new ArrayList<>();
			while ((line = smtp.line()) != null) {
				lines.add(line);
				if (line.startsWith("250 2.0.0 OK")) {
					break;
				}
			}
			assertThat(lines).isNotEmpty().allMatch((reply) -> reply.matches("[2-5]\\d\\d[ -].*"));
			assertThat(lines.get(0)).startsWith("500 5.5.2");
			assertThat(lines.get(lines.size() - 1)).startsWith("250 2.0.0 OK");
		}
		siteAnswers();
	}

	@Test
	void hundredKilobyteLineIsRefusedAndTheSessionGoesOn() {
		try (SmtpClient smtp = ehlo()) {
			byte[] line = new byte[100 * 1024];
			Arrays.fill(line, (byte) 'x');
			smtp.send("NOOP ");
			smtp.send(line);
			smtp.send("\r\nNOOP\r\n");
			assertThat(smtp.last()).startsWith("500 5.5.2 Line too long");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK");
		}
		siteAnswers();
	}

	@Test
	void nulBytesAreRefused() {
		try (SmtpClient smtp = ehlo()) {
			smtp.send("NO\0OP\r\nMAIL FROM:<a\0b@example.com>\r\n");
			assertThat(smtp.last()).startsWith("500 5.5.2");
			assertThat(smtp.last()).startsWith("500 5.5.2");
		}
	}

	@Test
	void halfOpenConnectionIsClosed() {
		int before = this.listener.openConnections();
		try (SmtpClient smtp = connect()) {
			smtp.send("EHLO client.example\r\n");
			smtp.shutdownOutput();
			assertThat(smtp.closedByServer()).isTrue();
		}
		awaitOpenConnections(before);
	}

	@Test
	void dribblerIsTimedOut() throws InterruptedException {
		try (SmtpClient smtp = connect()) {
			// One byte at a time, never a whole line: the idle timeout counts lines, not
			// bytes, so the client cannot hold the connection by dribbling.
			for (int i = 0; i < 40; i++) {
				try {
					smtp.send(new byte[] { 'N' });
				}
				catch (RuntimeException ex) {
					// The server closed the connection.
					break;
				}
				Thread.sleep(250);
			}
			String line = smtp.line();
			assertThat(line).startsWith("421 4.4.2");
			assertThat(smtp.closedByServer()).isTrue();
		}
	}

	@Test
	void fiveHundredConnectionsAtOnceMeetTheLimit() throws Exception {
		AtomicBoolean done = new AtomicBoolean();
		ConcurrentLinkedQueue<Integer> statuses = new ConcurrentLinkedQueue<>();
		Thread web = new Thread(() -> {
			SiteClient site = new SiteClient(this.port);
			while (!done.get()) {
				statuses.add(site.get("/faq").statusCode());
			}
		});
		web.start();
		List<SmtpClient> clients = new ArrayList<>();
		int greeted = 0;
		int refused = 0;
		try {
			for (int i = 0; i < 500; i++) {
				clients.add(new SmtpClient(this.listener.smtpPort()));
			}
			for (SmtpClient client : clients) {
				String first = client.line();
				if (first != null && first.startsWith("220 ")) {
					greeted++;
				}
				else if (first != null && first.startsWith("421 4.7.0")) {
					refused++;
					assertThat(client.closedByServer()).isTrue();
				}
			}
		}
		finally {
			clients.forEach(SmtpClient::close);
			done.set(true);
			web.join();
		}
		assertThat(greeted).isLessThanOrEqualTo(100).isGreaterThan(0);
		assertThat(refused).isGreaterThanOrEqualTo(400);
		assertThat(greeted + refused).isEqualTo(500);
		assertThat(statuses).isNotEmpty().containsOnly(200);
		siteAnswers();
	}

	@Test
	void messageOverTheSizeLimitIsRefused() {
		try (SmtpClient smtp = connect()) {
			smtp.send("EHLO client.example\r\n");
			assertThat(smtp.reply()).contains("250-SIZE 2048");
			smtp.send("MAIL FROM:<a@example.com> SIZE=4096\r\n");
			assertThat(smtp.last()).startsWith("552 5.3.4");
			smtp.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n");
			smtp.reply();
			smtp.reply();
			assertThat(smtp.last()).startsWith("354");
			StringBuilder content = new StringBuilder("Subject: big\r\n\r\n");
			for (int i = 0; i < 100; i++) {
				content.append("0123456789".repeat(5)).append("\r\n");
			}
			smtp.send(content + ".\r\n");
			assertThat(smtp.last()).startsWith("552 5.3.4");
			smtp.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nBDAT 5000 LAST\r\n");
			smtp.reply();
			smtp.reply();
			smtp.send(new byte[5000]);
			assertThat(smtp.last()).startsWith("552 5.3.4");
			smtp.send("NOOP\r\n");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK");
		}
	}

	@Test
	void tlsGarbageAfterStartTlsClosesQuietly(CapturedOutput output) {
		try (SmtpClient smtp = ehlo()) {
			smtp.send("STARTTLS\r\n");
			assertThat(smtp.last()).startsWith("220 2.0.0");
			byte[] garbage = new byte[4096];
			new Random(3).nextBytes(garbage);
			garbage[0] = 0x16;
			smtp.send(garbage);
			assertThat(smtp.closedByServer()).isTrue();
		}
		siteAnswers();
		assertThat(output.getAll()).doesNotContain("SSLHandshakeException")
			.doesNotContain("NotSslRecordException")
			.doesNotContain("DecoderException");
	}

	@Test
	void transcriptsStayWithinTheirMemory() {
		for (int session = 0; session < 20; session++) {
			try (SmtpClient smtp = ehlo()) {
				for (int i = 0; i < 500; i++) {
					smtp.send(NOOP);
				}
				for (int i = 0; i < 500; i++) {
					smtp.last();
				}
			}
		}
		MemoryTranscriptStore memory = (MemoryTranscriptStore) this.store;
		assertThat(memory.memory()).isLessThanOrEqualTo(1024 * 1024);
		siteAnswers();
	}

	private void awaitOpenConnections(int count) {
		for (int i = 0; i < 200 && this.listener.openConnections() > count; i++) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		assertThat(this.listener.openConnections()).isLessThanOrEqualTo(count);
	}

}
