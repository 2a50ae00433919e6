package org.smtpreference.probe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.tags.Tag;
import org.smtpreference.api.ApiExample;
import org.smtpreference.content.Language;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives the probe's operations in the OpenAPI document their tag, an example body, and an
 * example answer in English and Turkish: a finished run of a plain server, explained by
 * the same view as the real answers.
 */
@Configuration(proxyBeanMethods = false)
class ProbeApiDocumentation {

	@Bean
	OpenApiCustomizer probeExamples(ProbeView view, JsonMapper json) {
		return (openApi) -> {
			openApi.addTagsItem(new Tag().name("Probe")
				.description("Talks to an allow-listed mail server as a client and explains every answer; "
						+ "off by default."));
			PathItem start = openApi.getPaths().get(ProbeApiController.PATH);
			PathItem get = openApi.getPaths().get(ProbeApiController.PATH + "/{id}");
			if (start == null || start.getPost() == null || get == null || get.getGet() == null) {
				return;
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("host", "mail.example.com");
			body.put("port", 25);
			body.put("mode", "plain");
			body.put("sender", "postmaster@example.org");
			body.put("recipient", "bob@example.com");
			start.getPost()
				.getRequestBody()
				.getContent()
				.values()
				.forEach((type) -> type.addExamples("probe",
						new Example().summary("A probe with a recipient").value(body)));
			ProbeRun run = example();
			addExamples(start.getPost(), "202", run, view, json);
			addExamples(get.getGet(), "200", run, view, json);
		};
	}

	private static void addExamples(Operation operation, String status, ProbeRun run, ProbeView view, JsonMapper json) {
		for (MediaType type : operation.getResponses().get(status).getContent().values()) {
			for (Language language : Language.values()) {
				type.addExamples(language.tag(),
						new Example().summary(language.locale().getDisplayLanguage(language.locale()))
							.value(ApiExample.of(json, ProbeResponse.of(view.of(run, language)))));
			}
		}
	}

	/**
	 * A finished probe of a plain server that offers STARTTLS-less AUTH and refuses the
	 * recipient, as the client writes it.
	 */
	static ProbeRun example() {
		ProbeRun run = new ProbeRun("0123456789abcdef0123456789abcdef", new ProbeRequest("mail.example.com", 25,
				ProbeRequest.Mode.PLAIN, "postmaster@example.org", "bob@example.com"));
		run.add(new ProbeRun.Step(ProbeRun.Action.CONNECT, null, List.of(), 0, 21, null, "192.0.2.25"));
		run.add(new ProbeRun.Step(ProbeRun.Action.GREETING, null, List.of("220 mail.example.com ESMTP"), 220, 35, null,
				null));
		run.add(new ProbeRun.Step(ProbeRun.Action.EHLO, "EHLO probe.example.org",
				List.of("250-mail.example.com", "250-PIPELINING", "250-SIZE 10485760", "250 AUTH PLAIN LOGIN"), 250, 18,
				null, null));
		run.ehlo(List.of(new ProbeRun.Keyword("PIPELINING", ""), new ProbeRun.Keyword("SIZE", "10485760"),
				new ProbeRun.Keyword("AUTH", "PLAIN LOGIN")), false);
		run.add(new ProbeRun.Step(ProbeRun.Action.MAIL, "MAIL FROM:<postmaster@example.org>", List.of("250 2.1.0 Ok"),
				250, 12, null, null));
		run.add(new ProbeRun.Step(ProbeRun.Action.RCPT, "RCPT TO:<bob@example.com>",
				List.of("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"), 550, 14, null, null));
		run.add(new ProbeRun.Step(ProbeRun.Action.RSET, "RSET", List.of("250 2.0.0 Ok"), 250, 9, null, null));
		run.add(new ProbeRun.Step(ProbeRun.Action.QUIT, "QUIT", List.of("221 2.0.0 Bye"), 221, 8, null, null));
		run.finish(List.of(ProbeRun.Note.of("success", "greets"), ProbeRun.Note.of("warning", "noTls"),
				ProbeRun.Note.of("info", "size", 10485760), ProbeRun.Note.of("danger", "authInClear"),
				ProbeRun.Note.of("danger", "refuses", "bob@example.com", 550)));
		return run;
	}

}
