package org.smtpreference.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Springdoc is made on the first request for the OpenAPI document, not at the start
 * ({@code ApiDocumentation.openApiOnFirstRequest}, issue 21), and the document still
 * comes whole then. A context of its own: in a shared one, another test class may have
 * asked for the document first.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "test.context=openapi-on-first-request")
class OpenApiOnFirstRequestTests {

	@Autowired
	private ConfigurableApplicationContext context;

	@LocalServerPort
	private int port;

	@Test
	void springdocIsMadeOnTheFirstRequestForTheDocument() throws Exception {
		ConfigurableListableBeanFactory beans = this.context.getBeanFactory();
		List<String> springdoc = Arrays.stream(beans.getBeanDefinitionNames())
			.filter((name) -> ApiDocumentation.fromSpringdoc(name, beans.getBeanDefinition(name)))
			.toList();
		assertThat(springdoc).as("springdoc's beans")
			.hasSizeGreaterThan(20)
			.contains("openAPIBuilder", "openApiResource");
		// Its listener of the server's port is made at the start, as it has to be to hear
		// it.
		assertThat(springdoc.stream().filter((name) -> !beans.getBeanDefinition(name).isLazyInit()))
			.as("springdoc's beans made at the start")
			.containsExactly("webServerPortProvider");
		assertThat(beans.containsSingleton("webServerPortProvider")).isTrue();
		List<String> documentBeans = List.of("openAPIBuilder", "openApiResource", "springdocObjectMapperProvider",
				"apiDocument", "apiConventions", "modelConverterRegistrar", "initExtraSchemas",
				"polymorphicModelConverter");
		assertThat(documentBeans).as("made before the document was asked for").noneMatch(beans::containsSingleton);

		HttpResponse<String> document = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/openapi.json")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(document.statusCode()).isEqualTo(200);
		assertThat(document.body()).contains("\"openapi\":\"3.1").contains("/api/v1/commands/{slug}");
		assertThat(documentBeans.stream().filter((name) -> !beans.containsSingleton(name)))
			.as("not made for the document")
			.isEmpty();
	}

}
