package org.smtpreference.cheatsheet;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.smtpreference.SiteClient;
import org.smtpreference.content.Command;
import org.smtpreference.content.FlowPhase;
import org.smtpreference.content.FlowStep;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.ReplyClass;
import org.smtpreference.content.StatusCode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cheat sheet holds, in the reader's language, the whole session, every command's
 * syntax, the reply classes, the chosen status codes and the ports.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CheatSheetTests {

	@LocalServerPort
	int port;

	@Autowired
	Reference reference;

	@ParameterizedTest
	@EnumSource(Language.class)
	void holdsEverySectionInTheReadersLanguage(Language language) {
		HttpResponse<String> response = new SiteClient(this.port).get("/cheatsheet?lang=" + language.tag());
		assertThat(response.statusCode()).isEqualTo(200);
		String page = HtmlUtils.htmlUnescape(response.body());
		for (Command command : this.reference.commands()) {
			assertThat(page).as("syntax of %s", command.verb()).contains(command.syntax());
			assertThat(page).contains("href=\"" + command.path() + "\"");
		}
		for (FlowPhase phase : this.reference.flow()) {
			assertThat(page).contains(phase.title().in(language).plain());
			for (FlowStep step : phase.steps()) {
				assertThat(page).contains(step.token()).contains(step.label().in(language).plain());
			}
		}
		for (ReplyClass replyClass : this.reference.replyClasses()) {
			assertThat(page).contains(replyClass.title().in(language).plain())
				.contains(replyClass.retry().in(language).plain());
		}
		assertThat(this.reference.cheatSheet().statusCodes()).hasSize(20);
		for (StatusCode code : this.reference.statusCodes(this.reference.cheatSheet().statusCodes())) {
			assertThat(page).contains("href=\"" + code.path() + "\"")
				.contains(code.entry().title().in(language).plain());
		}
		this.reference.cheatSheet()
			.ports()
			.forEach((port) -> assertThat(page).contains(port.use().in(language).plain()));
		Language other = language.other();
		assertThat(page).doesNotContain(this.reference.cheatSheet().ports().get(0).use().in(other).plain());
	}

}
