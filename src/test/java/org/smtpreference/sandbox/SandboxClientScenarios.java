package org.smtpreference.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real clients on loopback against the sandbox listener, whichever transcript store the
 * subclass chooses: Jakarta Mail with STARTTLS and AUTH, the site's own Python sample,
 * raw pipelined commands and BDAT chunks. Each checks the replies its client got, then
 * that the session shows at its address in both languages, on every replica the subclass
 * names: localized headings, transcript lines escaped, reply codes linked to their
 * entries.
 */
abstract class SandboxClientScenarios {

	/** The session id in a reply line, as the greeting names it. */
	private static final Pattern SESSION = Pattern.compile("/sandbox/([0-9a-f]{32})");

	/** The base64 of {@code \0alice\0s3cret}: AUTH PLAIN's secret, never shown. */
	private static final String PLAIN_SECRET = Base64.getEncoder()
		.encodeToString("\0alice\0s3cret".getBytes(StandardCharsets.UTF_8));

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener listener;

	/**
	 * Every replica whose pages must show a session taken by this context's listener.
	 */
	List<SiteClient> sites() {
		return List.of(new SiteClient(this.port));
	}

	/**
	 * Waits until what the listener recorded so far can be read back.
	 */
	void settle() throws Exception {
	}

	/**
	 * The session page in one language on every replica, once it shows every expected
	 * text (the last lines are recorded as the connection ends, a moment after the client
	 * has its reply); checks what every session page has and answers the bodies.
	 */
	List<String> sessionPages(String id, String lang, String... expected) throws Exception {
		settle();
		List<String> bodies = new ArrayList<>();
		for (SiteClient site : sites()) {
			HttpResponse<String> page = site.get("/sandbox/" + id + "?lang=" + lang);
			for (int i = 0; i < 100 && !containsAll(page, expected); i++) {
				Thread.sleep(100);
				page = site.get("/sandbox/" + id + "?lang=" + lang);
			}
			assertThat(page.statusCode()).as(site.base()).isEqualTo(200);
			assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
			String body = page.body();
			assertThat(body).as(site.base()).contains(expected).contains("<html lang=\"" + lang + "\"");
			if (lang.equals("tr")) {
				assertThat(body).contains("Deneme sunucusu oturumu", "Komutlar ve yanıtlar", "İstemci", "Sunucu",
						"Bağlantı kapandı.");
			}
			else {
				assertThat(body).contains("Sandbox session", "Commands and replies", ">Client<", ">Server<",
						"The connection is closed.");
			}
			// The greeting names the session's own address, escaped like every line.
			assertThat(body).contains("/sandbox/" + id).doesNotContain("<script>");
			bodies.add(body);
		}
		return bodies;
	}

	private static boolean containsAll(HttpResponse<String> page, String... expected) {
		if (page.statusCode() != 200) {
			return false;
		}
		for (String text : expected) {
			if (!page.body().contains(text)) {
				return false;
			}
		}
		return page.body().contains("<html lang=")
				&& (page.body().contains("The connection is closed.") || page.body().contains("Bağlantı kapandı."));
	}

