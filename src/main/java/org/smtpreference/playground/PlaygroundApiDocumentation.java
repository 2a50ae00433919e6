package org.smtpreference.playground;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import org.smtpreference.api.ApiExample;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives {@code POST /api/v1/playground} in the OpenAPI document an example session and
 * the answer the simulated server really gives it.
 */
@Configuration(proxyBeanMethods = false)
class PlaygroundApiDocumentation {

	static final List<String> EXAMPLE = List.of("EHLO client.example", "MAIL FROM:<alice@example.org>",
			"RCPT TO:<bob@example.org>", "QUIT");

	/**
	 * The example request: the lines, and no guided session ({@code scenario} is
	 * {@code null}, which {@code Map.of} cannot hold).
	 */
	private static Map<String, Object> request() {
		Map<String, Object> request = new LinkedHashMap<>();
		request.put("lines", EXAMPLE);
		request.put("scenario", null);
		return request;
	}

	@Bean
	OpenApiCustomizer playgroundExamples(JsonMapper json, Teaching teaching) {
		return (openApi) -> {
			PathItem item = openApi.getPaths().get(PlaygroundApiController.PATH);
			Operation operation = (item != null) ? item.getPost() : null;
			if (operation == null) {
				return;
			}
			operation.getRequestBody()
				.getContent()
				.values()
				.forEach((type) -> type.addExamples("session",
						new Example().summary("A short session").value(request())));
			Object answer = ApiExample.of(json, PlaygroundResponse.of(Replay.of(EXAMPLE), teaching, Locale.ENGLISH));
			operation.getResponses()
				.get("200")
				.getContent()
				.values()
				.forEach((type) -> type.addExamples("session", new Example().summary("Its answer").value(answer)));
		};
	}

}
