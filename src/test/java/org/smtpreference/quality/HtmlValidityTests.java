package org.smtpreference.quality;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.smtpreference.RawHttp;
import org.smtpreference.SiteClient;
import org.smtpreference.probe.ScriptedServer;
import org.smtpreference.content.Language;
import org.smtpreference.web.SitePages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every page in both languages, and the error pages, is valid HTML to the current Nu HTML
 * Checker: zero errors, fetched over real HTTP as a browser gets it. Each test gathers
 * its pages first and has them checked in one run of the checker.
 */
// The probe on for loopback, so its page and API are checked as readers who use it see
// them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.probe.enabled=true", "site.probe.allowed-targets=127.0.0.1/32:1-65535",
				"site.probe.reply-timeout=2s", "site.probe.per-client=1000", "site.probe.global=1000" })
@Import(HtmlValidityTests.Failing.class)
class HtmlValidityTests {

	@LocalServerPort
	int port;

	@Autowired
	SitePages pages;

	@BeforeAll
	static void checkerInstalled() {
		HtmlChecker.assumeAvailable();
	}

	@TestFactory
	Stream<DynamicTest> everyPageIsValidHtml() {
		SiteClient client = new SiteClient(this.port);
		List<CheckedPage> all = CheckedPage.all(this.pages);
		Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
		all.forEach((page) -> responses.put(page.url(), client.get(page.url())));
		Map<String, String> bodies = new LinkedHashMap<>();
		responses.forEach((url, response) -> bodies.put(url, response.body()));
		Map<String, List<String>> errors = HtmlChecker.check(bodies);
		return all.stream().map((page) -> DynamicTest.dynamicTest(page.url(), () -> {
			assertThat(responses.get(page.url()).statusCode()).as(page.url()).isEqualTo(page.status());
			assertValid(page.url(), errors.get(page.url()));
		}));
	}

