package org.smtpreference.decode;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.smtpreference.RawHttp;
import org.smtpreference.SiteClient;
import org.smtpreference.UiMessages;
import org.smtpreference.api.RequestBodyTooLargeException;
import org.smtpreference.content.Language;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder over real HTTP: the page's form post without script and the JSON address,
 * in both languages, and every body they cannot take answered with a clear 4xx.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DecodeHttpTests {

	static final String BOUNCE = """
			Reporting-MTA: dns; mail.example.net
			Arrival-Date: Mon,  5 Feb 2024 10:12:13 +0000 (UTC)

			Final-Recipient: rfc822; bob@example.com
			Action: failed
			Status: 5.1.1
			Remote-MTA: dns; mx.example.com [192.0.2.1]:25
			Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address
			    rejected: User unknown in local recipient table

			421-4.7.0 [203.0.113.5      15] Our system has detected an unusual rate of
			421 4.7.0 unsolicited mail originating from your IP address. z9si4415qkb.210 - gsmtp
			""";

	private static final Set<String> FINDING_MEMBERS = Set.of("code", "reply", "enhanced", "class", "retry",
			"retryAdvice", "title", "meaning", "enhancedTitle", "enhancedMeaning", "line", "start", "end", "excerpt",
			"causes", "sender", "admin", "links", "providerMeanings");

	@LocalServerPort
	int port;

	@Autowired
	JsonMapper json;

	@Autowired
	org.smtpreference.content.Reference reference;

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	private HttpResponse<String> postForm(String path, String text) {
		String body = (text != null) ? "text=" + URLEncoder.encode(text, StandardCharsets.UTF_8) : "";
		return client().send(HttpRequest.newBuilder(URI.create(client().base() + path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private HttpResponse<String> postJson(String path, String body, String contentType) {
		return client().send(HttpRequest.newBuilder(URI.create(client().base() + path))
			.header("Content-Type", contentType)
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
	}

	private static String message(Language language, String key) {
		return UiMessages.of(language).getProperty(key);
	}

	@Test
	void theEmptyPageShowsAFormThatPostsWithoutScript() {
		HttpResponse<String> page = client().get("/decode?lang=en");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<form id=\"decode-form\"")
			.contains("method=\"post\" action=\"/decode?lang=en\"")
			.contains("<textarea")
			.contains("name=\"text\"")
			.contains("src=\"/js/decode")
			.doesNotContain("id=\"decode-results\"");
	}

	@Test
	void theFormPostExplainsABounceOnThePage() {
		HttpResponse<String> page = postForm("/decode?lang=en", BOUNCE);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Cache-Control").orElse("")).doesNotContain("public");
		String body = page.body();
		assertThat(body).contains("<html lang=\"en\"")
			.contains("data-code=\"550 5.1.1\"")
			.contains("data-code=\"421 4.7.0\"")
			.contains("data-cause=\"unknown-user\"")
			.contains("data-cause=\"rate-limit\"")
			.contains("The recipient address does not exist")
			.contains(message(Language.EN, "decode.retry.5"))
			.contains(message(Language.EN, "decode.retry.4"))
			.contains("href=\"/replies/550\"")
			.contains("href=\"/status-codes/5.1.1\"")
			.contains("href=\"/replies/421\"");
		// The pasted text comes back in the box, and no number that is not a code is
		// explained.
		assertThat(body).contains("Recipient address").doesNotContain("data-code=\"203\"");
		assertThat(body.split("class=\"card mb-3 decode-finding\"", -1)).hasSize(3);
	}

	@Test
	void theTurkishPageIsInTurkish() {
		String body = postForm("/decode?lang=tr", BOUNCE).body();
		assertThat(body).contains("<html lang=\"tr\"")
			.contains("data-code=\"550 5.1.1\"")
			.contains("Böyle bir alıcı adresi yok")
			.contains(message(Language.TR, "decode.retry.5"))
			.contains(message(Language.TR, "decode.sender"))
			.doesNotContain("The recipient address does not exist")
			.doesNotContain(message(Language.EN, "decode.retry.5"));
	}

	@Test
	void anEmptyPostAndAPostWithoutCodesSaySo() {
		assertThat(postForm("/decode?lang=en", "").body()).contains(message(Language.EN, "decode.empty"));
		assertThat(postForm("/decode?lang=en", null).body()).contains(message(Language.EN, "decode.empty"));
		String none = postForm("/decode?lang=en", "Mon, 5 Feb 2024 10:12:13 +0000 from 192.0.2.1 port 587").body();
		assertThat(none).contains(message(Language.EN, "decode.none")).doesNotContain("decode-finding\"");
	}

	@Test
	void aPostedResultIsNeverStoredForTheEmptyPage() {
		client().get("/decode?lang=en");
		postForm("/decode?lang=en", BOUNCE);
		postForm("/decode", BOUNCE);
		String empty = client().get("/decode?lang=en").body();
		assertThat(empty).doesNotContain("decode-finding").doesNotContain("mail.example.net");
		assertThat(client().get("/decode").body()).doesNotContain("decode-finding");
	}

	@Test
	void markupInTheTextComesBackEscaped() {
		String body = postForm("/decode?lang=en", "<script>alert(1)</script>\n550 5.1.1 <b>x</b>").body();
		assertThat(body).doesNotContain("<script>alert(1)</script>")
			.doesNotContain("<b>x</b>")
			.contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void aFormOverTheLimitIsAClear413InTheReadersLanguage() {
		String big = "550 5.1.1 x\n" + "x".repeat(RequestBodyTooLargeException.MAX_BYTES);
		HttpResponse<String> english = postForm("/decode?lang=en", big);
		assertThat(english.statusCode()).isEqualTo(413);
		assertThat(english.body()).contains("id=\"decode-too-large\"").contains("65536").contains("<textarea");
		HttpResponse<String> turkish = postForm("/decode?lang=tr", "ğ".repeat(RequestBodyTooLargeException.MAX_BYTES));
		assertThat(turkish.statusCode()).isEqualTo(413);
		assertThat(turkish.body()).contains("<html lang=\"tr\"").contains("65536 bayttan");
		// A form far larger than any text the page takes is refused without being read.
		HttpResponse<String> huge = postForm("/decode?lang=en", "x".repeat(1_000_000));
		assertThat(huge.statusCode()).isBetween(400, 499);
		assertThat(huge.body()).doesNotContain("Exception").doesNotContain("Jetty");
	}

	@Test
	void theApiExplainsABounceInTheLanguageAsked() {
		String body = this.json.writeValueAsString(java.util.Map.of("text", BOUNCE));
		HttpResponse<String> english = postJson("/api/v1/decode?lang=en", body, "application/json");
		assertThat(english.statusCode()).isEqualTo(200);
		assertThat(english.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
		JsonNode en = this.json.readTree(english.body());
		assertThat(en.propertyNames()).containsExactlyInAnyOrder("lang", "findings", "causesWithoutCode", "complete",
				"linesRead", "lines", "notice", "recipients");
		assertThat(en.get("complete").booleanValue()).isTrue();
		assertThat(en.get("linesRead").intValue()).isEqualTo(en.get("lines").intValue()).isEqualTo(12);
		assertThat(en.get("notice").isNull()).isTrue();
		assertThat(en.get("lang").stringValue()).isEqualTo("en");
		JsonNode first = en.get("findings").get(0);
		assertThat(first.propertyNames()).containsExactlyInAnyOrderElementsOf(FINDING_MEMBERS);
		assertThat(first.get("code").stringValue()).isEqualTo("550 5.1.1");
		assertThat(first.get("reply").intValue()).isEqualTo(550);
		assertThat(first.get("enhanced").stringValue()).isEqualTo("5.1.1");
		assertThat(first.get("class").intValue()).isEqualTo(5);
		assertThat(first.get("retry").booleanValue()).isFalse();
		assertThat(first.get("line").intValue()).isEqualTo(8);
		assertThat(BOUNCE.substring(first.get("start").intValue(), first.get("end").intValue())).isEqualTo("550 5.1.1");
		assertThat(first.get("causes").get(0).get("id").stringValue()).isEqualTo("unknown-user");
		assertThat(first.get("causes").get(0).propertyNames()).containsExactlyInAnyOrder("id", "title", "explanation",
				"sender", "admin");
		assertThat(first.get("links").findValuesAsString("url")).containsExactly("/replies/550", "/status-codes/5.1.1");
		JsonNode second = en.get("findings").get(1);
		assertThat(second.get("code").stringValue()).isEqualTo("421 4.7.0");
		assertThat(second.get("retry").booleanValue()).isTrue();
		assertThat(en.get("findings")).hasSize(2);

		JsonNode tr = this.json
			.readTree(postJson("/api/v1/decode?lang=tr", body, "application/json; charset=utf-8").body());
		assertThat(tr.get("lang").stringValue()).isEqualTo("tr");
		assertThat(tr.get("findings").get(0).get("causes").get(0).get("title").stringValue())
			.isEqualTo("Böyle bir alıcı adresi yok");
		assertThat(tr.get("findings").get(0).get("meaning").stringValue())
			.isNotEqualTo(first.get("meaning").stringValue());
	}

	static final String YAHOO = "421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected "
			+ "volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes";

	@Test
	void aProviderMeaningIsShownBesideTheRegistryMeaningWithItsSource() {
		for (Language language : Language.values()) {
			String page = postForm("/decode?lang=" + language.tag(), YAHOO).body();
			assertThat(page).contains("data-provider=\"yahoo\"")
				.contains(message(language, "decode.providerMeans").replace("{0}", "Yahoo Mail"))
				.contains("href=\"https://senders.yahooinc.com/smtp-error-codes/\"")
				.contains(message(language, "decode.providerSource").replace("{0}", "Yahoo Mail"));
			// The registry's meaning of 4.7.0 stays on the page.
			assertThat(page).contains("4.7.0 · ");
		}
		String body = this.json.writeValueAsString(java.util.Map.of("text", YAHOO));
		JsonNode en = this.json.readTree(postJson("/api/v1/decode?lang=en", body, "application/json").body());
		JsonNode finding = en.get("findings").get(0);
		assertThat(finding.get("enhancedTitle").isNull()).isFalse();
		JsonNode meaning = finding.get("providerMeanings").get(0);
		assertThat(meaning.propertyNames()).containsExactlyInAnyOrder("provider", "providerName", "meaning", "cause",
				"source");
		assertThat(meaning.get("provider").stringValue()).isEqualTo("yahoo");
		assertThat(meaning.get("providerName").stringValue()).isEqualTo("Yahoo Mail");
		assertThat(meaning.get("cause").stringValue()).isEqualTo("rate-limit");
		assertThat(meaning.get("source").stringValue()).isEqualTo("https://senders.yahooinc.com/smtp-error-codes/");
		assertThat(meaning.get("meaning").stringValue()).contains("TSS04");
		JsonNode tr = this.json.readTree(postJson("/api/v1/decode?lang=tr", body, "application/json").body());
		assertThat(tr.get("findings").get(0).get("providerMeanings").get(0).get("meaning").stringValue())
			.contains("TSS04")
			.isNotEqualTo(meaning.get("meaning").stringValue());
		// A page example shows one, so the page checks (HTML validity, axe) cover it.
		assertThat(postForm("/decode?lang=en",
				reference.decodeExamples()
					.stream()
					.filter((example) -> example.id().equals("yahoo-deferral"))
					.findFirst()
					.orElseThrow()
					.text())
			.body()).contains("data-provider=\"yahoo\"");
		// Without the provider named in the text, its token is not taken as its word.
		String bare = this.json.writeValueAsString(java.util.Map.of("text", "421 4.7.0 [TSS04] deferred"));
		assertThat(this.json.readTree(postJson("/api/v1/decode", bare, "application/json").body())
			.get("findings")
			.get(0)
			.get("providerMeanings")).isEmpty();
	}

	/** A report with two recipients, and a returned message that must say nothing. */
	static final String REPORT = """
			Content-Type: multipart/report; report-type=delivery-status; boundary="b1"

			--b1
			Content-Type: message/delivery-status

			Reporting-MTA: dns; mail.example.net

			Final-Recipient: rfc822; bob@example.com
			Action: failed
			Status: 5.1.1
			Remote-MTA: dns; mx.example.com
			Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address
			    rejected: User unknown

			Final-Recipient: rfc822; carol@example.org
			Action: delayed
			Status: 4.2.2
			Diagnostic-Code: smtp; 452 4.2.2 Mailbox full
			Will-Retry-Until: Mon, 12 Feb 2024 10:12:13 +0000

			--b1
			Content-Type: text/rfc822-headers

			Subject: Re: 554 5.7.1 again
			Final-Recipient: rfc822; mallory@example.org
			Action: failed

			--b1--
			""";

	@Test
	void aDeliveryStatusNotificationShowsEachRecipientOnThePageAndInTheApi() {
		String page = postForm("/decode?lang=en", REPORT).body();
		assertThat(page).contains("id=\"decode-dsn\"")
			.contains("data-recipient=\"bob@example.com\"")
			.contains("data-recipient=\"carol@example.org\"")
			.doesNotContain("mallory@example.org\" ")
			.doesNotContain("data-code=\"554 5.7.1\"")
			.contains(message(Language.EN, "decode.dsn.action.failed"))
			.contains(message(Language.EN, "decode.dsn.action.delayed"))
			.contains("Mon, 12 Feb 2024 10:12:13 +0000")
			.contains("href=\"/status-codes/4.2.2\"");
		assertThat(page.split("class=\"card mb-2 decode-recipient\"", -1)).hasSize(3);
		String turkish = postForm("/decode?lang=tr", REPORT).body();
		assertThat(turkish).contains(message(Language.TR, "decode.dsn.title"))
			.contains(message(Language.TR, "decode.dsn.action.delayed"))
			.doesNotContain(message(Language.EN, "decode.dsn.action.delayed"));

		String body = this.json.writeValueAsString(java.util.Map.of("text", REPORT));
		JsonNode en = this.json.readTree(postJson("/api/v1/decode?lang=en", body, "application/json").body());
		assertThat(en.get("findings").findValuesAsString("code")).containsExactly("550 5.1.1", "452 4.2.2");
		JsonNode recipients = en.get("recipients");
		assertThat(recipients).hasSize(2);
		JsonNode bob = recipients.get(0);
		assertThat(bob.propertyNames()).containsExactlyInAnyOrder("finalRecipient", "originalRecipient", "action",
				"actionMeaning", "status", "statusUrl", "remoteMta", "diagnosticCode", "reply", "lastAttemptDate",
				"willRetryUntil", "line");
		assertThat(bob.get("finalRecipient").stringValue()).isEqualTo("bob@example.com");
		assertThat(bob.get("action").stringValue()).isEqualTo("failed");
		assertThat(bob.get("actionMeaning").stringValue()).isEqualTo(message(Language.EN, "decode.dsn.action.failed"));
		assertThat(bob.get("statusUrl").stringValue()).isEqualTo("/status-codes/5.1.1");
		assertThat(bob.get("remoteMta").stringValue()).isEqualTo("mx.example.com");
		assertThat(bob.get("diagnosticCode").stringValue())
			.isEqualTo("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown");
		assertThat(bob.get("reply").stringValue()).isEqualTo("550 5.1.1");
		assertThat(bob.get("willRetryUntil").isNull()).isTrue();
		JsonNode carol = recipients.get(1);
		assertThat(carol.get("action").stringValue()).isEqualTo("delayed");
		assertThat(carol.get("willRetryUntil").stringValue()).isEqualTo("Mon, 12 Feb 2024 10:12:13 +0000");
		JsonNode tr = this.json.readTree(postJson("/api/v1/decode?lang=tr", body, "application/json").body());
		assertThat(tr.get("recipients").get(1).get("actionMeaning").stringValue())
			.isEqualTo(message(Language.TR, "decode.dsn.action.delayed"));
		JsonNode none = this.json
			.readTree(postJson("/api/v1/decode", "{\"text\": \"550 5.1.1 x\"}", "application/json").body());
		assertThat(none.get("recipients")).isEmpty();
	}

	@Test
	void theApiEscapesMarkupAndTakesAnyText() {
		HttpResponse<String> response = postJson("/api/v1/decode",
				"{\"text\": \"<script>alert(1)</script> 550 5.1.1 <b>\\u0000\\u001b\"}", "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("<script>").doesNotContain("<b>");
		assertThat(this.json.readTree(postJson("/api/v1/decode", "{\"text\": \"\"}", "application/json").body())
			.get("findings")).isEmpty();
	}

	@Test
	void bodiesTheApiCannotTakeAreProblemsNeverServerErrors() {
		for (String body : List.of("not json", "{\"text\": 5}", "[]", "{}", "{\"text\": null}", "", "{\"text\": [1]}",
				"{\"text\": \"unterminated")) {
			assertProblem(postJson("/api/v1/decode", body, "application/json"), 400, body);
		}
		assertProblem(postJson("/api/v1/decode", "{\"text\": \"550\"}", "text/plain"), 415, "text/plain");
		assertProblem(postJson("/api/v1/decode", "text=550", "application/x-www-form-urlencoded"), 415, "form");
		byte[] notUtf8 = { '{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xc3, 0x28, (byte) 0xff, '"', '}' };
		assertProblem(client().send(HttpRequest.newBuilder(URI.create(client().base() + "/api/v1/decode"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(notUtf8))), 400, "bytes that are not UTF-8");
		JsonNode turkish = assertProblem(postJson("/api/v1/decode?lang=tr", "nope", "application/json"), 400, "tr");
		assertThat(turkish.get("title").stringValue()).isEqualTo(message(Language.TR, "api.problem.unreadable.title"));
	}

	@Test
	void aBodyOverTheLimitIsA413WithOrWithoutItsLength() {
		String big = "{\"text\": \"" + "550 5.1.1 ".repeat(7000) + "\"}";
		assertThat(big.length()).isGreaterThan(RequestBodyTooLargeException.MAX_BYTES);
		JsonNode declared = assertProblem(postJson("/api/v1/decode", big, "application/json"), 413, "declared");
		assertThat(declared.get("detail").stringValue()).contains("65536");
		HttpRequest.Builder chunked = HttpRequest.newBuilder(URI.create(client().base() + "/api/v1/decode?lang=tr"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofString(big)));
		JsonNode problem = assertProblem(client().send(chunked), 413, "chunked");
		assertThat(problem.get("detail").stringValue()).contains("65536");
		// The same over a raw socket, chunked by hand.
		StringBuilder body = new StringBuilder();
		String chunk = "a".repeat(4096);
		body.append("9\r\n{\"text\":\"\r\n");
		for (int i = 0; i < 20; i++) {
			body.append("1000\r\n").append(chunk).append("\r\n");
		}
		body.append("0\r\n");
		RawHttp.Response raw = RawHttp.send(this.port, "POST /api/v1/decode HTTP/1.1", "Content-Type: application/json",
				"Transfer-Encoding: chunked\r\n\r\n" + body);
		assertThat(raw.status()).isEqualTo(413);
		assertThat(raw.header("Content-Type")).startsWith("application/problem+json");
	}

	@Test
	void theCraftedTextsOfTheSecurityReviewAreReadWhole() {
		// Each cost 10 to 23 CPU-seconds before; DecoderWorkTests counts their work.
		String api = this.json.writeValueAsString(java.util.Map.of("text", "550 \n".repeat(10_920)));
		HttpResponse<String> response = postJson("/api/v1/decode", api, "application/json");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode answer = this.json.readTree(response.body());
		assertThat(answer.get("complete").booleanValue()).isTrue();
		assertThat(answer.get("lines").intValue()).isEqualTo(10_920);
		assertThat(answer.get("findings").findValuesAsString("code")).containsExactly("550");
		HttpResponse<String> form = postForm("/decode", "550 \n".repeat(13_107));
		assertThat(form.statusCode()).isEqualTo(200);
		assertThat(form.body()).contains("data-code=\"550\"").doesNotContain("id=\"decode-partial\"");
	}

	@Test
	void aTextReadOnlyInPartSaysSoInBothLanguages() {
		StringBuilder text = new StringBuilder();
		for (int detail = 0; detail < 200; detail++) {
			text.append("550 5.1.").append(detail).append(" x\n");
		}
		String body = this.json.writeValueAsString(java.util.Map.of("text", text.toString()));
		JsonNode en = this.json.readTree(postJson("/api/v1/decode?lang=en", body, "application/json").body());
		assertThat(en.get("complete").booleanValue()).isFalse();
		assertThat(en.get("findings")).hasSize(Decoder.MAX_CODES);
		assertThat(en.get("linesRead").intValue()).isEqualTo(Decoder.MAX_CODES + 1);
		assertThat(en.get("lines").intValue()).isEqualTo(200);
		String upTo = (Decoder.MAX_CODES + 1) + " of 200";
		assertThat(en.get("notice").stringValue()).contains("only up to line " + upTo)
			.contains(Decoder.MAX_CODES + " different codes");
		JsonNode tr = this.json.readTree(postJson("/api/v1/decode?lang=tr", body, "application/json").body());
		assertThat(tr.get("notice").stringValue())
			.contains("200 satırın yalnızca " + (Decoder.MAX_CODES + 1) + ". satırına kadar okundu");
		HttpResponse<String> page = postForm("/decode?lang=en", text.toString());
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("id=\"decode-partial\"").contains("only up to line " + upTo);
		assertThat(postForm("/decode?lang=tr", text.toString()).body()).contains("id=\"decode-partial\"")
			.contains("200 satırın yalnızca " + (Decoder.MAX_CODES + 1) + ". satırına kadar okundu");
	}

	private JsonNode assertProblem(HttpResponse<String> response, int status, String what) {
		assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type").orElse("")).as(what)
			.startsWith("application/problem+json");
		assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("\tat ");
		JsonNode problem = this.json.readTree(response.body());
		assertThat(problem.get("status").intValue()).as(what).isEqualTo(status);
		assertThat(problem.get("title").stringValue()).as(what).isNotBlank();
		assertThat(problem.get("detail").stringValue()).as(what).isNotBlank();
		return problem;
	}

}
