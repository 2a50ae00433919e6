package org.smtpreference.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients on loopback against the sandbox listener: Jakarta Mail with STARTTLS and
 * AUTH, the site's own Python sample, raw pipelined commands and BDAT chunks; each
 * session then appears at its address in both languages.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.smtps-port=0", "site.sandbox.bind-address=127.0.0.1", "site.sandbox.public-host=localhost" })
class SandboxListenerTests {

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener listener;

	SiteClient client() {
		return new SiteClient(this.port);
	}

	@Test
	void jakartaMailSendsWithStartTlsAndAuth() throws Exception {
		Properties props = new Properties();
		props.put("mail.smtp.host", "localhost");
		props.put("mail.smtp.port", String.valueOf(this.listener.smtpPort()));
		props.put("mail.smtp.auth", "true");
		props.put("mail.smtp.starttls.enable", "true");
		props.put("mail.smtp.starttls.required", "true");
		props.put("mail.smtp.ssl.trust", "*");
		props.put("mail.smtp.timeout", "20000");
		Session session = Session.getInstance(props);
		ByteArrayOutputStream debug = new ByteArrayOutputStream();
		session.setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
		session.setDebug(true);
		MimeMessage message = new MimeMessage(session);
		message.setFrom(new InternetAddress("alice@example.com"));
		message.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
		message.setSubject("Hello from the sandbox test <b>", "UTF-8");
		message.setSentDate(new Date());
		message.setText("Hello,\n\nthis came over STARTTLS.\n", "UTF-8");
		message.saveChanges();
		try (Transport transport = session.getTransport("smtp")) {
			transport.connect("localhost", this.listener.smtpPort(), "alice", "s3cret");
			transport.sendMessage(message, message.getAllRecipients());
		}
		String log = debug.toString(StandardCharsets.UTF_8);
		// Jakarta Mail keeps the AUTH exchange out of its debug output; the page shows
		// it.
		assertThat(log).contains("STARTTLS").contains("250 2.0.0 OK:");
		String id = SmtpClient.sessionId(log);
		for (String lang : List.of("en", "tr")) {
			HttpResponse<String> page = client().get("/sandbox/" + id + "?lang=" + lang);
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
			assertThat(page.body()).contains("<html lang=\"" + lang + "\"")
				.contains("STARTTLS")
				.contains("TLS handshake done")
				.contains("Hello from the sandbox test &lt;b&gt;")
				.contains("bob@example.org")
				.contains("AUTH LOGIN")
				.contains("href=\"/replies/235\"")
				.contains("href=\"/status-codes/2.7.0\"")
				.contains("action=\"/decode\"")
				.doesNotContain(java.util.Base64.getEncoder()
					.encodeToString("\0alice\0s3cret".getBytes(StandardCharsets.UTF_8)));
		}
		assertThat(client().get("/sandbox/" + id + "?lang=tr").body()).contains("Başlık alanları");
	}

	@Test
	void pythonSampleSendsThroughTheListener(@TempDir Path temp) throws Exception {
		Path certificate = temp.resolve("sandbox.pem");
		Files.writeString(certificate, this.listener.certificatePem());
		Path sample = temp.resolve("send_email.py");
		Files.copy(new org.springframework.core.io.ClassPathResource("samples/python/send_email.py").getInputStream(),
				sample);
		ProcessBuilder builder = new ProcessBuilder("python3", sample.toString());
		builder.environment()
			.putAll(Map.of("SMTP_HOST", "localhost", "SMTP_PORT", String.valueOf(this.listener.smtpPort()), "SMTP_USER",
					"alice", "SMTP_PASSWORD", "s3cret", "MAIL_FROM", "alice@example.com", "MAIL_TO",
					"carol@example.net", "SSL_CERT_FILE", certificate.toString()));
		builder.redirectErrorStream(true);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		// The first session only reads the greeting and EHLO; find the one that sent.
		String first = SmtpClient.sessionId(output);
		assertThat(client().get("/sandbox/" + first + "?lang=en").body()).contains("PIPELINING");
		HttpResponse<String> guide = client().get("/sandbox/certificate.pem");
		assertThat(guide.body()).isEqualTo(this.listener.certificatePem());
	}