	static List<String> sessionIds(String text) {
		List<String> ids = new ArrayList<>();
		Matcher matcher = SESSION.matcher(text);
		while (matcher.find()) {
			if (!ids.contains(matcher.group(1))) {
				ids.add(matcher.group(1));
			}
		}
		assertThat(ids).as("session addresses in: " + text).isNotEmpty();
		return ids;
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
		assertThat(log).contains("220 2.0.0").contains("STARTTLS").contains("250 2.0.0 OK:");
		// STARTTLS gives the session a new id, named only inside TLS (in the EHLO reply
		// after it): the greeting's id shows only what crossed in the clear.
		List<String> ids = sessionIds(log);
		assertThat(ids).as(log).hasSize(2);
		for (String lang : List.of("en", "tr")) {
			for (String clear : sessionPages(ids.get(0), lang, tlsStarted(lang))) {
				assertThat(clear).contains("STARTTLS")
					.contains("href=\"/replies/220\"")
					.doesNotContain(handshakeDone(lang))
					.doesNotContain("AUTH LOGIN")
					.doesNotContain("alice@example.com")
					.doesNotContain("bob@example.org");
			}
			for (String page : sessionPages(ids.get(1), lang, "href=\"/replies/221\"")) {
				assertThat(page).contains(handshakeDone(lang))
					.contains("AUTH LOGIN")
					.contains("MAIL FROM:&lt;alice@example.com&gt;")
					.doesNotContain("<alice@example.com>")
					.contains("Hello from the sandbox test &lt;b&gt;")
					.doesNotContain("Hello from the sandbox test <b>")
					.contains("bob@example.org")
					.contains("href=\"/replies/235\"")
					.contains("href=\"/status-codes/2.7.0\"")
					.contains("href=\"/replies/354\"")
					.contains("action=\"/decode\"")
					.doesNotContain(Base64.getEncoder().encodeToString("s3cret".getBytes(StandardCharsets.UTF_8)));
				assertThat(page).contains(lang.equals("tr") ? "Başlık alanları" : "Header fields");
			}
		}
	}

	/**
	 * Runs the sample exactly as the site publishes it; only smtplib's debug output is
	 * turned on around it, which prints each server reply with the session it names.
	 */
	@Test
	void pythonSampleSendsThroughTheListener(@TempDir Path temp) throws Exception {
		Path certificate = temp.resolve("sandbox.pem");
		Files.writeString(certificate, this.listener.certificatePem());
		Path sample = temp.resolve("send_email.py");
		Files.copy(new ClassPathResource("samples/python/send_email.py").getInputStream(), sample);
		ProcessBuilder builder = new ProcessBuilder("python3", "-c",
				"import runpy, smtplib, sys; smtplib.SMTP.debuglevel = 1; "
						+ "sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__')",
				sample.toString());
		builder.environment()
			.putAll(Map.of("SMTP_HOST", "localhost", "SMTP_PORT", String.valueOf(this.listener.smtpPort()), "SMTP_USER",
					"alice", "SMTP_PASSWORD", "s3cret", "MAIL_FROM", "alice@example.com", "MAIL_TO",
					"carol@example.net", "SSL_CERT_FILE", certificate.toString()));
		builder.redirectErrorStream(true);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		// The sample's probe printed its result; the STARTTLS and the 235 came to the
		// sending session.
		assertThat(output).contains("'connected': True").contains("'starttls'").contains("reply: b'235 2.7.0");
		// The probe's session, then the sending one: its clear part and, after STARTTLS,
		// its part under the id named inside TLS.
		List<String> ids = sessionIds(output);
		assertThat(ids).as(output).hasSize(3);
		for (String lang : List.of("en", "tr")) {
			for (String probe : sessionPages(ids.get(0), lang, "href=\"/replies/221\"")) {
				assertThat(probe).contains("PIPELINING")
					.contains("href=\"/replies/250\"")
					.doesNotContain(handshakeDone(lang))
					.doesNotContain("href=\"/replies/235\"");
				assertThat(probe).contains(lang.equals("tr") ? "Bu oturumda henüz kabul edilen ileti yok."
						: "No message has been accepted in this session yet.");
			}
			for (String clear : sessionPages(ids.get(1), lang, tlsStarted(lang))) {
				assertThat(clear).contains("STARTTLS")
					.doesNotContain(handshakeDone(lang))
					.doesNotContain("AUTH PLAIN ****")
					.doesNotContain("carol@example.net");
			}
			for (String sent : sessionPages(ids.get(2), lang, "href=\"/replies/221\"")) {
				assertThat(sent).contains(handshakeDone(lang))
					.contains("AUTH PLAIN ****")
					.doesNotContain(PLAIN_SECRET)
					.contains("href=\"/replies/235\"")
					.contains("mail FROM:&lt;alice@example.com&gt;")
					.contains("rcpt TO:&lt;carol@example.net&gt;")
					.doesNotContain("<carol@example.net>")
					.contains("Test message from smtplib")
					.contains("this message was sent with Python")
					.contains("href=\"/status-codes/2.0.0\"");
			}
		}
		HttpResponse<String> pem = sites().get(0).get("/sandbox/certificate.pem");
		assertThat(pem.body()).isEqualTo(this.listener.certificatePem());
	}

