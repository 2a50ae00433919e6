package org.smtpreference;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.smtpreference.content.Command;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.web.SitePages;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole site over real HTTP: every page in both languages, redirects, errors and the
 * wording of each language.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SiteTests {

	@LocalServerPort
	int port;

	@Autowired
	SitePages pages;

	@Autowired
	Reference reference;

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	@Test
	void everyMessageHasATurkishTwinAndViceVersa() {
		Properties english = UiMessages.of(Language.EN);
		Properties turkish = UiMessages.of(Language.TR);
		assertThat(turkish.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		english.stringPropertyNames().forEach((key) -> assertThat(turkish.getProperty(key)).as(key).isNotBlank());
	}

	@Test
	void everyPageAnswersInBothLanguages() {
		List<String> failures = new ArrayList<>();
		for (String path : this.pages.paths()) {
			for (Language language : Language.values()) {
				HttpResponse<String> response = client().get(path + "?lang=" + language.tag());
				String body = response.body();
				if (response.statusCode() != 200) {
					failures.add(path + " (" + language.tag() + "): status " + response.statusCode());
					continue;
				}
				if (!body.contains("<html lang=\"" + language.tag() + "\"")) {
					failures.add(path + " (" + language.tag() + "): wrong <html lang>");
				}
				if (!body.contains("hreflang=\"en\"") || !body.contains("hreflang=\"tr\"")) {
					failures.add(path + " (" + language.tag() + "): missing hreflang alternates");
				}
				if (!body.contains("href=\"" + path + "?lang=" + language.other().tag() + "\"")) {
					failures.add(path + " (" + language.tag() + "): language switch does not keep the page");
				}
				String leaked = leakedText(PageText.prose(body), language);
				if (leaked != null) {
					failures.add(path + " (" + language.tag() + "): text of the other language: " + leaked);
				}
			}
		}
		assertThat(failures).isEmpty();
	}

	/**
	 * A UI string of the other language found on the page, or {@code null}.
	 */
	private static String leakedText(String text, Language language) {
		Properties mine = UiMessages.of(language);
		Properties other = UiMessages.of(language.other());
		for (String key : other.stringPropertyNames()) {
			String value = other.getProperty(key);
			String literal = value.split("\\{")[0].strip();
			if (key.startsWith("lang.") || literal.length() < 12 || literal.equals(mine.getProperty(key))) {
				continue;
			}
			if (text.contains(literal)) {
				return key + " = " + literal;
			}
		}
		return null;
	}

	@Test
	void commandPagesShowOnlyTheReadersLanguage() {
		for (Command command : this.reference.commands()) {
			String en = PageText.of(client().get(command.path() + "?lang=en").body());
			String tr = PageText.of(client().get(command.path() + "?lang=tr").body());
			String enSummary = command.summary().en().plain();
			String trSummary = command.summary().tr().plain();
			assertThat(en).as(command.slug()).contains(enSummary).doesNotContain(trSummary);
			assertThat(tr).as(command.slug()).contains(trSummary).doesNotContain(enSummary);
		}
	}

	@Test
	void rfcNumbersAreWrittenWithoutGrouping() {
		for (Command command : this.reference.commands()) {
			for (Language language : Language.values()) {
				String page = PageText.of(client().get(command.path() + "?lang=" + language.tag()).body());
				assertThat(page).as(command.slug())
					.containsPattern("RFC \\d{3,4}\\b")
					.doesNotContainPattern("RFC \\d[,.]\\d{3}");
			}
		}
	}

	@Test
	void homeListsEveryCommandWithItsAnchor() {
		String home = client().get("/?lang=en").body();
		for (Command command : this.reference.commands()) {
			assertThat(home).contains("id=\"" + command.slug() + "\"")
				.contains("href=\"/commands/" + command.slug() + "\"");
		}
		assertThat(home).contains("id=\"category-session\"")
			.contains("id=\"category-auth\"")
			.contains("id=\"category-message\"");
	}

	@Test
	void languageChoiceIsRememberedInACookie() {
		HttpResponse<String> chosen = client().get("/faq?lang=tr");
		assertThat(chosen.headers().allValues("Set-Cookie")).anyMatch((c) -> c.startsWith("lang=tr"));
		HttpResponse<String> later = client().get("/about", "Cookie", "lang=tr", "Accept-Language", "en");
		assertThat(later.body()).contains("<html lang=\"tr\"").contains("Bu araç hakkında");
	}

	@Test
	void acceptLanguageIsUsedWithoutCookieOrParameter() {
		assertThat(client().get("/", "Accept-Language", "tr-TR,tr;q=0.9").body()).contains("<html lang=\"tr\"");
		assertThat(client().get("/", "Accept-Language", "de-DE").body()).contains("<html lang=\"en\"");
		assertThat(client().get("/").body()).contains("<html lang=\"en\"");
	}

	@Test
	void otherSpellingsOfACommandRedirectPermanently() {
		assertRedirect("/commands/MAIL", "/commands/mail-from");
		assertRedirect("/commands/EHLO", "/commands/ehlo");
		assertRedirect("/commands/mail%20from", "/commands/mail-from");
		assertRedirect("/commands/RCPT_TO", "/commands/rcpt-to");
		assertRedirect("/commands/StartTLS?lang=tr", "/commands/starttls?lang=tr");
		assertRedirect("/extensions/PIPELINING", "/extensions/pipelining");
		assertRedirect("/status-codes/X.7.1", "/status-codes/5.7.1");
	}

	private void assertRedirect(String from, String to) {
		HttpResponse<String> response = client().get(from);
		assertThat(response.statusCode()).as(from).isEqualTo(301);
		assertThat(response.headers().firstValue("Location").orElse("")).as(from).endsWith(to);
	}

	@Test
	void unknownCommandGetsALocalizedNotFoundWithSuggestions() {
		HttpResponse<String> turkish = client().get("/commands/mial-form?lang=tr");
		assertThat(turkish.statusCode()).isEqualTo(404);
		assertThat(turkish.body()).contains("<html lang=\"tr\"")
			.contains(turkishText("error.404.title"))
			.contains("href=\"/commands/mail-from\"");
		HttpResponse<String> english = client().get("/commands/ehlx?lang=en");
		assertThat(english.statusCode()).isEqualTo(404);
		assertThat(english.body()).contains("Page not found").contains("href=\"/commands/ehlo\"");
	}

	private static String turkishText(String key) {
		return UiMessages.of(Language.TR).getProperty(key);
	}

	@Test
	void unknownPagesGetTheSitesNotFoundPage() {
		for (String path : List.of("/nope", "/replies/999", "/replies/abc", "/status-codes/9.9.9", "/extensions/nope",
				"/commands/", "/webjars/nothing.js")) {
			HttpResponse<String> response = client().get(path + "?lang=tr");
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).contains("<html lang=\"tr\"").doesNotContain("Exception");
		}
	}

	@Test
	void searchPageRendersResultsOnTheServer() {
		String page = client().get("/search?q=recpt&lang=en").body();
		assertThat(page).contains("href=\"/commands/rcpt-to\"").contains("value=\"recpt\"");
		String turkish = client().get("/search?q=baglanti&lang=tr").body();
		assertThat(turkish).contains("<html lang=\"tr\"").contains("sonuç");
		// Why each result matched: the query's words are marked as written.
		assertThat(turkish).containsPattern("<mark>[Bb]ağlantı");
		assertThat(client().get("/search?q=ehlo&lang=en").body()).contains("<mark>EHLO</mark>");
	}

	@Test
	void searchEscapesWhatItIsGiven() {
		HttpResponse<String> response = client().get("/search?q=%3Cscript%3Ealert(1)%3C/script%3E");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");
	}

	@Test
	void badInputNeverGivesAServerError() {
		List<String> queries = List.of("/search?q=" + "a".repeat(5000), "/search?q=%00%01%02%1b", "/search?q=",
				"/search", "/?lang=xx", "/?lang=../../x", "/faq?lang=%00", "/api/v1/search?q=" + "x".repeat(5000),
				"/api/v1/search?q=%ff%fe", "/commands/%c3%28", "/api/v1/commands?lang=zz");
		for (String query : queries) {
			int status = client().get(query).statusCode();
			assertThat(status).as(query).isLessThan(500);
		}
		for (String header : List.of(";;;", "x".repeat(4000), "tr;q=abc", "*", "\u00e7")) {
			HttpResponse<String> response = client().get("/", "Accept-Language", header);
			assertThat(response.statusCode()).as(header).isEqualTo(200);
		}
	}

	@Test
	void faqHasStructuredDataAndStableAnchors() {
		String faq = client().get("/faq?lang=tr").body();
		assertThat(faq).contains("application/ld+json").contains("\"@type\":\"FAQPage\"");
		this.reference.faq().forEach((entry) -> assertThat(faq).contains("id=\"" + entry.id() + "\""));
	}

	@Test
	void samplesAreAllVisibleWithoutScript() {
		String samples = client().get("/samples?lang=en").body();
		this.reference.samples().forEach((sample) -> assertThat(samples).contains("id=\"sample-" + sample.id() + "\""));
		assertThat(samples).contains("def send_email_smtp(").contains("def test_smtp_connection(");
	}

	@Test
	void sitemapListsEveryPageInBothLanguages() {
		String sitemap = client().get("/sitemap.xml").body();
		for (String path : this.pages.indexable()) {
			assertThat(sitemap).contains(path + "?lang=en</loc>").contains(path + "?lang=tr</loc>");
		}
		assertThat(sitemap).contains("hreflang=\"tr\"");
		assertThat(client().get("/robots.txt").body()).contains("Sitemap: ").contains("/sitemap.xml");
	}

	@Test
	void healthIsUp() throws InterruptedException {
		// Out of service until the pages are warm (PageWarmUp), then up.
		long deadline = System.currentTimeMillis() + 120_000;
		String health = client().get("/actuator/health").body();
		while (!health.contains("\"UP\"") && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			health = client().get("/actuator/health").body();
		}
		assertThat(health).contains("\"UP\"");
	}

}
