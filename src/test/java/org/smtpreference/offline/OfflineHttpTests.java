package org.smtpreference.offline;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;
import org.smtpreference.web.SitePages;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service worker, the manifest and the list of pages to keep offline, over plain
 * HTTP: their types, their caching, the deployment's version inside the worker, and the
 * sitemap's pages with their real size.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OfflineHttpTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	OfflineController controller;

	@Autowired
	SitePages pages;

	@Autowired(required = false)
	BuildProperties build;

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	@Test
	void workerIsServedFromTheRootWithTheDeploymentsVersion() {
		HttpResponse<String> worker = client().get("/sw.js");
		assertThat(worker.statusCode()).isEqualTo(200);
		assertThat(worker.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/javascript"));
		assertThat(worker.headers().firstValue("Cache-Control")).hasValue("no-cache");
		assertThat(worker.headers().firstValue("Content-Security-Policy")).isPresent();
		assertThat(worker.headers().firstValue("Set-Cookie")).isEmpty();
		Matcher version = Pattern.compile("const VERSION = '([A-Za-z0-9._-]+)';").matcher(worker.body());
		assertThat(version.find()).as("the version written into the worker").isTrue();
		assertThat(version.group(1)).isEqualTo(this.controller.version());
		if (this.build != null) {
			assertThat(version.group(1)).startsWith(this.build.getVersion() + "-");
		}
		assertThat(worker.body()).contains("addEventListener('fetch'").contains("addEventListener('activate'");
		// Asked again with its ETag, the unchanged worker is not sent again.
		String etag = worker.headers().firstValue("ETag").orElseThrow();
		assertThat(client().get("/sw.js", "If-None-Match", etag).statusCode()).isEqualTo(304);
	}

	@Test
	void versionFollowsTheReleaseSettingAndIsSafeInAScript() {
		assertThat(OfflineController.version("2.0 'x';", this.build, null, "")).isEqualTo("2.0__x__");
		assertThat(OfflineController.version(" ", null, null, "a")).matches("[0-9a-f]{12}-\\d+");
	}

	@Test
	void manifestIsNamedInTheLanguageAskedFor() throws Exception {
		HttpResponse<String> english = client().get("/manifest.webmanifest?lang=en");
		assertThat(english.statusCode()).isEqualTo(200);
		assertThat(english.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/manifest+json"));
		JsonNode manifest = JSON.readTree(english.body());
		assertThat(manifest.get("name").asString()).isEqualTo("SMTP Reference");
		assertThat(manifest.get("start_url").asString()).isEqualTo("/?lang=en");
		assertThat(manifest.get("scope").asString()).isEqualTo("/");
		assertThat(manifest.get("display").asString()).isEqualTo("standalone");
		assertThat(manifest.get("icons").get(0).get("src").asString()).isEqualTo("/favicon.svg");
		assertThat(client().get("/favicon.svg").statusCode()).isEqualTo(200);

		JsonNode turkish = JSON.readTree(client().get("/manifest.webmanifest?lang=tr").body());
		assertThat(turkish.get("name").asString()).isEqualTo("SMTP Başvuru Kılavuzu");
		assertThat(turkish.get("lang").asString()).isEqualTo("tr");
		assertThat(client().get("/manifest.webmanifest?lang=xx").statusCode()).isEqualTo(400);
	}

	@Test
	void everyPageLinksTheManifest() {
		String page = client().get("/commands/ehlo?lang=tr", "Cookie", "lang=tr").body();
		assertThat(page).contains("<link rel=\"manifest\" href=\"/manifest.webmanifest?lang=tr\">")
			.contains("<meta name=\"theme-color\"");
	}

	@Test
	void offlineListHoldsTheSitemapsPagesOfALanguageWithTheirSize() throws Exception {
		String sitemap = client().get("/sitemap.xml").body();
		for (String lang : List.of("en", "tr")) {
			// The size is known once the warm-up has stored the sampled pages.
			HttpResponse<String> answer = await().atMost(Duration.ofMinutes(2))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> client().get("/offline.json?lang=" + lang, "Cookie", "lang=" + lang),
						(response) -> JSON.readTree(response.body()).get("bytes").isNumber());
			assertThat(answer.statusCode()).isEqualTo(200);
			assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-cache");
			JsonNode body = JSON.readTree(answer.body());
			assertThat(body.get("lang").asString()).isEqualTo(lang);
			int count = body.get("count").asInt();
			assertThat(count).isEqualTo(this.pages.indexable().size()).isEqualTo(body.get("pages").size());
			long total = 0;
			for (JsonNode page : body.get("pages")) {
				String address = page.asString();
				assertThat(address).endsWith("?lang=" + lang);
				assertThat(sitemap).contains(address + "</loc>");
				total += client().get(address, "Cookie", "lang=" + lang).body().getBytes(StandardCharsets.UTF_8).length;
			}
			// The size said, estimated from a sample, is near the pages' size as a
			// browser
			// gets them.
			assertThat(body.get("bytes").asLong()).isCloseTo(total, Percentage.withPercentage(15));
		}
		assertThat(client().get("/offline.json?lang=de").statusCode()).isEqualTo(400);
	}

}
