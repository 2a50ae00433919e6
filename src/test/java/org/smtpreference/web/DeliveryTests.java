package org.smtpreference.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pages travel light: compressed, validated with ETags, assets cached for a year, and the
 * home page within its weight budget.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeliveryTests {

	/**
	 * The home page's HTML, CSS and script together, compressed, at most this many bytes.
	 */
	private static final int HOME_BUDGET = 80 * 1024;

	private static final Pattern ASSET = Pattern.compile("<(?:link rel=\"stylesheet\" href|script src)=\"(/[^\"]+)\"");

	private final HttpClient client = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	ResourceUrlProvider resourceUrls;

	private HttpResponse<byte[]> get(String path, String... headers) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (headers.length > 0) {
			request.headers(headers);
		}
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String gunzip(byte[] bytes) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void pagesAreCompressedAndTheSameEachTime() throws Exception {
		HttpResponse<byte[]> first = get("/faq?lang=tr", "Accept-Encoding", "gzip");
		assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
		String html = gunzip(first.body());
		assertThat(html).contains("<html lang=\"tr\"");
		HttpResponse<byte[]> plain = get("/faq?lang=tr");
		assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
		assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(html);
		assertThat(get("/faq?lang=tr", "Accept-Encoding", "gzip").body()).isEqualTo(first.body());
	}

	/**
	 * {@code ?lang=tr} without the cookie always goes through the application, which sets
	 * the cookie; with the cookie the same page is answered by
	 * {@link RenderedPageHandler} ahead of it. The two answers must not differ but for
	 * the cookie and, since an answer that sets a cookie is never stored by a cache, its
	 * {@code Cache-Control}.
	 */
	@Test
	void storedPagesAnsweredAheadOfTheApplicationMatchItsAnswer() throws Exception {
		for (String path : List.of("/", "/commands/mail-from", "/replies/550", "/samples")) {
			for (String encoding : List.of("gzip", "identity")) {
				HttpResponse<byte[]> application = get(path + "?lang=tr", "Accept-Encoding", encoding);
				HttpResponse<byte[]> stored = get(path + "?lang=tr", "Accept-Encoding", encoding, "Cookie", "lang=tr");
				assertThat(application.headers().firstValue("Set-Cookie")).as(path).isPresent();
				assertThat(stored.headers().firstValue("Set-Cookie")).as(path).isEmpty();
				assertThat(stored.statusCode()).as(path).isEqualTo(200);
				assertThat(stored.body()).as(path + " " + encoding).isEqualTo(application.body());
				assertThat(application.headers().allValues("Cache-Control")).as(path).containsExactly("no-store");
				assertThat(stored.headers().allValues("Cache-Control")).as(path)
					.containsExactly(RenderedPage.EXPLICIT_CACHE_CONTROL);
				for (String header : List.of("Content-Type", "Content-Encoding", "Content-Length", "Content-Language",
						"ETag", "Vary", "Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
						"Permissions-Policy", "X-Frame-Options", "Cross-Origin-Opener-Policy")) {
					assertThat(stored.headers().allValues(header)).as(path + " " + encoding + " " + header)
						.isEqualTo(application.headers().allValues(header));
				}
			}
		}
	}

	/**
	 * The playground's {@code try} and {@code scenario} change the page, so such a
	 * request is rendered for itself: never answered from the stored copy of
	 * {@code /playground}, and never stored in its place.
	 */
	@Test
	void queryParametersThatChangeAPageGetTheirOwnPage() throws Exception {
		for (String cookie : List.of("lang=en", "lang=tr")) {
			HttpResponse<byte[]> plain = get("/playground", "Cookie", cookie);
			String stored = new String(plain.body(), StandardCharsets.UTF_8);
			assertThat(plain.headers().firstValue("ETag")).as("the plain page is stored").isPresent();
			assertThat(stored).doesNotContain("id=\"step-1\"").contains("data-played=\"false\"></textarea>");

			HttpResponse<byte[]> tried = get("/playground?try=data", "Cookie", cookie);
			String example = new String(tried.body(), StandardCharsets.UTF_8);
			assertThat(tried.statusCode()).isEqualTo(200);
			assertThat(tried.headers().firstValue("ETag")).as("a tried example is not stored").isEmpty();
			assertThat(example).contains("data-played=\"false\">EHLO client.example.org\n")
				.contains("\nDATA\nFrom: Alice &lt;alice@example.org&gt;");

			HttpResponse<byte[]> guided = get("/playground?scenario=greylisting&utm_source=x", "Cookie", cookie);
			assertThat(guided.headers().firstValue("ETag")).as("a guided session is not stored").isEmpty();
			assertThat(new String(guided.body(), StandardCharsets.UTF_8)).contains("id=\"step-1\"")
				.contains("greylist@example.com");

			// Neither took the stored page's place, and other parameters still get it.
			assertThat(get("/playground", "Cookie", cookie).body()).isEqualTo(plain.body());
			assertThat(get("/playground?utm_source=x", "Cookie", cookie).body()).isEqualTo(plain.body());
		}
	}

	@Test
	void headAnswersTheHeadersOfGetWithoutABody() throws Exception {
		for (String cookie : List.of("lang=en", "lang=tr")) {
			HttpResponse<byte[]> page = get("/commands/ehlo", "Cookie", cookie);
			HttpResponse<byte[]> head = this.client
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/commands/ehlo"))
					.method("HEAD", HttpRequest.BodyPublishers.noBody())
					.header("Cookie", cookie)
					.build(), HttpResponse.BodyHandlers.ofByteArray());
			assertThat(head.statusCode()).isEqualTo(200);
			assertThat(head.body()).isEmpty();
			assertThat(head.headers().firstValue("Content-Length")).hasValue(Integer.toString(page.body().length));
			assertThat(head.headers().firstValue("ETag")).isEqualTo(page.headers().firstValue("ETag"));
		}
	}

	@Test
	void pagesCarryAnETagAndAnswer304() throws Exception {
		HttpResponse<byte[]> page = get("/commands/ehlo?lang=en");
		String etag = page.headers().firstValue("ETag").orElseThrow();
		// The address names the language: nothing else in the request changes the answer.
		assertThat(page.headers().firstValue("Vary").orElse("")).doesNotContainIgnoringCase("Accept-Language")
			.doesNotContainIgnoringCase("Cookie");
		// The cookie chose the language: caches must keep a copy per cookie.
		assertThat(get("/commands/ehlo", "Cookie", "lang=en").headers().firstValue("Vary").orElse(""))
			.containsIgnoringCase("Accept-Language")
			.containsIgnoringCase("Cookie");
		HttpResponse<byte[]> again = get("/commands/ehlo?lang=en", "If-None-Match", etag);
		assertThat(again.statusCode()).isEqualTo(304);
		assertThat(again.body()).isEmpty();
		String turkish = get("/commands/ehlo?lang=tr").headers().firstValue("ETag").orElseThrow();
		assertThat(turkish).isNotEqualTo(etag);
		assertThat(get("/commands/ehlo?lang=tr", "If-None-Match", etag).statusCode()).isEqualTo(200);
	}

	@Test
	void languageFromTheCookieIsServedFromTheRightCopy() throws Exception {
		get("/about?lang=en");
		get("/about?lang=tr");
		assertThat(new String(get("/about", "Cookie", "lang=tr").body(), StandardCharsets.UTF_8))
			.contains("<html lang=\"tr\"");
		assertThat(new String(get("/about", "Accept-Language", "en").body(), StandardCharsets.UTF_8))
			.contains("<html lang=\"en\"");
	}

	@Test
	void apiAnswersCarryAnETag() throws Exception {
		// With the cookie already holding the language, no cookie is set, so the answer
		// may
		// be kept and validated (one that sets a cookie is never stored, so it gets no
		// ETag).
		HttpResponse<byte[]> api = get("/api/v1/commands?lang=en", "Cookie", "lang=en");
		String etag = api.headers().firstValue("ETag").orElseThrow();
		assertThat(get("/api/v1/commands?lang=en", "If-None-Match", etag, "Cookie", "lang=en").statusCode())
			.isEqualTo(304);
	}

	@Test
	void assetsAreVersionedAndCachedForAYear() throws Exception {
		String home = new String(get("/").body(), StandardCharsets.UTF_8);
		List<String> assets = assets(home);
		assertThat(assets).hasSizeGreaterThanOrEqualTo(3);
		for (String asset : assets) {
			assertThat(asset).as(asset).matches(".*(-[0-9a-f]{32}\\.(css|js)|/\\d+\\.\\d+\\.\\d+/.*)");
			HttpResponse<byte[]> response = get(asset);
			assertThat(response.statusCode()).as(asset).isEqualTo(200);
			assertThat(response.headers().firstValue("Cache-Control").orElse("")).as(asset)
				.contains("max-age=31536000");
		}
	}

	/**
	 * A page's links to other pages never pass the resource chain: under one handler for
	 * {@code /**} each of them looked for a file of its name across the whole classpath
	 * on every page rendered per request (a search's fifty results).
	 */
	@Test
	void onlyLinksToFilesPassTheResourceChain() throws Exception {
		assertThat(this.resourceUrls.getHandlerMap().keySet()).doesNotContain("/**")
			.contains("/css/**", "/js/**", "/favicon.svg", "/webjars/**");
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/search");
		assertThat(this.resourceUrls.getForRequestUrl(request, "/commands/ehlo")).isNull();
		assertThat(this.resourceUrls.getForRequestUrl(request, "/css/site.css"))
			.matches("/css/site-[0-9a-f]{32}\\.css");
		HttpResponse<byte[]> favicon = get("/favicon.svg");
		assertThat(favicon.statusCode()).isEqualTo(200);
		assertThat(favicon.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
		assertThat(new String(favicon.body(), StandardCharsets.UTF_8)).contains("<svg");
		// The folders are served only under their own paths.
		for (String missing : List.of("/static/css/site.css", "/css/favicon.svg", "/js/site.css",
				"/META-INF/resources/webjars/bootstrap/css/bootstrap.min.css", "/application.yml")) {
			assertThat(get(missing).statusCode()).as(missing).isEqualTo(404);
		}
	}

	@Test
	void homePageStaysWithinItsWeightBudget() throws Exception {
		HttpResponse<byte[]> home = get("/?lang=en", "Accept-Encoding", "gzip");
		long total = home.body().length;
		StringBuilder report = new StringBuilder("/ " + home.body().length);
		for (String asset : assets(gunzip(home.body()))) {
			HttpResponse<byte[]> response = get(asset, "Accept-Encoding", "gzip");
			if (response.body().length > 1024) {
				assertThat(response.headers().firstValue("Content-Encoding")).as(asset + " is compressed")
					.hasValue("gzip");
			}
			total += response.body().length;
			report.append(", ").append(asset).append(' ').append(response.body().length);
		}
		assertThat(total).as("home page weight over the wire: " + report).isLessThanOrEqualTo(HOME_BUDGET);
	}

	private static List<String> assets(String html) {
		List<String> assets = new ArrayList<>();
		Matcher matcher = ASSET.matcher(html);
		while (matcher.find()) {
			assets.add(matcher.group(1));
		}
		return assets;
	}

}
