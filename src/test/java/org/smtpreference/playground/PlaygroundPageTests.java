package org.smtpreference.playground;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import org.smtpreference.content.Language;
import org.smtpreference.decode.ReplyMeanings;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The playground page without script: a posted transcript comes back played and escaped,
 * a command's example is filled in, a guided session shows every step, and unknown names
 * get a notice rather than an error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlaygroundPageTests {

	@LocalServerPort
	int port;

	@Autowired
	ReplyMeanings meanings;

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	private HttpResponse<String> postForm(String query, String transcript) {
		String form = "transcript=" + URLEncoder.encode(transcript, StandardCharsets.UTF_8);
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(client().base() + "/playground" + query))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
		return client().send(request);
	}

	@Test
	void aPostedTranscriptIsPlayedWithItsCodesLinked() {
		HttpResponse<String> response = postForm("?lang=en",
				"EHLO a.example\r\nMAIL FROM:<alice@example.org>\r\nRCPT TO:<nobody@example.com>\r\nQUIT\r\nNOOP\r\n");
		assertThat(response.statusCode()).isEqualTo(200);
		String page = response.body();
		assertThat(page)
			.contains("<span class=\"marker\">C:</span> <a href=\"/commands/ehlo\">EHLO</a> a.example</div>")
			.contains("<a href=\"/replies/550\">550</a> <a href=\"/status-codes/5.1.1\">5.1.1</a> "
					+ "&lt;nobody@example.com&gt;: Recipient address rejected: User unknown")
			.contains("<a href=\"/replies/221\">221</a>")
			.contains("data-played=\"true\">EHLO a.example\nMAIL FROM")
			.contains("<p id=\"playground-closed\" class=\"small\">");
		// Lines after QUIT are not played.
		assertThat(page).doesNotContain("<span class=\"marker\">C:</span> NOOP</div>");
		assertThat(response.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");
	}

	@Test
	void aPostedTranscriptSaysWhatEachReplyMeansInTheReadersLanguage() {
		String transcript = "EHLO a.example\nMAIL FROM:<alice@example.org>\nRCPT TO:<nobody@example.com>\n";
		String english = postForm("?lang=en", transcript).body();
		String turkish = postForm("?lang=tr", transcript).body();
		String reply = "550 5.1.1 <nobody@example.com>: Recipient address rejected: User unknown";
		String en = this.meanings.of(reply, Language.EN).orElseThrow().text();
		String tr = this.meanings.of(reply, Language.TR).orElseThrow().text();
		assertThat(en).isNotEqualTo(tr);
		// Under the reply's line, in the page's language only.
		assertThat(english)
			.contains("User unknown</div><div class=\"meaning\">" + HtmlUtils.htmlEscape(en, "UTF-8") + "</div>")
			.doesNotContain(HtmlUtils.htmlEscape(tr, "UTF-8"));
		assertThat(turkish)
			.contains("User unknown</div><div class=\"meaning\">" + HtmlUtils.htmlEscape(tr, "UTF-8") + "</div>");
		// EHLO's keywords link to their extensions.
		assertThat(english).contains("250</a>-<a href=\"/extensions/pipelining\">PIPELINING</a></div>");
	}

	@Test
	void withoutScriptThePostedTranscriptShowsItsNewestLineAndCanBeReset() {
		String page = postForm("?lang=tr",
				"EHLO a.example\nMAIL FROM:<alice@example.org>\nRCPT TO:<bob@example.com>\nDATA\n")
			.body();
		// The form posts to the end of the log, so the browser shows the newest line.
		assertThat(page).contains("<form id=\"playground-form\" method=\"post\" action=\"/playground#playground-end\">")
			.containsPattern(
					"Start mail input; end with &lt;CRLF&gt;.&lt;CRLF&gt;</div>(<div class=\"meaning\">[^<]*</div>)?"
							+ "<span id=\"playground-end\"></span></div>");
		// Reset is a form of its own, in the page's language.
		assertThat(page)
			.containsPattern("<form id=\"playground-reset-form\"[^>]* method=\"get\" action=\"/playground\">\\s*"
					+ "<input type=\"hidden\" name=\"lang\" value=\"tr\">\\s*<button[^>]*>Sıfırla</button>");
		// After 354 the server reads the message: the page says how it ends.
		assertThat(page)
			.contains("<p id=\"playground-state\" class=\"small alert alert-info py-1 px-2\" role=\"status\">"
					+ "İleti yazılıyor: bitirmek için yalnızca &quot;.&quot; (tek bir nokta) içeren bir satır gönderin.</p>");
		String reset = client().get("/playground?lang=tr").body();
		assertThat(reset).doesNotContain("playground-reset-form")
			.contains(
					"<p id=\"playground-state\" class=\"small alert alert-info py-1 px-2\" role=\"status\" hidden=\"hidden\">");
	}

	@Test
	void aClearTextAuthLoginAnswerGetsABase64Hint() {
		String page = postForm("?lang=en", "EHLO a\nSTARTTLS\nEHLO a\nAUTH LOGIN\nalice\n").body();
		assertThat(page).contains("<div class=\"hint\">AUTH LOGIN wants this line in base64, not clear text: "
				+ "alice in base64 is YWxpY2U=.</div>");
		String encoded = postForm("?lang=tr", "EHLO a\nSTARTTLS\nEHLO a\nAUTH LOGIN\nYWxpY2U=\n").body();
		assertThat(encoded).doesNotContain("class=\"hint\"");
	}

	@Test
	void theToolsHaveAddressesOfTheirOwn() {
		for (String lang : new String[] { "en", "tr" }) {
			HttpResponse<String> auth = client().get("/playground/auth?lang=" + lang);
			HttpResponse<String> message = client().get("/playground/message?lang=" + lang);
			assertThat(auth.statusCode()).isEqualTo(200);
			assertThat(message.statusCode()).isEqualTo(200);
			assertThat(auth.body()).contains("id=\"auth-form\"").doesNotContain("id=\"message-form\"");
			assertThat(message.body()).contains("id=\"message-form\"").doesNotContain("id=\"auth-form\"");
			String playground = client().get("/playground?lang=" + lang).body();
			assertThat(playground).doesNotContain("id=\"auth-form\"", "id=\"message-form\"")
				.contains("<a href=\"/playground/auth\">", "<a href=\"/playground/message\">");
		}
	}

	@Test
	void markupInATranscriptComesBackEscaped() {
		String page = postForm("?lang=tr", "EHLO a\nMAIL FROM:<<script>alert(1)</script>>\n").body();
		assertThat(page).doesNotContain("<script>alert(1)</script>")
			.contains("Bad sender address syntax: &lt;&lt;script&gt;alert(1)&lt;/script&gt;&gt;")
			.contains("<html lang=\"tr\"");
	}

	@Test
	void aTranscriptOverTheLimitIsRefusedWithANotice() {
		HttpResponse<String> response = postForm("?lang=en", String.join("\n", Collections.nCopies(1001, "NOOP")));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("at most 1000 lines and 64 KiB")
			.doesNotContain("<span class=\"marker\">C:</span> NOOP");
	}

	@Test
	void aLongTranscriptIsPlayedWholeButShownOnlyInPartWithANote() {
		// 1,000 EHLO (17 KB) made 13,000 lines (12,000 now that AUTH waits for TLS): 1.38
		// MB of page and 5 CPU-seconds.
		String transcript = String.join("\n", Collections.nCopies(1000, "EHLO a.example"));
		HttpResponse<String> response = postForm("?lang=en", transcript);
		assertThat(response.statusCode()).isEqualTo(200);
		String page = response.body();
		int clientLines = count(page, "<div class=\"line client\">");
		int lines = clientLines + count(page, "<div class=\"line server\">");
		// The greeting and whole exchanges up to the limit, each EHLO answered in full.
		assertThat(lines - 1).isLessThanOrEqualTo(PlaygroundController.MAX_SHOWN_LINES)
			.isGreaterThan(PlaygroundController.MAX_SHOWN_LINES - 20)
			.isEqualTo(clientLines * 12);
		assertThat(page.length()).isLessThan(400_000);
		assertThat(page).contains("<a href=\"/replies/250\">250</a>-<a href=\"/extensions/size\">SIZE</a>")
			.contains("id=\"playground-cut\"")
			.contains("only its first " + (lines - 1) + " of 12000 lines are shown")
			.contains("data-played=\"true\">EHLO a.example\nEHLO a.example");
		assertThat(postForm("?lang=tr", transcript).body())
			.contains("12000 satırın yalnızca ilk " + (lines - 1) + " satırı gösteriliyor");
		// A session of ordinary length is shown whole, without the note.
		String whole = postForm("?lang=en", "EHLO a.example\nNOOP\n").body();
		assertThat(count(whole, "<div class=\"line ")).isEqualTo(1 + 12 + 2);
		assertThat(whole).doesNotContain("id=\"playground-cut\"");
	}

	private static int count(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
			count++;
		}
		return count;
	}

	@Test
	void tryFillsInACommandsExampleWithoutItsPlaceholders() {
		String page = client().get("/playground?try=starttls&lang=en").body();
		assertThat(page)
			.contains("data-played=\"false\">EHLO client.example.org\nSTARTTLS\nEHLO client.example.org</textarea>")
			.doesNotContain("TLS handshake")
			.contains("href=\"/playground?try=starttls&amp;lang=tr\"");
		// The lines an example assumes come first.
		assertThat(client().get("/playground?try=MAIL&lang=en").body()).contains(
				"data-played=\"false\">EHLO client.example.org\nMAIL FROM:&lt;alice@example.org&gt; SIZE=2048 BODY=8BITMIME</textarea>");
		// An example the simulated server answers otherwise says why.
		assertThat(client().get("/playground?try=expn&lang=tr").body()).contains("data-played=\"false\">")
			.containsPattern(
					"<div class=\"alert alert-info\">\\s*<p class=\"mb-0\"><a href=\"/commands/expn\">[^<]+</a></p>\\s*<p>");
	}

	@Test
	void aGuidedSessionShowsEveryStepWithTheServersReplies() {
		HttpResponse<String> response = client().get("/playground?scenario=pipelining&lang=tr");
		assertThat(response.statusCode()).isEqualTo(200);
		String page = response.body();
		assertThat(page).contains("id=\"step-1\"", "id=\"step-2\"", "id=\"step-3\"", "id=\"step-4\"")
			.contains("<h2 class=\"h4\" id=\"scenario-title\">PIPELINING: zarf tek seferde</h2>")
			.contains("<a href=\"/replies/550\">550</a> <a href=\"/status-codes/5.1.1\">5.1.1</a>")
			.contains("<a href=\"/replies/354\">354</a> Start mail input")
			.contains("href=\"/playground?scenario=pipelining&amp;lang=en\"");
	}

	@Test
	void unknownNamesGetANoticeAndTheGuidedSessions() {
		HttpResponse<String> scenario = client().get("/playground?scenario=%3Cb%3Enope&lang=en");
		assertThat(scenario.statusCode()).isEqualTo(404);
		assertThat(scenario.body()).contains("There is no guided session &#39;&lt;b&gt;nope&#39;")
			.contains("href=\"/playground?scenario=greylisting\"");
		HttpResponse<String> command = client().get("/playground?try=nope&lang=tr");
		assertThat(command.statusCode()).isEqualTo(404);
		assertThat(command.body()).contains("Denenecek &#39;nope&#39; adında bir komut yok.");
		assertThat(client().get("/playground?try=&scenario=&lang=en").statusCode()).isEqualTo(200);
	}

	@Test
	void thePageNamesTheDemoAccountAndAddressesFromTheEngine() {
		String page = client().get("/playground?lang=en").body();
		assertThat(page).contains("<code>alice</code>", "<code>s3cret</code>")
			.contains("<code>RCPT TO:&lt;greylist@example.com&gt;</code>")
			.contains("<a href=\"/replies/450\">450</a> <a href=\"/status-codes/4.7.1\">4.7.1</a>")
			.contains("At most 100 recipients per message and 10485760 octets");
	}

}
