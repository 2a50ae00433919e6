package org.smtpreference.web;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteClient;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The actuator shows health (with liveness and readiness groups) and info, and nothing
 * else; readiness waits for the pages; the server shuts down gracefully.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HealthTests {

	@LocalServerPort
	int port;

	@Autowired
	PageWarmUp warmUp;

	@Autowired
	Environment environment;

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	@Test
	void healthAndItsGroupsAreUp() throws InterruptedException {
		assertThat(client().get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
		String readiness = await("/actuator/health/readiness");
		assertThat(await("/actuator/health")).contains("\"status\":\"UP\"");
		assertThat(readiness).contains("\"status\":\"UP\"").contains("\"pages\"").contains("\"readinessState\"");
		assertThat(this.warmUp.isReady()).isTrue();
	}

	@Test
	void healthShowsNoDetails() {
		assertThat(client().get("/actuator/health").body()).doesNotContain("diskSpace").doesNotContain("details");
	}

	@Test
	void infoTellsVersionAndCommit() {
		HttpResponse<String> info = client().get("/actuator/info");
		assertThat(info.statusCode()).isEqualTo(200);
		assertThat(info.body()).contains("\"build\"")
			.contains("\"version\"")
			.contains("\"git\"")
			.contains("\"commit\"");
	}

	@Test
	void everyOtherEndpointIsClosed() {
		for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/configprops",
				"/actuator/metrics", "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump",
				"/actuator/mappings", "/actuator/shutdown", "/actuator/startup", "/actuator/sbom")) {
			HttpResponse<String> response = client().get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(404);
			assertThat(response.body()).as(path).doesNotContain("Exception");
		}
	}

	@Test
	void shutdownIsGraceful() {
		assertThat(this.environment.getProperty("server.shutdown")).isEqualTo("graceful");
	}

	/**
	 * The body of a health address once it says UP, or after two minutes, what it says
	 * then: until the pages are warm, readiness and the whole are out of service.
	 */
	private String await(String path) throws InterruptedException {
		long deadline = System.currentTimeMillis() + 120_000;
		String body = client().get(path).body();
		while (!body.contains("\"status\":\"UP\"") && System.currentTimeMillis() < deadline) {
			Thread.sleep(100);
			body = client().get(path).body();
		}
		return body;
	}

}
