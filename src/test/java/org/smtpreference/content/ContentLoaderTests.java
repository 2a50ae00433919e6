package org.smtpreference.content;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests that the real content loads and that broken content stops start-up with a message
 * naming file, entry and field.
 */
class ContentLoaderTests {

	@TempDir
	Path copy;

	@Test
	void realContentLoads() {
		Reference reference = Reference.load("content");
		assertThat(reference.commands()).extracting(Command::verb)
			.contains("EHLO", "HELO", "QUIT", "STARTTLS", "NOOP", "RSET", "AUTH", "MAIL FROM", "RCPT TO", "DATA",
					"VRFY", "EXPN");
		assertThat(reference.faq()).hasSizeGreaterThanOrEqualTo(12);
		for (Command command : reference.commands()) {
			assertThat(command.summary().en().plain()).as(command.slug()).isNotBlank();
			assertThat(command.summary().tr().plain()).as(command.slug()).isNotBlank();
			assertThat(command.example()).as(command.slug()).isNotEmpty();
		}
	}

	@Test
	void missingTurkishTextNamesFileEntryAndField() throws IOException {
		Path folder = contentWith("commands.yml", "      trx:", "  - slug: ehlo", "    summary:", "      tr:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml")
			.withMessageContaining("entry 'ehlo'")
			.withMessageMatching("(?s).*field '[a-z.]*tr'.*is missing.*");
	}

