package org.smtpreference.sandbox;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.smtpreference.SmtpReferenceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Closing the application (as on SIGTERM) stops the SMTP ports from accepting before
 * anything else, and every open session, even one in the middle of a message, is told
 * {@code 421 4.3.2} before its connection closes, all before the web server's graceful
 * shutdown.
 */
class SandboxShutdownTests {

	@Test
	void closingTheApplicationRefusesNewSessionsAndSays421ToOpenOnes() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SmtpReferenceApplication.class).run(
				"--server.port=0", "--site.sandbox.smtp-port=0", "--site.sandbox.bind-address=127.0.0.1",
				"--site.sandbox.public-host=localhost", "--spring.main.banner-mode=off",
				"--spring.lifecycle.timeout-per-shutdown-phase=30s");
		int httpPort = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
		CompletableFuture<Void> closed = null;
		try (Socket request = new Socket("127.0.0.1", httpPort);
				SmtpClient idle = new SmtpClient(context.getBean(SandboxListener.class).smtpPort());
				SmtpClient sending = new SmtpClient(context.getBean(SandboxListener.class).smtpPort())) {
			int port = context.getBean(SandboxListener.class).smtpPort();
			assertThat(idle.last()).startsWith("220 ");
			assertThat(sending.last()).startsWith("220 ");
			sending.send("EHLO client.example\r\n");
			sending.reply();
			sending.send("MAIL FROM:<a@example.com>\r\n");
			assertThat(sending.last()).startsWith("250 ");
			sending.send("RCPT TO:<b@example.org>\r\n");
			assertThat(sending.last()).startsWith("250 ");
			sending.send("DATA\r\n");
			assertThat(sending.last()).startsWith("354 ");
			sending.send("Subject: half a message\r\n\r\nThe first line, and no end yet.\r\n");
			// A web request in flight, its body still coming, holds the web server's
			// graceful shutdown.
			request.getOutputStream()
				.write(("POST /api/v1/decode HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
						+ "Content-Length: 100\r\n\r\n{\"text\": ")
					.getBytes(StandardCharsets.US_ASCII));
			request.getOutputStream().flush();
			closed = CompletableFuture.runAsync(context::close);
			assertThat(idle.last()).startsWith("421 4.3.2 localhost");
			// The sessions were told before the web server's graceful shutdown was done:
			// the request is still open, without an answer.
			request.setSoTimeout(300);
			assertThatExceptionOfType(SocketTimeoutException.class).isThrownBy(() -> request.getInputStream().read());
			// The port was closed before the sessions were told.
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> connect(port));
			assertThat(sending.last()).startsWith("421 4.3.2 localhost");
			assertThat(idle.closedByServer()).isTrue();
			assertThat(sending.closedByServer()).isTrue();
			// The rest of the body lets the request, and the shutdown, end.
			request.getOutputStream().write(("\"" + "x".repeat(88) + "\"}").getBytes(StandardCharsets.US_ASCII));
			request.getOutputStream().flush();
		}
		finally {
			if (closed != null) {
				closed.get(60, TimeUnit.SECONDS);
			}
			context.close();
		}
	}

	private static void connect(int port) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(5000);
			// Reached only if something accepted the connection.
			socket.getInputStream().read();
		}
	}

}
