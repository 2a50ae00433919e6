package org.smtpreference.sandbox;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteProperties;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each connection limit of the listener, alone: the client over it gets the reply the
 * README documents.
 */
class SandboxLimitsTests {

	private SandboxListener listener;

	private SandboxListener start(int perAddress, Duration idle, Duration session, int lineLength, int recipients) {
		SiteProperties.Sandbox settings = new SiteProperties.Sandbox(0, null, "127.0.0.1", "localhost", 50, perAddress,
				idle, session, lineLength, DataSize.ofKilobytes(64), recipients, 10, Duration.ofMinutes(5),
				DataSize.ofKilobytes(64), DataSize.ofMegabytes(4), new SiteProperties.Tls(null, null),
				SiteProperties.Store.MEMORY, 32, Duration.ofSeconds(60), false, DataSize.ofKilobytes(24));
		MemoryTranscriptStore store = new MemoryTranscriptStore(65536, 4 << 20, 10, Duration.ofMinutes(5),
				Clock.systemUTC());
		this.listener = new SandboxListener(settings, "localhost", "http://localhost", store,
				SandboxTls.create(settings.tls(), "localhost"));
		this.listener.start();
		return this.listener;
	}

	@AfterEach
	void stop() {
		if (this.listener != null) {
			this.listener.stop();
		}
	}

	@Test
	void connectionsPerAddressAreLimited() {
		start(2, Duration.ofMinutes(1), Duration.ofMinutes(5), 512, 100);
		// One after the other: connections made at once may be taken up by the server's
		// event loops in any order, so which one is the third would be left to chance.
		try (SmtpClient first = new SmtpClient(this.listener.smtpPort())) {
			assertThat(first.last()).startsWith("220 ");
			try (SmtpClient second = new SmtpClient(this.listener.smtpPort())) {
				assertThat(second.last()).startsWith("220 ");
				try (SmtpClient third = new SmtpClient(this.listener.smtpPort())) {
					assertThat(third.last()).startsWith("421 4.7.0");
					assertThat(third.closedByServer()).isTrue();
				}
			}
		}
	}

	@Test
	void recipientsPerMessageAreLimited() {
		start(5, Duration.ofMinutes(1), Duration.ofMinutes(5), 512, 2);
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			smtp.last();
			smtp.send("EHLO client.example\r\nMAIL FROM:<a@example.com>\r\n"
					+ "RCPT TO:<b@example.org>\r\nRCPT TO:<c@example.org>\r\nRCPT TO:<d@example.org>\r\n");
			smtp.reply();
			assertThat(smtp.last()).startsWith("250 2.1.0");
			assertThat(smtp.last()).startsWith("250 2.1.5");
			assertThat(smtp.last()).startsWith("250 2.1.5");
			assertThat(smtp.last()).startsWith("452 4.5.3");
		}
	}

	@Test
	void commandLineLengthIsLimited() {
		start(5, Duration.ofMinutes(1), Duration.ofMinutes(5), 100, 100);
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			smtp.last();
			smtp.send("EHLO client.example\r\nNOOP " + "x".repeat(100) + "\r\nNOOP " + "x".repeat(50) + "\r\n");
			smtp.reply();
			assertThat(smtp.last()).startsWith("500 5.5.2 Line too long: command lines are limited to 100 octets");
			assertThat(smtp.last()).startsWith("250 2.0.0");
		}
	}

	@Test
	void idleConnectionsAreClosed() {
		start(5, Duration.ofMillis(300), Duration.ofMinutes(5), 512, 100);
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			smtp.last();
			assertThat(smtp.last()).startsWith("421 4.4.2").contains("idle");
			assertThat(smtp.closedByServer()).isTrue();
		}
	}

	@Test
	void sessionsEndAtTheirTimeLimit() throws InterruptedException {
		start(5, Duration.ofMinutes(1), Duration.ofMillis(800), 512, 100);
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			smtp.last();
			String line;
			// A busy client is still stopped: the session limit does not care.
			do {
				smtp.send("NOOP\r\n");
				line = smtp.last();
				Thread.sleep(50);
			}
			while (line != null && line.startsWith("250"));
			assertThat(line).startsWith("421 4.4.2").contains("session time limit");
		}
	}

	@Test
	void offWithoutAPort() {
		SiteProperties.Sandbox off = SiteProperties.Sandbox.off();
		SandboxListener idle = new SandboxListener(off, "localhost", "http://localhost",
				new MemoryTranscriptStore(1, 1, 1, Duration.ZERO, Clock.systemUTC()), null);
		idle.start();
		assertThat(idle.isRunning()).isFalse();
		assertThat(idle.smtpPort()).isEqualTo(-1);
		assertThat(idle.smtpsPort()).isEqualTo(-1);
	}

}