	@Test
	void duplicateSlugIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "slug: ehlo", "slug: helo");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("commands.yml")
			.withMessageContaining("field 'slug'")
			.withMessageContaining("duplicate slug 'ehlo'");
	}

	@Test
	void unknownCategoryIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "category: goodbye", "  - slug: quit", "category: session");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'quit'")
			.withMessageContaining("field 'category'")
			.withMessageContaining("unknown category 'goodbye'");
	}

	@Test
	void emptySyntaxIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "syntax: \"\"\n    x-old-syntax:", "  - slug: noop", "syntax:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'noop'")
			.withMessageContaining("field 'syntax'")
			.withMessageContaining("is empty");
	}

	@Test
	void linkToMissingEntryIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "en: \"See [[cmd:no-such-command]].\"\n      old:", "  - slug: rset",
				"    summary:", "en:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'rset'")
			.withMessageContaining("field 'summary.en'")
			.withMessageContaining("[[cmd:no-such-command]] points to no entry");
	}

	@Test
	void unknownReplyCodeIsRefused() throws IOException {
		Path folder = contentWith("commands.yml", "success: [299]", "  - slug: quit", "success: [221]");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'quit'")
			.withMessageContaining("field 'replies.success'")
			.withMessageContaining("unknown reply code 299");
	}

	@Test
	void invalidYamlNamesTheFile() throws IOException {
		Path folder = contentWith("faq.yml", "faq: [\n  - {", "faq:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("faq.yml")
			.withMessageContaining("is not valid YAML");
	}

	@Test
	void realFlowLinksEveryStep() {
		Reference reference = Reference.load("content");
		assertThat(reference.flow()).extracting(FlowPhase::id)
			.containsExactly("greeting", "tls", "auth", "envelope", "content", "close");
		assertThat(reference.flow().get(2).steps()).filteredOn((step) -> step.key().equals("credentials"))
			.singleElement()
			.satisfies((step) -> {
				assertThat(step.href()).isEqualTo("/commands/auth#mechanism-plain");
				assertThat(step.side()).isEqualTo(FlowStep.Side.CLIENT);
				assertThat(step.optional()).isTrue();
				assertThat(step.label().tr().plain()).isEqualTo("İstemci adı ve parolayı base64 ile gönderir");
			});
	}

	@Test
	void flowStepLinkingToMissingEntryIsRefused() throws IOException {
		Path folder = contentWith("flow.yml", "link: cmd:no-such-command", "key: quit", "link: cmd:quit");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("flow.yml")
			.withMessageContaining("entry 'close step quit'")
			.withMessageContaining("field 'link'")
			.withMessageContaining("[[cmd:no-such-command]] points to no entry");
	}

	@Test
	void flowStepWithoutTurkishLabelIsRefused() throws IOException {
		Path folder = contentWith("flow.yml", "trx:", "key: sender-ok", "label:", "tr:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("flow.yml")
			.withMessageContaining("entry 'envelope step sender-ok'")
			.withMessageContaining("field 'label.tr': is missing");
	}

	@Test
	void flowStepOnUnknownSideIsRefused() throws IOException {
		Path folder = contentWith("flow.yml", "side: middle", "key: handshake", "side: both");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("flow.yml")
			.withMessageContaining("entry 'tls step handshake'")
			.withMessageContaining("field 'side'")
			.withMessageContaining("unknown side 'middle' (use client, server or both)");
	}

	@Test
	void flowStepWithEmptyTokenIsRefused() throws IOException {
		Path folder = contentWith("flow.yml", "token: \"\"", "key: challenge", "token: \"334\"");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("flow.yml")
			.withMessageContaining("entry 'auth step challenge'")
			.withMessageContaining("field 'token': is empty");
	}

	@Test
	void flowStepNamingUnknownMechanismIsRefused() throws IOException {
		Path folder = contentWith("flow.yml", "mechanism: NTLMX", "key: credentials", "mechanism: PLAIN");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'auth step credentials'")
			.withMessageContaining("field 'mechanism'")
			.withMessageContaining("command 'auth' has no mechanism 'NTLMX'");
	}

	@Test
	void flowLabelWithLinkIsRefused() throws IOException {
		Path folder = contentWith("flow.yml", "en: \"Client ends the [[cmd:quit]]\"\n          old:", "key: quit",
				"label:", "en:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'close step quit'")
			.withMessageContaining("field 'label.en'")
			.withMessageContaining("must be one line of text without links");
	}

	@Test
	void scenarioWithoutTurkishExplanationIsRefused() throws IOException {
		Path folder = contentWith("scenarios.yml", "trx:", "  - id: greylisting", "client: \"RCPT TO:<greylist@",
				"tr:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("scenarios.yml")
			.withMessageContaining("entry 'greylisting step #3'")
			.withMessageContaining("field 'explanation.tr'")
			.withMessageContaining("is missing");
	}

	@Test
	void scenarioStepWithUnknownFieldIsRefused() throws IOException {
		Path folder = contentWith("scenarios.yml", "expects:", "  - id: vrfy-expn", "client: \"VRFY bob\"", "expect:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'vrfy-expn step #2'")
			.withMessageContaining("field 'expects'")
			.withMessageContaining("is an unknown field (known fields: client, expect, explanation)");
	}

	@Test
	void scenarioWithoutStepsIsRefused() throws IOException {
		Path folder = contentWith("scenarios.yml", "steps: []\n    summary:", "  - id: too-large", "steps:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'too-large'")
			.withMessageContaining("field 'steps'")
			.withMessageContaining("has no steps");
	}

	@Test
	void scenarioExpectingAnUnknownReplyCodeIsRefused() throws IOException {
		Path folder = contentWith("scenarios.yml", "expect: [299]", "  - id: plain-delivery", "expect: [250]");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'plain-delivery step #1'")
			.withMessageContaining("field 'expect'")
			.withMessageContaining("unknown reply code 299");
	}

	@Test
	void cheatSheetCodeThatIsNoEntryIsRefused() throws IOException {
		Path folder = contentWith("cheatsheet.yml", "  - 5.9.9", "statusCodes:", "  - 2.0.0");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("cheatsheet.yml")
			.withMessageContaining("field 'statusCodes'")
			.withMessageContaining("unknown enhanced status code '5.9.9'");
	}

	@Test
	void cheatSheetPortWithoutTurkishIsRefused() throws IOException {
		Path folder = contentWith("cheatsheet.yml", "      fr: \"Örtük TLS", "  - port: 465", "      tr: \"Örtük TLS");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'port 465'")
			.withMessageContaining("field 'use.tr'");
	}

	@Test
	void realDecodeRulesLoad() {
		Reference reference = Reference.load("content");
		assertThat(reference.decodeRules()).extracting(DecodeRule::id)
			.contains("unknown-user", "mailbox-full", "greylisting", "blocklist", "spf-fail", "dkim-fail", "dmarc-fail",
					"tls-required", "authentication-required", "rate-limit", "message-too-big", "relay-denied");
		DecodeRule greylisting = reference.decodeRules()
			.stream()
			.filter((rule) -> rule.id().equals("greylisting"))
			.findFirst()
			.orElseThrow();
		assertThat(greylisting.matches("451 4.7.1 GREYLISTED, try later")).isTrue();
		assertThat(greylisting.matches("451 4.7.1 Try again later")).isFalse();
	}

	@Test
	void decodeRuleWithBrokenPatternIsRefused() throws IOException {
		Path folder = contentWith("decode-rules.yml", "\"gr[ae]y[ -]?list|(postgrey\"", "  - id: greylisting",
				"\"gr[ae]y[ -]?list|postgrey\"");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("decode-rules.yml")
			.withMessageContaining("entry 'greylisting'")
			.withMessageContaining("field 'patterns'")
			.withMessageContaining("is not a valid regular expression");
	}

	@Test
	void decodeRuleWithUnknownStatusCodeIsRefused() throws IOException {
		Path folder = contentWith("decode-rules.yml", "status: [\"5.1.99\"]", "  - id: unknown-user",
				"status: [\"5.1.1\"]");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'unknown-user'")
			.withMessageContaining("field 'status'")
			.withMessageContaining("unknown enhanced status code '5.1.99'");
	}

	@Test
	void decodeRuleWithoutTurkishAdviceIsRefused() throws IOException {
		Path folder = contentWith("decode-rules.yml", "      trx:", "  - id: mailbox-full", "    admin:", "      tr:");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("decode-rules.yml")
			.withMessageContaining("entry 'mailbox-full'")
			.withMessageContaining("field 'admin.tr'")
			.withMessageContaining("is missing");
	}

	@Test
	void duplicateDecodeRuleIsRefused() throws IOException {
		Path folder = contentWith("decode-rules.yml", "id: greylisting", "  - id: greylisting", "id: blocklist");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("decode-rules.yml")
			.withMessageContaining("field 'id'")
			.withMessageContaining("'greylisting' is used by another rule");
	}

	@Test
	void realProvidersLoadWithTheirSources() {
		Reference reference = Reference.load("content");
		assertThat(reference.providers()).extracting(Provider::id)
			.contains("microsoft", "outlook-com", "gmail", "yahoo", "icloud", "zoho", "proton", "mimecast",
					"proofpoint", "barracuda", "cisco");
		assertThat(reference.providers()).allSatisfy((provider) -> assertThat(provider.meanings())
			.allSatisfy((meaning) -> assertThat(meaning.source()).startsWith("https://")));
	}

	@Test
	void providerMeaningWithUnknownCauseIsRefused() throws IOException {
		Path folder = contentWith("providers.yml", "cause: no-such-cause", "  - id: proton",
				"cause: authentication-failed");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("providers.yml")
			.withMessageContaining("entry 'proton meanings #1'")
			.withMessageContaining("field 'cause'")
			.withMessageContaining("unknown cause id 'no-such-cause'");
	}

	@Test
	void providerMeaningWithUnknownStatusCodeIsRefused() throws IOException {
		Path folder = contentWith("providers.yml", "status: \"5.9.8\"", "  - id: proton", "status: \"5.7.8\"");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("providers.yml")
			.withMessageContaining("entry 'proton meanings #1'")
			.withMessageContaining("field 'status'")
			.withMessageContaining("unknown enhanced status code '5.9.8'");
	}

	@Test
	void providerMeaningWithoutSourceIsRefused() throws IOException {
		Path folder = contentWith("providers.yml", "", "  - id: proton",
				"        source: https://proton.me/support/smtp-submission");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("providers.yml")
			.withMessageContaining("entry 'proton meanings #1'")
			.withMessageContaining("field 'source'")
			.withMessageContaining("is missing");
	}

	@Test
	void decodeRuleReplacingAnUnknownCauseIsRefused() throws IOException {
		Path folder = contentWith("decode-rules.yml", "instead-of: [no-such-cause]", "  - id: smtp-auth-disabled",
				"instead-of: [authentication-failed]");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("decode-rules.yml")
			.withMessageContaining("entry 'smtp-auth-disabled'")
			.withMessageContaining("field 'instead-of'")
			.withMessageContaining("unknown cause id 'no-such-cause'");
	}

	@Test
	void decodeRuleRuledOutByAnUnknownStatusCodeIsRefused() throws IOException {
		Path folder = contentWith("decode-rules.yml", "ruled-out-by: [\"4.5.99\"]", "  - id: rate-limit",
				"ruled-out-by: [\"4.5.3\", \"5.5.3\"]");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'rate-limit'")
			.withMessageContaining("field 'ruled-out-by'")
			.withMessageContaining("unknown enhanced status code '4.5.99'");
	}

	@Test
	void decodeRuleWithAnUnknownFieldIsRefused() throws IOException {
		Path folder = contentWith("decode-rules.yml", "insteadof: [authentication-failed]",
				"  - id: smtp-auth-disabled", "instead-of: [authentication-failed]");
		assertThatExceptionOfType(ContentException.class).isThrownBy(() -> load(folder))
			.withMessageContaining("entry 'smtp-auth-disabled'")
			.withMessageContaining("field 'insteadof'")
			.withMessageContaining("is an unknown field");
	}

	private Reference load(Path folder) {
		return Reference.load(folder.toUri().toString());
	}

	private Path contentWith(String file, String replacement, String... markers) throws IOException {
		return ContentFixture.copyWith(this.copy, file, replacement, markers);
	}

}
