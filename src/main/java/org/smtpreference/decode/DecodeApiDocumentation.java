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

	/** A delivery-status notification with two recipients. */
	static final String REPORT_EXAMPLE = """
			Reporting-MTA: dns; mail.example.net

			Final-Recipient: rfc822; bob@example.org
			Action: failed
			Status: 5.1.1
			Remote-MTA: dns; mx.example.org
			Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown

			Final-Recipient: rfc822; carol@example.com
			Action: delayed
			Status: 4.2.2
			Diagnostic-Code: smtp; 452 4.2.2 Mailbox full
			Will-Retry-Until: Mon, 12 Feb 2024 10:12:13 +0000
			""";

	@Bean
	OpenApiCustomizer decodeExamples(Explainer explainer, JsonMapper json, MessageSource messages) {
		return (openApi) -> {
			PathItem item = openApi.getPaths().get("/api/v1/decode");
			Operation operation = (item != null) ? item.getPost() : null;
			if (operation == null) {
				return;
			}
			operation.getRequestBody().getContent().values().forEach((type) -> {
				type.addExamples("bounce",
						new Example().summary("A rejected recipient").value(Map.of("text", EXAMPLE)));
				type.addExamples("report",
						new Example().summary("A delivery-status notification").value(Map.of("text", REPORT_EXAMPLE)));
			});
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
