package org.smtpreference.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox for a reader on another machine, with no base URL set: the addresses it
 * gives follow the request as the proxy forwarded it, the session is found without its
 * greeting, an unknown session says how long sessions are kept, and an accepted message
 * is shown decoded, downloadable as it came, its HTML apart under a policy that runs and
 * loads nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.bind-address=127.0.0.1", "site.sandbox.find-by-address=true", "site.sandbox.keep-for=45m" })
class SandboxMessageViewTests {

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener listener;

	private SiteClient site() {
		return new SiteClient(this.port);
	}

	@Test
	void withoutBaseUrlTheRepliesGiveThePathAndNoGuessedHost() {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String greeting = smtp.last();
			String id = SmtpClient.sessionId(greeting);
			assertThat(greeting).contains("watch it live at /sandbox/" + id)
				.doesNotContain("localhost:8080")
				.doesNotContain("http://");
			smtp.send("QUIT\r\n");
			smtp.last();
		}
	}

	@Test
	void theGuideFollowsTheForwardedHost() {
		// Another reader first: the page is made for each reader, never stored for all.
		assertThat(site().get("/sandbox?lang=en", "X-Forwarded-Host", "first.example.net").body())
			.contains("telnet first.example.net ");
		HttpResponse<String> guide = site().get("/sandbox?lang=en", "X-Forwarded-Host", "smtp-lab.example.org",
				"X-Forwarded-Proto", "https");
		assertThat(guide.statusCode()).isEqualTo(200);
		int smtp = this.listener.smtpPort();
		assertThat(guide.body()).contains("telnet smtp-lab.example.org " + smtp)
			.contains("-connect smtp-lab.example.org:" + smtp)
			.contains("curl -o sandbox.pem https://smtp-lab.example.org/sandbox/certificate.pem")
			.doesNotContain("localhost");
	}

	@Test
	void ehloAndTheQueuedReplyNameTheSessionAndStartTlsIsNotSimulated() {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\n");
			List<String> ehlo = smtp.reply();
			assertThat(ehlo.get(0)).startsWith("250-").contains("/sandbox/" + id);
			assertThat(ehlo.subList(1, ehlo.size())).noneMatch((line) -> line.contains("/sandbox/"));
			smtp.send("STARTTLS\r\n");
			String ready = smtp.last();
			assertThat(ready).startsWith("220 2.0.0").doesNotContainIgnoringCase("simulated");
			smtp.startTls();
			smtp.send("EHLO client.example\r\n");
			String second = SmtpClient.sessionId(smtp.reply().get(0));
			assertThat(second).isNotEqualTo(id);
			smtp.send("MAIL FROM:<alice@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
			smtp.last();
			smtp.last();
			smtp.last();
			smtp.send("Subject: hi\r\n\r\nhello\r\n.\r\n");
			String queued = smtp.last();
			assertThat(queued).startsWith("250 2.0.0").contains("/sandbox/" + second);
		}
	}

	@Test
	void recentSessionsAreListedForTheirClientAddress() {
		String id;
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			id = SmtpClient.sessionId(smtp.last());
			smtp.send("QUIT\r\n");
			smtp.last();
		}
		// The SMTP client came from 127.0.0.1; the browser, through a proxy, from the
		// same.
		HttpResponse<String> guide = site().get("/sandbox?lang=en", "X-Forwarded-For", "127.0.0.1");
		assertThat(guide.body()).contains("Sessions from your address", "/sandbox/" + id);
		assertThat(guide.headers().firstValue("Cache-Control")).hasValue("no-store");
		// Another address (as a proxy would forward it) sees none of them.
		HttpResponse<String> other = site().get("/sandbox?lang=en", "X-Forwarded-For", "192.0.2.7");
		assertThat(other.body()).contains("Sessions from your address").doesNotContain("/sandbox/" + id);
	}

	@Test
	void anUnknownSessionSaysHowLongSessionsAreKept() {
		String unknown = "/sandbox/" + "0".repeat(32);
		HttpResponse<String> english = site().get(unknown + "?lang=en");
		assertThat(english.statusCode()).isEqualTo(404);
		assertThat(english.body()).contains("This sandbox session is not kept", "kept for 45 minutes");
		HttpResponse<String> turkish = site().get(unknown + "?lang=tr");
		assertThat(turkish.statusCode()).isEqualTo(404);
		assertThat(turkish.body()).contains("Bu deneme sunucusu oturumu saklanmıyor", "45 dakika saklanır");
		assertThat(site().get("/sandbox/not-an-id?lang=en").statusCode()).isEqualTo(404);
		assertThat(site().get("/sandbox/" + "0".repeat(32) + "/messages/1.eml").statusCode()).isEqualTo(404);
		assertThat(site().get("/sandbox/" + "0".repeat(32) + "/messages/1/parts/2").statusCode()).isEqualTo(404);
	}

	@Test
	void anAcceptedMessageIsShownDecodedAndDownloadableAsItCame() throws Exception {
		byte[] wire = SampleMessages.turkish();
		String id = send(wire);
		String page = page(id, "en", SampleMessages.SUBJECT);
		assertThat(page).contains(SampleMessages.SUBJECT)
			.contains("=?UTF-8?B?")
			.contains("Ayşe &lt;ayse@example.org&gt;")
			.contains("one two")
			.contains(SampleMessages.TEXT)
			.contains(SampleMessages.DOT_LINE)
			// Line ends are line feeds, not shown as control characters.
			.contains(SampleMessages.TEXT + "\n" + SampleMessages.DOT_LINE)
			.doesNotContain("\u240d")
			.doesNotContain("." + SampleMessages.DOT_LINE)
			.contains("multipart/mixed", "multipart/alternative", "text/plain", "ISO-8859-9", "quoted-printable",
					"text/html", "application/pdf", "base64", SampleMessages.FILE_NAME)
			.contains(SampleMessages.ATTACHMENT.length + " octets")
			.contains("sandbox=\"\"")
			.doesNotContain(SampleMessages.HTML_TEXT);
		// Each reply says what it means, linked to its entry.
		assertThat(page).contains("class=\"sandbox-meaning\"");
		byte[] expected = SampleMessages.unstuffed(wire);
		assertThat(page).contains(expected.length + " octets");
		HttpResponse<byte[]> eml = bytes("/sandbox/" + id + "/messages/1.eml");
		assertThat(eml.statusCode()).isEqualTo(200);
		assertThat(eml.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> type.startsWith("message/rfc822"));
		assertThat(eml.headers().firstValue("Content-Disposition"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("attachment").contains(".eml"));
		assertThat(eml.body()).isEqualTo(expected);
		HttpResponse<String> html = site().get("/sandbox/" + id + "/messages/1/parts/3");
		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.body()).contains(SampleMessages.HTML_TEXT);
		assertThat(html.headers().firstValue("Content-Security-Policy")).hasValue(SandboxController.PART_POLICY);
		assertThat(html.headers().allValues("Content-Security-Policy")).hasSize(1);
		assertThat(html.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		// Not an HTML part: nothing.
		assertThat(site().get("/sandbox/" + id + "/messages/1/parts/2").statusCode()).isEqualTo(404);
		assertThat(site().get("/sandbox/" + id + "/messages/2.eml").statusCode()).isEqualTo(404);
		String turkish = page(id, "tr", SampleMessages.SUBJECT);
		assertThat(turkish).contains("MIME yapısı", "Aktarım kodlaması", "Ek", "İletiyi ham hâliyle indirin (.eml)");
		// The live view's fragment holds the same messages.
		assertThat(site().get("/sandbox/" + id + "/messages?lang=en").body()).contains("id=\"sandbox-messages\"",
				SampleMessages.SUBJECT);
	}

	@Test
	void oddRequestsToTheNewAddressesGetAClientErrorWithTheSitesHeaders() {
		String unknown = "/sandbox/" + "0".repeat(32);
		for (String path : List.of(unknown, unknown + "/messages", unknown + "/messages/1.eml",
				unknown + "/messages/0.eml", unknown + "/messages/99999.eml", unknown + "/messages/x.eml",
				unknown + "/messages/1/parts/999", unknown + "/messages/1/parts/-1", "/sandbox/%3Cscript%3E/messages",
				unknown + "/messages?lang=../../x", "/sandbox?lang=%ff")) {
			HttpResponse<String> response = site().get(path, "X-Forwarded-Host", "<script>", "X-Forwarded-For",
					"not-an-address");
			assertThat(response.statusCode()).as(path).isBetween(200, 499);
			assertThat(response.body()).as(path).doesNotContain("<script>").doesNotContain("Exception");
			assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
		}
		HttpResponse<String> expired = site().get(unknown + "?lang=en");
		assertThat(expired.headers().firstValue("Content-Security-Policy"))
			.hasValueSatisfying((policy) -> assertThat(policy).contains("default-src 'self'"));
		assertThat(site().get("/sandbox?lang=en").headers().firstValue("Cache-Control")).hasValue("no-store");
	}

	/**
	 * Sends one message and quits; answers the session id named inside the last reply.
	 */
	private String send(byte[] wire) {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			smtp.last();
			smtp.send("EHLO client.example\r\n");
			smtp.reply();
			smtp.send("MAIL FROM:<ayse@example.org>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\n");
			smtp.last();
			smtp.last();
			assertThat(smtp.last()).startsWith("354");
			smtp.send(wire);
			String queued = smtp.last();
			assertThat(queued).startsWith("250 2.0.0");
			smtp.send("QUIT\r\n");
			smtp.last();
			return SmtpClient.sessionId(queued);
		}
	}

	private String page(String id, String lang, String expected) throws InterruptedException {
		HttpResponse<String> page = site().get("/sandbox/" + id + "?lang=" + lang);
		for (int i = 0; i < 50 && !page.body().contains(expected); i++) {
			Thread.sleep(100);
			page = site().get("/sandbox/" + id + "?lang=" + lang);
		}
		assertThat(page.statusCode()).isEqualTo(200);
		return page.body();
	}

	private HttpResponse<byte[]> bytes(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(site().base() + path)).timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofByteArray());
	}

}