	@Test
	void pipelinedCommandsAreAnsweredInOrder() throws Exception {
		String id;
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\n");
			assertThat(smtp.reply()).contains("250-PIPELINING", "250-CHUNKING");
			smtp.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\nRCPT TO:<nobody@example.org>\r\n"
					+ "RCPT TO:<c@example.org>\r\nDATA\r\n");
			assertThat(smtp.last()).startsWith("250 2.1.0");
			assertThat(smtp.last()).startsWith("250 2.1.5 Recipient <b@example.org>");
			assertThat(smtp.last()).startsWith("550 5.1.1");
			assertThat(smtp.last()).startsWith("250 2.1.5 Recipient <c@example.org>");
			assertThat(smtp.last()).startsWith("354");
			smtp.send("Subject: pipelined <i>\r\n\r\n..dot-stuffed\r\n.\r\nNOOP\r\n");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK:");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK");
			smtp.send("QUIT\r\n");
			assertThat(smtp.last()).startsWith("221");
			assertThat(smtp.closedByServer()).isTrue();
		}
		for (String lang : List.of("en", "tr")) {
			for (String page : sessionPages(id, lang, "href=\"/replies/221\"")) {
				assertThat(page).contains("RCPT TO:&lt;nobody@example.org&gt;")
					.contains("href=\"/replies/550\"")
					.contains("href=\"/status-codes/5.1.1\"")
					.contains("href=\"/replies/354\"")
					.contains("pipelined &lt;i&gt;")
					.doesNotContain("pipelined <i>")
					.contains(".dot-stuffed")
					.doesNotContain("..dot-stuffed")
					.contains("NOOP");
				// Two recipients of three were taken.
				assertThat(page).contains("<code>b@example.org</code>, <code>c@example.org</code>");
			}
		}
	}

	@Test
	void bdatChunksAreReadByExactOctets() throws Exception {
		String id;
		byte[] first = "Subject: chunks\r\n\r\n.\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII);
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\n");
			assertThat(smtp.reply()).contains("250-CHUNKING");
			smtp.send("MAIL FROM:<a@example.com>\r\nRCPT TO:<b@example.org>\r\n");
			assertThat(smtp.last()).startsWith("250 2.1.0");
			assertThat(smtp.last()).startsWith("250 2.1.5");
			// The first chunk holds what would end DATA content; the command after the
			// second chunk comes in the same write.
			smtp.send("BDAT " + first.length + "\r\n");
			smtp.send(first);
			assertThat(smtp.last()).isEqualTo("250 2.0.0 " + first.length + " octets received");
			smtp.send("BDAT 4 LAST\r\nend!NOOP\r\n");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK: " + (first.length + 4) + " octets queued");
			assertThat(smtp.last()).startsWith("250 2.0.0 OK");
			smtp.send("QUIT\r\n");
			assertThat(smtp.last()).startsWith("221");
			assertThat(smtp.closedByServer()).isTrue();
		}
		int octets = first.length + 4;
		for (String lang : List.of("en", "tr")) {
			for (String page : sessionPages(id, lang, "href=\"/replies/221\"")) {
				assertThat(page).contains("BDAT " + first.length)
					.contains("BDAT 4 LAST")
					.contains("chunks")
					.contains("href=\"/status-codes/2.0.0\"")
					.contains(lang.equals("tr") ? octets + " bayt" : octets + " octets");
			}
		}
	}

	/** The listener's note after a TLS handshake, in the page's language. */
	private static String handshakeDone(String lang) {
		return lang.equals("tr") ? "TLS el sıkışması tamamlandı" : "TLS handshake done";
	}

	/**
	 * The listener's note when STARTTLS moves the session to a new id, in the page's
	 * language.
	 */
	private static String tlsStarted(String lang) {
		return lang.equals("tr") ? "TLS başladı" : "TLS started";
	}

}
