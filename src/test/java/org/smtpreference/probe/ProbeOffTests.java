package org.smtpreference.probe;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe with the default settings: off, the page says so and how to turn it on in
 * both languages, and the API answers 404 with a problem; nothing is connected to.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProbeOffTests {

	@LocalServerPort
	int port;

	@Test
	void thePageSaysTheProbeIsOffAndHowToTurnItOnInBothLanguages() {
		SiteClient client = new SiteClient(this.port);
		HttpResponse<String> english = client.get("/probe?lang=en");
		assertThat(english.statusCode()).isEqualTo(200);
		assertThat(english.body()).contains("id=\"probe-off\"")
			.contains("The probe is turned off on this site.")
			.contains("site.probe.enabled=true")
			.doesNotContain("id=\"probe-form\"");
		HttpResponse<String> turkish = client.get("/probe?lang=tr");
		assertThat(turkish.body()).contains("Bu sitede sonda kapalı.").contains("site.probe.allowed-targets");
	}

	@Test
	void postingTheFormOrTheApiWhileOffIsNotFoundAndConnectsNowhere() {
		SiteClient client = new SiteClient(this.port);
		HttpResponse<String> form = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/probe?lang=en"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("host=127.0.0.1&port=25")));
		assertThat(form.statusCode()).isEqualTo(404);
		assertThat(form.body()).contains("The probe is turned off on this site.");
		HttpResponse<String> api = client.send(HttpRequest.newBuilder(URI.create(client.base() + "/api/v1/probe"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"host\": \"127.0.0.1\", \"port\": 25}")));
		assertThat(api.statusCode()).isEqualTo(404);
		assertThat(api.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(api.body()).contains("site.probe.enabled=true");
		assertThat(client.get("/api/v1/probe/" + "a".repeat(32) + "?lang=tr").body()).contains("Sonda kapalı");
		// The document names this answer (OpenApiTests runs with the probe on).
		assertThat(client.get("/api/v1/openapi.json").body()).contains("The probe is off on this site");
	}

}
