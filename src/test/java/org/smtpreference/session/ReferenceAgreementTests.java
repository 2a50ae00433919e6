package org.smtpreference.session;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.smtpreference.content.Command;
import org.smtpreference.content.ExchangeLine;
import org.smtpreference.content.Reference;
import org.smtpreference.content.StatusCode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reference and the simulated server agree: every command's example replays through
 * the engine with the reply codes it shows, and every reply the engine can send has its
 * entry in the reference.
 */
class ReferenceAgreementTests {

	private static final Reference REFERENCE = Reference.load("content");

	private static final Pattern OCTETS = Pattern.compile("<(\\d+) octets>");

	@TestFactory
	Stream<DynamicTest> everyModelledExampleReplaysWithItsCodes() {
		return REFERENCE.commands()
			.stream()
			.filter((command) -> command.trial().unmodelled() == null)
			.map((command) -> DynamicTest.dynamicTest(command.slug(), () -> replay(command)));
	}

	@TestFactory
	Stream<DynamicTest> anExampleMarkedUnmodelledReallyDiffers() {
		return REFERENCE.commands()
			.stream()
			.filter((command) -> command.trial().unmodelled() != null)
			.map((command) -> DynamicTest.dynamicTest(command.slug(),
					() -> assertThatThrownBy(() -> replay(command))
						.as("%s replays as shown: its unmodelled reason is stale", command.slug())
						.isInstanceOf(AssertionError.class)));
	}

	@Test
	void onlyExamplesOfServerPoliciesAreMarkedUnmodelled() {
		assertThat(REFERENCE.commands()
			.stream()
			.filter((command) -> command.trial().unmodelled() != null)
			.map(Command::slug)).containsExactlyInAnyOrder("vrfy", "expn", "etrn", "lhlo");
	}

	@TestFactory
	Stream<DynamicTest> everyTrialRunsWithoutRefusalsItDoesNotShow() {
		// The lines a "Try it" link fills in must play as far as the example does.
		return REFERENCE.commands()
			.stream()
			.filter((command) -> command.trial().unmodelled() == null)
			.map((command) -> DynamicTest.dynamicTest(command.slug(), () -> {
				SmtpSession session = SmtpSession.withDefaults();
				session.greeting();
				List<Integer> codes = new ArrayList<>();
				for (String line : command.trialLines()) {
					codes.addAll(session.receive(line).codes());
				}
				List<Integer> shown = command.example()
					.stream()
					.filter((line) -> !line.client())
					.map(ExchangeLine::replyCode)
					.filter((code) -> code != 0)
					.toList();
				assertThat(codes).as("codes of the trial of %s", command.slug())
					.allMatch((code) -> code < 400 || shown.contains(code));
				assertThat(session.isReadingContent()).as("%s leaves content unfinished", command.slug()).isFalse();
			}));
	}

	@Test
	void everyReplyTheEngineSendsHasItsEntries() {
		for (Answer answer : Answer.values()) {
			assertThat(REFERENCE.reply(answer.code())).as("reply page for %s (%d)", answer, answer.code()).isPresent();
			if (answer.enhanced() != null) {
				assertThat(REFERENCE.statusCode(answer.enhanced()).map(StatusCode::code))
					.as("status code page for %s (%s)", answer, answer.enhanced())
					.contains(answer.enhanced());
				assertThat(answer.enhanced().charAt(0) - '0').as("class of %s", answer).isEqualTo(answer.code() / 100);
			}
		}
	}

	private static void replay(Command command) {
		SmtpSession session = SmtpSession.withDefaults();
		boolean fromStart = command.trial().setup().isEmpty();
		if (!fromStart) {
			session.greeting();
			command.trial().setup().forEach(session::receive);
		}
		List<String> lines = new ArrayList<>();
		for (ExchangeLine line : command.example()) {
			if (line.isPlaceholder()) {
				Matcher octets = OCTETS.matcher(line.text());
				if (octets.matches()) {
					lines.add("C: " + "x".repeat(Integer.parseInt(octets.group(1)) - 2));
				}
				continue;
			}
			lines.add(line.marker() + " " + line.text());
		}
		SessionScript.play(session, lines, fromStart);
	}

}
