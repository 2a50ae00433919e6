package org.smtpreference.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.smtpreference.PageText;
import org.smtpreference.SiteClient;
import org.smtpreference.UiMessages;
import org.smtpreference.content.Language;

import org.smtpreference.web.SitePages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Turkish page says nothing in English that the site wrote itself: every kind of page,
 * guided sessions and a sandbox session page with the listener's notes are read with
 * {@code ?lang=tr} and searched for the English sentences of {@code messages.properties}
 * (protocol text, which both languages show alike, is not among them).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.smtps-port=0", "site.sandbox.bind-address=127.0.0.1", "site.sandbox.public-host=localhost" })
class TurkishPagesTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*\\}");

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener listener;

	@Autowired
	SitePages pages;

	@Test
	void turkishPagesShowNoEnglishSentenceOfTheSite() throws Exception {
		Set<String> english = englishSentences();
		// The listener's notes are among them: the list would not catch them otherwise.
		assertThat(english).contains("Connection opened", "Connection closed", "Message content:");
		SiteClient site = new SiteClient(this.port);
		List<String> paths = new ArrayList<>();
		this.pages.samples().values().forEach(paths::addAll);
		paths.addAll(List.of("/search?q=tls", "/playground?try=ehlo", "/playground?scenario=plain-delivery",
				"/playground?scenario=chunking", "/playground?scenario=greylisting"));
		List<String> found = new ArrayList<>();
		for (String path : paths) {
			HttpResponse<String> page = site.get(path + (path.contains("?") ? "&" : "?") + "lang=tr");
			assertThat(page.statusCode()).as(path).isEqualTo(200);
			// Code quotes protocol lines, which are English in any language.
			found.addAll(english(path, PageText.prose(page.body()), english));
		}
		String session = sandboxSession(site);
		// Here the notes are inside the transcript's code: read all the text, whose
		// client
		// and server lines quote nothing of messages.properties.
		found.addAll(english("/sandbox/{id}", PageText.of(session), english));
		assertThat(found).as("English sentences on Turkish pages").isEmpty();
		assertThat(session).contains("Bağlantı açıldı", "İleti içeriği: ", "Bağlantı kapandı");
	}

	@Test
	void liveUpdatesSayTheNotesInThePagesLanguage() throws Exception {
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			String id = SmtpClient.sessionId(smtp.last());
			String page = new SiteClient(this.port).get("/sandbox/" + id + "?lang=tr").body();
			// The page hands its language to the live updates it asks for.
			assertThat(page).contains("data-events=\"/sandbox/" + id + "/events?lang=tr\"");
			CompletableFuture<HttpResponse<Stream<String>>> events = HttpClient.newHttpClient()
				.sendAsync(HttpRequest
					.newBuilder(
							URI.create("http://localhost:" + this.port + "/sandbox/" + id + "/events?lang=tr&after=0"))
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofLines());
			HttpResponse<Stream<String>> response = events.get(30, TimeUnit.SECONDS);
			assertThat(response.statusCode()).isEqualTo(200);
			smtp.send("QUIT\r\n");
			List<String> lines = new ArrayList<>();
			response.body().forEach(lines::add);
			assertThat(String.join("\n", lines)).contains("Bağlantı açıldı")
				.contains("Bağlantı kapandı")
				.doesNotContain("Connection opened")
				.doesNotContain("Connection closed")
				.contains("event:closed");
		}
	}

	/**
	 * The page of one sandbox session with a message, once its closing note is recorded.
	 */
	private String sandboxSession(SiteClient site) throws Exception {
		String id;
		try (SmtpClient smtp = new SmtpClient(this.listener.smtpPort())) {
			id = SmtpClient.sessionId(smtp.last());
			smtp.send("EHLO client.example\r\n");
			smtp.reply();
			smtp.send("MAIL FROM:<alice@example.org>\r\n");
			assertThat(smtp.last()).startsWith("250");
			smtp.send("RCPT TO:<bob@example.com>\r\n");
			assertThat(smtp.last()).startsWith("250");
			smtp.send("DATA\r\n");
			assertThat(smtp.last()).startsWith("354");
			smtp.send("Subject: Merhaba\r\n\r\nBugünkü notlar.\r\n.\r\n");
			assertThat(smtp.last()).startsWith("250");
			smtp.send("QUIT\r\n");
			assertThat(smtp.last()).startsWith("221");
		}
		String body = "";
		for (int i = 0; i < 100 && !body.contains("Bağlantı kapandı</"); i++) {
			body = site.get("/sandbox/" + id + "?lang=tr").body();
			if (!body.contains("Bağlantı kapandı</")) {
				Thread.sleep(100);
			}
		}
		return body;
	}

	/**
	 * The English sentences of the UI messages: the literal parts between placeholders of
	 * three words or more, of every message whose Turkish differs.
	 */
	private static Set<String> englishSentences() {
		Properties en = UiMessages.of(Language.EN);
		Properties tr = UiMessages.of(Language.TR);
		Set<String> sentences = new LinkedHashSet<>();
		for (String key : en.stringPropertyNames()) {
			String value = en.getProperty(key);
			if (value.equals(tr.getProperty(key))) {
				continue;
			}
			boolean formatted = PLACEHOLDER.matcher(value).find();
			for (String part : PLACEHOLDER.split(value)) {
				String text = (formatted ? part.replace("''", "'") : part).strip();
				if (text.split("\\s+").length >= 2 && text.length() >= 12 && !text.contains("<")) {
					sentences.add(text);
				}
			}
		}
		return sentences;
	}

	private static List<String> english(String path, String text, Set<String> sentences) {
		return sentences.stream().filter(text::contains).map((sentence) -> path + ": " + sentence).toList();
	}

}
