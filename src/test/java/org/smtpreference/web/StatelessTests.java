package org.smtpreference.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The site keeps no server-side state: no answer starts a session, so any number of
 * replicas can serve any request; the only cookie is the reader's language.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatelessTests {

	@LocalServerPort
	int port;

	@Test
	void noAnswerSetsASessionCookie() {
		SiteClient client = new SiteClient(this.port);
		List<String> cookies = new ArrayList<>();
		List<String> paths = List.of("/", "/?lang=tr", "/commands/ehlo?lang=en", "/commands/MAIL", "/replies/550",
				"/status-codes/5.7.1?lang=tr", "/extensions/pipelining", "/faq", "/samples", "/about", "/search?q=ehlo",
				"/search?q=%00", "/api/v1/commands?lang=tr", "/api/v1/search?q=550", "/api/v1/nope", "/nope?lang=tr",
				"/sitemap.xml", "/robots.txt", "/actuator/health", "/actuator/health/readiness", "/actuator/info",
				"/css/site.css?lang=tr", "/favicon.svg");
		for (String path : paths) {
			for (String[] headers : List.of(new String[0], new String[] { "Cookie", "lang=tr" },
					new String[] { "Cookie", "JSESSIONID=forged; lang=en" })) {
				HttpResponse<String> response = client.get(path, headers);
				assertThat(response.statusCode()).as(path).isLessThan(500);
				response.headers().allValues("Set-Cookie").forEach((cookie) -> cookies.add(path + ": " + cookie));
			}
		}
		assertThat(cookies).allSatisfy((cookie) -> assertThat(cookie).doesNotContainIgnoringCase("JSESSIONID")
			.containsPattern(": lang=(en|tr);"));
	}

}