	@Test
	void otherErrorPagesAreValidHtml() {
		SiteClient client = new SiteClient(this.port);
		Map<String, String> bodies = new LinkedHashMap<>();
		for (Language language : Language.values()) {
			// A method the page does not allow gets the generic 4xx page.
			String url = "/faq?lang=" + language.tag();
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create(client.base() + url)).POST(HttpRequest.BodyPublishers.noBody()));
			assertThat(response.statusCode()).as("POST " + url).isEqualTo(405);
			bodies.put("POST " + url, response.body());
			// A failure inside the application gets the 5xx page, which tells nothing of
			// it.
			String failing = Failing.PATH + "?lang=" + language.tag();
			HttpResponse<String> failure = client.get(failing);
			assertThat(failure.statusCode()).as(failing).isEqualTo(500);
			assertThat(failure.body()).as(failing)
				.contains("lang=\"" + language.tag() + "\"")
				.doesNotContain(Failing.SECRET)
				.doesNotContain("IllegalStateException");
			bodies.put(failing, failure.body());
		}
		HtmlChecker.check(bodies).forEach(HtmlValidityTests::assertValid);
	}

	@Test
	void pagesTheContainerAnswersItselfAreValidHtml() {
		Map<String, String> bodies = new LinkedHashMap<>();
		for (Language language : Language.values()) {
			for (String line : List.of("GET /commands/..%2f..%2fetc HTTP/1.1", "GET /% HTTP/1.1",
					"GET /" + "x".repeat(20_000) + " HTTP/1.1")) {
				RawHttp.Response response = RawHttp.send(this.port, line, "Accept-Language: " + language.tag());
				String shortLine = line.substring(0, Math.min(line.length(), 40));
				assertThat(response.status()).as(shortLine).isBetween(400, 499);
				bodies.put(shortLine + " (" + language.tag() + ")", response.text());
			}
		}
		HtmlChecker.check(bodies).forEach(HtmlValidityTests::assertValid);
	}

	/**
	 * Pages that only a form post shows: the decoder's results (codes with and without
	 * causes, an enhanced code the registry lacks, a text without codes that names a
	 * cause, a provider's own meaning of a code), its empty post and its answer to a text
	 * over the limit.
	 */
	@Test
	void postedDecoderPagesAreValidHtml() {
		SiteClient client = new SiteClient(this.port);
		Map<String, String> bodies = new LinkedHashMap<>();
		List<String> texts = List.of(
				"550-5.1.1 The email account that you tried to reach does not exist.\n550 5.1.1 gsmtp\n"
						+ "Status: 4.2.2\n451 4.7.500 Server busy <b>&</b>\n250 Ok\n5.7.1\n",
				"", "status=bounced (message size 35882577 exceeds size limit 10240000)", "x".repeat(70_000),
				// What a provider means by its code, beside the registry's meaning
				"421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred; see "
						+ "https://postmaster.yahooinc.com/error-codes",
				// A delivery-status notification: one card per recipient.
				"Final-Recipient: rfc822; bob@example.com\nOriginal-Recipient: rfc822; b@example.com\nAction: failed\n"
						+ "Status: 5.1.1\nRemote-MTA: dns; mx.example.com\nDiagnostic-Code: smtp; 550 5.1.1 <b>\n"
						+ "Last-Attempt-Date: Mon, 5 Feb 2024\n\nFinal-Recipient: rfc822; c@example.org\n"
						+ "Action: odd\nStatus: 4.9.9\nWill-Retry-Until: Mon, 12 Feb 2024\n");
		for (Language language : Language.values()) {
			for (String text : texts) {
				String url = "/decode?lang=" + language.tag();
				HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(client.base() + url))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(
							"text=" + java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8))));
				String what = "POST " + url + " " + text.substring(0, Math.min(30, text.length()));
				assertThat(response.statusCode()).as(what).isIn(200, 413);
				bodies.put(what + " (" + bodies.size() + ")", response.body());
			}
		}
		HtmlChecker.check(bodies).forEach(HtmlValidityTests::assertValid);
	}

	/**
	 * The probe's pages that only a post shows: a result with markup and control
	 * characters from the server, EHLO keywords and a refused recipient, a refused
	 * target, a form with a wrong field, and an unknown result.
	 */
	@Test
	void postedProbePagesAreValidHtml() throws Exception {
		SiteClient client = new SiteClient(this.port);
		Map<String, String> bodies = new LinkedHashMap<>();
		try (ScriptedServer server = ScriptedServer.start("220 <b>mx</b> \u0007 & ESMTP\r\n",
				ScriptedServer::ordinary)) {
			List<String> forms = List.of(
					"host=127.0.0.1&port=" + server.port()
							+ "&mode=plain&sender=a%40b.example&recipient=nobody%40b.example",
					"host=192.0.2.1&port=25", "host=127.0.0.1&port=x",
					"host=127.0.0.1&port=" + server.port() + "&mode=starttls");
			for (Language language : Language.values()) {
				for (String form : forms) {
					String url = "/probe?lang=" + language.tag();
					HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(client.base() + url))
						.header("Content-Type", "application/x-www-form-urlencoded")
						.POST(HttpRequest.BodyPublishers.ofString(form)));
					String what = "POST " + url + " " + form;
					assertThat(response.statusCode()).as(what).isIn(200, 400, 403);
					bodies.put(what, response.body());
				}
				String unknown = "/probe/" + "0".repeat(32) + "?lang=" + language.tag();
				bodies.put(unknown, client.get(unknown).body());
			}
		}
		assertThat(bodies.values()).anyMatch((body) -> body.contains("id=\"probe-ehlo-before\""));
		HtmlChecker.check(bodies).forEach(HtmlValidityTests::assertValid);
	}

	@Test
	void checkerFindsParserSchemaAssertionAndCurrentAriaErrors() {
		String head = "<!DOCTYPE html><html lang=\"en\"><title>t</title>";
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("valid", head + "<p>ok</p>");
		pages.put("parser", head + "<p><div></p>");
		pages.put("schema", head + "<div colour=\"red\">x</div>");
		pages.put("assertion", head + "<img src=\"a.png\">");
		pages.put("ids", head + "<b id=\"a\"></b><i id=\"a\"></i>");
		// A rule the 2020 release did not have: aria-label does not name a <pre>.
		pages.put("aria", head + "<pre aria-label=\"Example\">EHLO</pre>");
		Map<String, List<String>> errors = HtmlChecker.check(pages);
		assertThat(errors.get("valid")).isEmpty();
		assertThat(errors.get("parser")).anyMatch((e) -> e.startsWith("line 1: "));
		assertThat(errors.get("schema")).anyMatch((e) -> e.contains("colour"));
		assertThat(errors.get("assertion")).anyMatch((e) -> e.contains("alt"));
		assertThat(errors.get("ids")).anyMatch((e) -> e.contains("Duplicate ID"));
		assertThat(errors.get("aria")).anyMatch((e) -> e.contains("aria-label"));
	}

	private static void assertValid(String page, List<String> errors) {
		assertThat(errors).as("Nu HTML Checker errors on %s:%n  %s", page, String.join("\n  ", errors)).isEmpty();
	}

	/**
	 * A route that fails, so that the 5xx page is rendered by the real error handling.
	 */
	@Controller
	static class Failing {

		static final String PATH = "/test-only/failure";

		static final String SECRET = "a detail only the server should see";

		@GetMapping(PATH)
		String fail() {
			throw new IllegalStateException(SECRET);
		}

	}

}
