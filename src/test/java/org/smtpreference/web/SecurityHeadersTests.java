package org.smtpreference.web;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.smtpreference.RawHttp;
import org.smtpreference.SiteClient;
import org.smtpreference.UiMessages;
import org.smtpreference.content.Language;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every response carries the security headers, pages, API, assets and errors alike, and
 * none tells what the server is or shows an exception.
 */
// The probe on for loopback, so its page and API are checked as readers who use it see
// them.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.probe.enabled=true", "site.probe.allowed-targets=127.0.0.1/32:1-65535",
				"site.probe.reply-timeout=2s", "site.probe.per-client=1000", "site.probe.global=1000" })
class SecurityHeadersTests {

	private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"(/(?:css|js|webjars)/[^\"]+)\"");

	@LocalServerPort
	int port;

	@Autowired
	SitePages pages;

	@Test
	void everyPageCarriesTheHeaders() {
		List<String> failures = new ArrayList<>();
		SiteClient client = new SiteClient(this.port);
		for (String path : this.pages.paths()) {
			HttpResponse<String> response = client.get(path);
			failures.addAll(problems(path, response.headers().map()));
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void apiAssetsAndErrorsCarryTheHeaders() {
		SiteClient client = new SiteClient(this.port);
		List<String> paths = new ArrayList<>(
				List.of("/api/v1/commands", "/api/v1/search?q=ehlo", "/api/v1/commands/nope", "/api/v1/openapi.json",
						"/commands/nope", "/nope", "/sitemap.xml", "/robots.txt", "/favicon.svg", "/actuator/health",
						"/probe", "/probe/" + "0".repeat(32), "/api/v1/probe/" + "0".repeat(32)));
		Matcher assets = ASSET.matcher(client.get("/samples").body());
		while (assets.find()) {
			paths.add(assets.group(1));
		}
		assertThat(paths).anyMatch((path) -> path.startsWith("/webjars/"))
			.anyMatch((path) -> path.startsWith("/css/"))
			.anyMatch((path) -> path.startsWith("/js/"));
		List<String> failures = new ArrayList<>();
		for (String path : paths) {
			failures.addAll(problems(path, client.get(path).headers().map()));
		}
		assertThat(failures).isEmpty();
	}

	private static List<String> problems(String path, java.util.Map<String, List<String>> headers) {
		List<String> problems = new ArrayList<>();
		String csp = first(headers, "content-security-policy");
		if (csp == null) {
			problems.add(path + ": no Content-Security-Policy");
		}
		else {
			for (String directive : List.of("default-src 'self'", "frame-ancestors 'none'", "base-uri ",
					"form-action ")) {
				if (!csp.contains(directive)) {
					problems.add(path + ": CSP lacks " + directive.strip());
				}
			}
			if (csp.contains("unsafe-inline") || csp.contains("unsafe-eval")) {
				problems.add(path + ": CSP allows unsafe script");
			}
		}
		if (!"nosniff".equals(first(headers, "x-content-type-options"))) {
			problems.add(path + ": no X-Content-Type-Options: nosniff");
		}
		if (first(headers, "referrer-policy") == null) {
			problems.add(path + ": no Referrer-Policy");
		}
		if (first(headers, "permissions-policy") == null) {
			problems.add(path + ": no Permissions-Policy");
		}
		String server = first(headers, "server");
		if (server != null && server.matches(".*\\d.*")) {
			problems.add(path + ": Server header tells a version: " + server);
		}
		if (first(headers, "x-powered-by") != null) {
			problems.add(path + ": X-Powered-By header");
		}
		return problems;
	}

	private static String first(java.util.Map<String, List<String>> headers, String name) {
		return headers.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equalsIgnoreCase(name))
			.map((entry) -> entry.getValue().get(0))
			.findFirst()
			.orElse(null);
	}

	@Test
	void requestsTheContainerRefusesStillGetHeadersAndNoReport() {
		// Refused at the request line, before the headers are read: English, the default.
		assertContainerRefusal("GET /% HTTP/1.1", 400, "en");
		assertContainerRefusal("GET /../../etc/passwd HTTP/1.1", 400, "en");
		assertContainerRefusal("GET /" + "a".repeat(20_000) + " HTTP/1.1", 414, "en");
		// Refused once the headers are read: the reader's language.
		assertContainerRefusal("GET /commands/..%2f..%2fetc HTTP/1.1", 400, "tr");
	}

	private void assertContainerRefusal(String line, int status, String language) {
		RawHttp.Response response = RawHttp.send(this.port, line, "Accept-Language: tr");
		String shortLine = line.length() > 60 ? line.substring(0, 60) + "…" : line;
		assertThat(response.status()).as(shortLine).isEqualTo(status);
		assertThat(response.header("Content-Security-Policy")).as(shortLine).contains("default-src 'self'");
		assertThat(response.header("X-Content-Type-Options")).as(shortLine).isEqualTo("nosniff");
		assertThat(response.header("Cache-Control")).as(shortLine).isEqualTo("no-store");
		assertThat(response.text()).as(shortLine)
			.contains("lang=\"" + language + "\"")
			.contains(UiMessages.of(Language.fromTag(language).orElseThrow()).getProperty("error.4xx.title"))
			.contains("<a href=\"/\">")
			.doesNotContain("Jetty")
			.doesNotContain("Tomcat")
			.doesNotContain("Exception")
			.doesNotContain("..");
	}

	@Test
	void traceIsRefused() {
		for (String path : List.of("/", "/commands/ehlo", "/api/v1/commands", "/css/site.css", "/nowhere")) {
			RawHttp.Response response = RawHttp.send(this.port, "TRACE " + path + " HTTP/1.1", "X-Echo: secret");
			assertThat(response.status()).as(path).isIn(404, 405);
			assertThat(response.body()).as(path).doesNotContain("TRACE " + path).doesNotContain("secret");
			assertThat(String.valueOf(response.header("Allow"))).as(path).doesNotContainIgnoringCase("TRACE");
			assertThat(response.header("Content-Security-Policy")).as(path).contains("default-src 'self'");
		}
	}

}
