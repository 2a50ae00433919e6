package org.smtpreference.quality;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import org.smtpreference.sandbox.SampleMessages;
import org.smtpreference.sandbox.SandboxListener;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox session page, which no list of pages holds (it exists only while its session
 * does), is valid HTML in both languages and shows hostile client text escaped; so are
 * its decoded messages (a Turkish multipart one with an attachment, a hostile HTML one),
 * the guide listing the reader's recent sessions and the page of an expired session.
 */
// The same settings, in the same order, as SandboxMessageBrowserTests: one application
// context for both (Spring's test context cache).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.bind-address=127.0.0.1", "site.sandbox.find-by-address=true" })
class SandboxPageValidityTests {

	private static final Pattern ID = Pattern.compile("/sandbox/([0-9a-f]{32})");

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener listener;

	@BeforeAll
	static void checkerInstalled() {
		HtmlChecker.assumeAvailable();
	}

	@Test
	void sessionPageIsValidAndEscaped() throws Exception {
		String id;
		try (Socket socket = new Socket("127.0.0.1", this.listener.smtpPort())) {
			socket.setSoTimeout(20_000);
			BufferedReader in = new BufferedReader(
					new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			OutputStream out = socket.getOutputStream();
			String greeting = in.readLine();
			Matcher matcher = ID.matcher(greeting);
			assertThat(matcher.find()).isTrue();
			id = matcher.group(1);
			out.write(("EHLO <script>alert(1)</script>\r\nEHLO client.example\r\nMAIL FROM:<a@example.com>\r\n"
					+ "RCPT TO:<b@example.org>\r\nDATA\r\n")
				.getBytes(StandardCharsets.UTF_8));
			out.write(
					("Subject: <img src=x onerror=alert(1)>\r\nX-Folded: one\r\n two\r\n\r\n</pre><script>x()</script>\r\n"
							+ "\u0007bell\r\n.\r\n")
						.getBytes(StandardCharsets.UTF_8));
			// Two more messages: the decoded view's every kind of part.
			for (byte[] message : List.of(SampleMessages.turkish(), SampleMessages.hostile("http://127.0.0.1:9"))) {
				out.write("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nDATA\r\n"
					.getBytes(StandardCharsets.UTF_8));
				out.write(message);
			}
			out.write("QUIT\r\n".getBytes(StandardCharsets.UTF_8));
			while (in.readLine() != null) {
				// reads to the end of the session
			}
		}
		SiteClient client = new SiteClient(this.port);
		java.util.Map<String, String> pages = new java.util.LinkedHashMap<>();
		for (String lang : List.of("en", "tr")) {
			HttpResponse<String> page = client.get("/sandbox/" + id + "?lang=" + lang);
			assertThat(page.statusCode()).isEqualTo(200);
			String html = page.body();
			pages.put("sandbox-" + lang, html);
			assertThat(html).doesNotContain("<script>alert(1)")
				.doesNotContain("<img src=x")
				.doesNotContain("<script>x()")
				.contains("&lt;img src=x onerror=alert(1)&gt;")
				.contains("one two")
				.contains("\u2407bell")
				.contains("src=\"/js/sandbox")
				.contains(SampleMessages.SUBJECT, SampleMessages.FILE_NAME, "<iframe")
				.doesNotContain("Hostile part");
		}
		for (String lang : List.of("en", "tr")) {
			String guide = client.get("/sandbox?lang=" + lang, "X-Forwarded-For", "127.0.0.1").body();
			assertThat(guide).contains("/sandbox/" + id);
			pages.put("sandbox-guide-" + lang, guide);
			HttpResponse<String> expired = client.get("/sandbox/" + "0".repeat(32) + "?lang=" + lang);
			assertThat(expired.statusCode()).isEqualTo(404);
			pages.put("sandbox-expired-" + lang, expired.body());
		}
		HtmlChecker.check(pages).forEach((name, errors) -> assertThat(errors).as(name).isEmpty());
	}

}
