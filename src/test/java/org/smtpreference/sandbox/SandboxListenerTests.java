package org.smtpreference.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox listener with transcripts in memory: the real clients of
 * {@link SandboxClientScenarios}, then STARTTLS injection, implicit TLS, the live event
 * stream, the guide and unknown sessions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.smtps-port=0", "site.sandbox.bind-address=127.0.0.1", "site.sandbox.public-host=localhost" })
class SandboxListenerTests extends SandboxClientScenarios {

	SiteClient client() {
		return new SiteClient(this.port);
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
	void aBareLineFeedIsRefusedAndClosesTheConnection() {
		// RFC 5321 section 2.3.8: only CRLF ends a line. As Postfix with
		// smtpd_forbid_bare_newline = reject: 550 5.5.2 and the connection closed.
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\n");
			assertThat(smtp.reply().get(0)).startsWith("250-");
			smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
			assertThat(smtp.last()).startsWith("250 2.1.0");
			assertThat(smtp.last()).startsWith("250 2.1.5");
			assertThat(smtp.last()).startsWith("354 ");
			// The smuggling pattern: a bare-LF "end of data" and a second message after
			// it.
			smtp.send("Subject: one\r\n\r\nbody\n.\nMAIL FROM:<mallory@example.org>\r\n");
			assertThat(smtp.last()).isEqualTo("550 5.5.2 localhost Error: bare <LF> received");
			assertThat(smtp.closedByServer()).isTrue();
			assertThat(client().get("/sandbox/" + id + "?lang=en").body()).contains("Bare LF received")
				.doesNotContain("mallory@example.org");
			assertThat(client().get("/sandbox/" + id + "?lang=tr").body()).contains("Tek başına LF alındı");
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
			// Issue 20: a page of its own, saying how long sessions are kept.
			assertThat(en.body()).contains("This sandbox session is not kept", "kept for 60 minutes");
			HttpResponse<String> tr = client().get(path + "?lang=tr");
			assertThat(tr.statusCode()).as(path).isEqualTo(404);
			assertThat(tr.body()).contains("<html lang=\"tr\"", "60 dakika saklanır");
		}
		assertThat(client().get("/sandbox/00000000000000000000000000000000/events").statusCode()).isEqualTo(404);
	}

}
