package org.smtpreference.web;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A flood of requests for pages that do not exist is answered from memory: the 404 page
 * is rendered once per language (and per set of suggestions), with each request's own
 * address and host written into its links.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NotFoundPageTests {

	@LocalServerPort
	int port;

	@Autowired
	SiteErrorController errors;

	@Test
	void aFloodOfMissingPagesIsAnsweredWithoutRendering() {
		SiteClient client = new SiteClient(this.port);
		String origin = "http://localhost:" + this.port;
		for (String lang : new String[] { "en", "tr" }) {
			client.get("/qqzzqqzz-first", "Cookie", "lang=" + lang);
		}
		long renders = this.errors.notFoundRenders();
		for (int i = 0; i < 30; i++) {
			for (String lang : new String[] { "en", "tr" }) {
				String path = "/qqzzqqzz-" + i + "/x" + i;
				HttpResponse<String> answer = client.get(path, "Cookie", "lang=" + lang);
				assertThat(answer.statusCode()).isEqualTo(404);
				assertThat(answer.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
				assertThat(answer.body()).contains("<html lang=\"" + lang + "\"")
					.contains("<link rel=\"canonical\" href=\"" + origin + path + "?lang=" + lang + "\">")
					.contains("href=\"" + path + "?lang=" + (lang.equals("en") ? "tr" : "en") + "\"")
					.doesNotContain("invalid");
			}
		}
		assertThat(this.errors.notFoundRenders()).as("404 pages rendered").isEqualTo(renders);
		// Another host gets its own links from the same stored page.
		String proxied = client
			.get("/qqzzqqzz-proxied", "Cookie", "lang=en", "X-Forwarded-Proto", "https", "X-Forwarded-Host",
					"smtp.example.org")
			.body();
		assertThat(proxied).contains("href=\"https://smtp.example.org/qqzzqqzz-proxied?lang=en\"")
			.doesNotContain("localhost:" + this.port);
	}

	@Test
	void suggestionsStayAndTheirPageIsRenderedOnce() {
		SiteClient client = new SiteClient(this.port);
		String first = client.get("/extensions/pipelinin", "Cookie", "lang=en").body();
		assertThat(first).contains("href=\"/extensions/pipelining\"");
		long renders = this.errors.notFoundRenders();
		String again = client.get("/extensions/pipelinin", "Cookie", "lang=en").body();
		assertThat(again).isEqualTo(first);
		assertThat(this.errors.notFoundRenders()).isEqualTo(renders);
	}

}
