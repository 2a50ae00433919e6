package org.smtpreference.decode;

import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import org.smtpreference.api.ApiExample;
import org.smtpreference.content.Language;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives {@code POST /api/v1/decode} in the OpenAPI document an example body and the
 * answer the decoder really gives it, in English and Turkish.
 */
@Configuration(proxyBeanMethods = false)
class DecodeApiDocumentation {

	static final String EXAMPLE = "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown";

	@Bean
	OpenApiCustomizer decodeExamples(Explainer explainer, JsonMapper json, MessageSource messages) {
		return (openApi) -> {
			PathItem item = openApi.getPaths().get("/api/v1/decode");
			Operation operation = (item != null) ? item.getPost() : null;
			if (operation == null) {
				return;
			}
			operation.getRequestBody()
				.getContent()
				.values()
				.forEach((type) -> type.addExamples("bounce",
						new Example().summary("A rejected recipient").value(Map.of("text", EXAMPLE))));
			Explainer.Result result = explainer.explain(DecodeController.readable(EXAMPLE));
			for (MediaType type : operation.getResponses().get("200").getContent().values()) {
				for (Language language : Language.values()) {
					type.addExamples(language.tag(),
							new Example().summary(language.locale().getDisplayLanguage(language.locale()))
								.value(ApiExample.of(json, DecodeResponse.of(result, language, messages))));
				}
			}
		};
	}

}
