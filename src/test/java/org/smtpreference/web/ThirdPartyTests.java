package org.smtpreference.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With comments off (the default), no page loads anything from another host and no page
 * or header names Giscus: the policy allows the site's own origin only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ThirdPartyTests {

	/**
	 * An attribute that makes the browser fetch something: a script, a stylesheet, an
	 * image, a frame, a form target.
	 */
	private static final Pattern FETCHED = Pattern.compile(
			"<(?:script|img|iframe|link|source|form|embed|object)\\b[^>]*?\\b(?:src|href|action|data)=\"([^\"]*)\"");

	@LocalServerPort
	int port;

	@Autowired
	SitePages pages;

	@Test
	void noPageFetchesFromAnotherHostOrNamesGiscus() {
		SiteClient client = new SiteClient(this.port);
		List<String> problems = new ArrayList<>();
		for (String path : this.pages.paths()) {
			for (String lang : List.of("en", "tr")) {
				HttpResponse<String> response = client.get(path + "?lang=" + lang);
				String body = response.body();
				if (body.toLowerCase(Locale.ROOT).contains("giscus")) {
					problems.add(path + " names Giscus");
				}
				Matcher fetched = FETCHED.matcher(body);
				while (fetched.find()) {
					String target = fetched.group(1);
					if (target.startsWith("//") || target.matches("(?i)[a-z][a-z0-9+.-]*:.*")) {
						// Only canonical/alternate links may be absolute: they are not
						// fetched.
						if (!fetched.group().startsWith("<link rel=\"canonical\"")
								&& !fetched.group().startsWith("<link rel=\"alternate\"")) {
							problems.add(path + " fetches " + target);
						}
					}
				}
				response.headers().map().forEach((name, values) -> {
					if (values.toString().toLowerCase(Locale.ROOT).contains("giscus")) {
						problems.add(path + " header " + name + " names Giscus");
					}
				});
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void thePolicyAllowsTheSitesOwnOriginOnly() {
		for (String path : List.of("/", "/commands/ehlo", "/api/v1/commands", "/nope", "/css/site.css")) {
			String csp = new SiteClient(this.port).get(path)
				.headers()
				.firstValue("Content-Security-Policy")
				.orElseThrow();
			for (String directive : csp.split(";")) {
				String[] parts = directive.strip().split("\\s+");
				for (int i = 1; i < parts.length; i++) {
					assertThat(parts[i]).as(path + ": " + directive).isIn("'self'", "'none'", "data:");
				}
			}
			assertThat(csp).doesNotContain("frame-src");
		}
	}

}
