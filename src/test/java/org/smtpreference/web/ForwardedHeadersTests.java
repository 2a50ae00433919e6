package org.smtpreference.web;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a TLS-terminating proxy, with no {@code site.base-url}, absolute links use the
 * scheme and host the proxy forwards, and pages stored for one address are never served
 * for another.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForwardedHeadersTests {

	private static final String[] PROXY = { "X-Forwarded-Proto", "https", "X-Forwarded-Host", "smtp.example.org" };

	@LocalServerPort
	int port;

	@Test
	void pageLinksUseTheForwardedSchemeAndHost() {
		SiteClient client = new SiteClient(this.port);
		String direct = client.get("/commands/ehlo?lang=tr", "Cookie", "lang=tr").body();
		assertThat(direct)
			.contains("<link rel=\"canonical\" href=\"http://localhost:" + this.port + "/commands/ehlo?lang=tr\">");
		// Twice: the second answer comes from the pages stored for this address.
		for (int i = 0; i < 2; i++) {
			String proxied = client.get("/commands/ehlo?lang=tr", cookieAnd("lang=tr")).body();
			assertThat(proxied)
				.contains("<link rel=\"canonical\" href=\"https://smtp.example.org/commands/ehlo?lang=tr\">")
				.contains(
						"<link rel=\"alternate\" hreflang=\"en\" href=\"https://smtp.example.org/commands/ehlo?lang=en\">")
				.contains(
						"<link rel=\"alternate\" hreflang=\"tr\" href=\"https://smtp.example.org/commands/ehlo?lang=tr\">")
				.contains("hreflang=\"x-default\" href=\"https://smtp.example.org/commands/ehlo\"")
				.doesNotContain("localhost");
		}
		assertThat(client.get("/commands/ehlo?lang=tr", "Cookie", "lang=tr").body())
			.contains("href=\"http://localhost:" + this.port + "/commands/ehlo?lang=tr\"");
	}

	@Test
	void sitemapAndRobotsUseTheForwardedSchemeAndHost() {
		SiteClient client = new SiteClient(this.port);
		String sitemap = client.get("/sitemap.xml", PROXY).body();
		assertThat(sitemap).contains("<loc>https://smtp.example.org/?lang=en</loc>")
			.contains("hreflang=\"tr\" href=\"https://smtp.example.org/commands/ehlo?lang=tr\"")
			.doesNotContain("localhost");
		assertThat(client.get("/robots.txt", PROXY).body()).contains("Sitemap: https://smtp.example.org/sitemap.xml");
		assertThat(client.get("/sitemap.xml").body())
			.contains("<loc>http://localhost:" + this.port + "/?lang=en</loc>");
	}

	@Test
	void aForwardedPortIsKept() {
		String page = new SiteClient(this.port)
			.get("/faq?lang=en", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "smtp.example.org:8443")
			.body();
		assertThat(page).contains("href=\"https://smtp.example.org:8443/faq?lang=en\"");
	}

	@Test
	void theForwardedHeaderIsIgnored() {
		// The proxy sets X-Forwarded-*, never RFC 7239's Forwarded: a client's Forwarded
		// must not name the host, whether or not the proxy's headers are there.
		SiteClient client = new SiteClient(this.port);
		String alone = client.get("/faq?lang=en", "Cookie", "lang=en", "Forwarded", "host=attacker.example;proto=https")
			.body();
		assertThat(alone).contains("href=\"http://localhost:" + this.port + "/faq?lang=en\"")
			.doesNotContain("attacker.example");
		String withProxy = client
			.get("/faq?lang=tr", "Cookie", "lang=tr", "Forwarded", "for=192.0.2.1;host=attacker.example;proto=http",
					"X-Forwarded-Proto", "https", "X-Forwarded-Host", "smtp.example.org")
			.body();
		assertThat(withProxy).contains("href=\"https://smtp.example.org/faq?lang=tr\"")
			.doesNotContain("attacker.example");
		assertThat(client.get("/sitemap.xml", "Forwarded", "host=attacker.example").body())
			.doesNotContain("attacker.example");
	}

	private static String[] cookieAnd(String cookie) {
		String[] headers = new String[PROXY.length + 2];
		System.arraycopy(PROXY, 0, headers, 0, PROXY.length);
		headers[PROXY.length] = "Cookie";
		headers[PROXY.length + 1] = cookie;
		return headers;
	}

}