	@Test
	void pipelinedCommandsAreAnsweredInOrder() {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\n");
			assertThat(smtp.reply()).contains("250-PIPELINING", "250-CHUNKING");
			smtp.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<nobody@example.org>\r\n"
					+ "RCPT TO:<c@example.org>\r\nDATA\r\n");
			assertThat(smtp.last()).startsWith("250 2.1.0");
			assertThat(smtp.last()).startsWith("250 2.1.5 Recipient <b@example.org>");
			assertThat(smtp.last()).startsWith("550 5.1.1");
			assertThat(smtp.last()).startsWith("250 2.1.5 Recipient <c@example.org>");
			assertThat(smtp.last()).startsWith("354");
			smtp.send("Subject: pipelined\r\n\r\n..dot-stuffed\r\n.\r\nNOOP\r\n");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK:");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK");
			smtp.send("QUIT\r\n");
			assertThat(smtp.last()).startsWith("221");
			assertThat(smtp.closedByServer()).isTrue();
			String page = client().get("/sandbox/" + id + "?lang=en").body();
			assertThat(page).contains("pipelined").contains(".dot-stuffed").doesNotContain("..dot-stuffed");
		}
	}

	@Test
	void bdatChunksAreReadByExactOctets() {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\n");
			smtp.reply();
			smtp.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n");
			assertThat(smtp.last()).startsWith("250 2.1.0");
			assertThat(smtp.last()).startsWith("250 2.1.5");
			// The first chunk holds what would end DATA content; the command after the
			// second chunk comes in the same write.
			byte[] first = "Subject: chunks\r\n\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII);
			smtp.send("BDAT " + first.length + "\r\n");
			smtp.send(first);
			assertThat(smtp.last()).isEqualTo("250 2.0.0 " + first.length + " octets received");
			smtp.send("BDAT 4 LAST\r\nend!NOOP\r\n");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK: " + (first.length + 4) + " octets queued");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK");
			smtp.send("QUIT\r\n");
			assertThat(smtp.last()).startsWith("221");
			String page = client().get("/sandbox/" + id + "?lang=tr").body();
			assertThat(page).contains("BDAT 4 LAST").contains("chunks").contains(first.length + 4 + " bayt");
		}
	}

	@Test
	void commandsInjectedBeforeTheTlsHandshakeAreDiscarded() {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\n");
			assertThat(smtp.reply()).contains("250-STARTTLS");
			// CVE-2011-0411: the MAIL command rides in the same packet as STARTTLS.
			smtp.send("STARTTLS\r\nMAIL FROM:<injected@example.com>\r\n");
			assertThat(smtp.last()).startsWith("220 2.0.0");
			smtp.startTls();
			smtp.send("EHLO client.example\r\n");
			List<String> ehlo = smtp.reply();
			assertThat(ehlo.get(0)).startsWith("250-");
			assertThat(ehlo).doesNotContain("250-STARTTLS");
			// Had the injected MAIL been taken, this one would get 503.
			smtp.send("MAIL FROM:<real@example.com>\r\n");
			assertThat(smtp.last()).startsWith("250 2.1.0");
			String page = client().get("/sandbox/" + id + "?lang=en").body();
			assertThat(page).contains("Discarded").doesNotContain("injected@example.com");
		}
	}

	@Test
	void implicitTlsPortNeedsNoStartTls() {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpsPort(), true)) {
			assertThat(smtp.last()).startsWith("220 localhost ESMTP").contains("nothing is ever relayed or delivered");
			smtp.send("EHLO client.example\r\n");
			List<String> ehlo = smtp.reply();
			assertThat(ehlo).contains("250-AUTH PLAIN LOGIN").doesNotContain("250-STARTTLS");
			smtp.send("AUTH PLAIN AGFsaWNlAHMzY3JldA==\r\n");
			assertThat(smtp.last()).startsWith("235 2.7.0");
		}
	}

	@Test
	void liveEventsCarryNewLines() throws Exception {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String id = SmtpClient.sessionId(smtp.last());
			HttpClient http = HttpClient.newHttpClient();
			CompletableFuture<HttpResponse<Stream<String>>> events = http.sendAsync(
					HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/sandbox/" + id + "/events"))
						.timeout(Duration.ofSeconds(30))
						.build(),
					HttpResponse.BodyHandlers.ofLines());
			HttpResponse<Stream<String>> response = events.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type"))
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/event-stream"));
			smtp.send("NOOP live\r\nQUIT\r\n");
			List<String> lines = new ArrayList<>();
			response.body().forEach(lines::add);
			assertThat(String.join("\n", lines)).contains("event:line")
				.contains("NOOP live")
				.contains("\"codePath\":\"/replies/221\"")
				.contains("event:closed");
		}
	}

	@Test
	void guideNamesThePortsInBothLanguages() {
		for (String lang : List.of("en", "tr")) {
			String page = client().get("/sandbox?lang=" + lang).body();
			assertThat(page)
				.contains("openssl s_client -starttls smtp -crlf -connect localhost:" + this.listener.smtpPort())
				.contains("swaks --server localhost --port " + this.listener.smtpPort())
				.contains("SMTP_PORT=" + this.listener.smtpPort())
				.contains(String.valueOf(this.listener.smtpsPort()));
		}
	}

	@Test
	void unknownSessionsGetTheLocalizedNotFoundPage() {
		for (String path : List.of("/sandbox/00000000000000000000000000000000", "/sandbox/not-an-id",
				"/sandbox/%3Cscript%3E")) {
			HttpResponse<String> en = client().get(path + "?lang=en");
			assertThat(en.statusCode()).as(path).isEqualTo(404);
			assertThat(en.body()).contains("Page not found");
			assertThat(client().get(path + "?lang=tr").body()).contains("<html lang=\"tr\"");
		}
		assertThat(client().get("/sandbox/00000000000000000000000000000000/events").statusCode()).isEqualTo(404);
	}

}
