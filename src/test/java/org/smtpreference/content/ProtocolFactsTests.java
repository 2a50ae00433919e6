package org.smtpreference.content;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Protocol facts the review found stated wrongly once (issue 12), pinned so that the same
 * mistake cannot come back unnoticed. Each test names the RFC section it rests on; the
 * cross-references between commands, replies and the registries are checked in
 * {@link CatalogueTests}.
 */
class ProtocolFactsTests {

	private static Reference reference;

	@BeforeAll
	static void load() {
		reference = Reference.load("content");
	}

	@Test
	void code432IsAPasswordTransitionNotAChange() {
		// RFC 4954, section 6
		assertThat(english(command("auth").description())).doesNotContain("password change").contains("transition");
		assertThat(turkish(command("auth").description())).doesNotContain("parola değişikliği").contains("geçiş");
	}

	@Test
	void disabledVrfyAndExpnMustAnswer252() {
		// RFC 5321, sections 3.5.3 and 7.3; 502 is what many servers send anyway
		for (Text text : new Text[] { command("vrfy").description(), command("expn").description(),
				faq("vrfy-expn-disabled").answer(), reply(502).admin() }) {
			assertThat(english(text)).contains("252", "3.5.3", "7.3");
			assertThat(turkish(text)).contains("252", "3.5.3", "7.3");
		}
		assertThat(english(command("vrfy").description())).contains("502");
		assertThat(english(faq("vrfy-expn-disabled").answer())).contains("502").contains("do not conform");
		assertThat(command("expn").successReplies()).contains(252);
	}

	@Test
	void vrfyHasNoEhloKeyword() {
		assertThat(english(command("vrfy").description())).doesNotContain("may list `VRFY`")
			.doesNotContain("may list VRFY");
		assertThat(reference.extension("VRFY")).isEmpty();
	}

	@Test
	void only552ForTooManyRecipientsIsTemporary() {
		// RFC 5321, section 4.5.3.1.10
		assertThat(english(reply(552).meaning())).contains("4.5.3.1.10", "permanent")
			.doesNotContain("treat a 552 received for a recipient as temporary");
	}

	@Test
	void aRefusedRelayShouldGet550And554IsPostfixsChoice() {
		// RFC 5321, section 3.6.2
		assertThat(english(reply(554).when())).contains("3.6.2", "Postfix");
		assertThat(english(status("7.1").description())).contains("3.6.2", "Postfix");
		assertThat(english(reply(550).when())).contains("3.6.2");
	}

	@Test
	void rcptToCanGet556() {
		// RFC 7504, section 5.1
		assertThat(command("rcpt-to").errorReplies()).contains(556);
	}

	@Test
	void etrnAndAtrnRepliesHavePagesAndAreLinked() {
		// RFC 1985 (ETRN) and RFC 2645 (ATRN)
		for (int code : new int[] { 253, 458, 459, 453 }) {
			assertThat(reference.reply(code)).as("reply %d", code).isPresent();
		}
		assertThat(command("etrn").successReplies()).contains(250, 251, 252, 253);
		assertThat(command("etrn").errorReplies()).contains(458, 459);
		assertThat(reference.extension("ATRN").orElseThrow().summary().en().blocks().toString())
			.contains("/replies/453");
		for (int code : new int[] { 251, 252 }) {
			assertThat(english(reply(code).when())).as("%d explains ETRN's meaning", code).contains("RFC 1985");
		}
	}

	@Test
	void mailFloodCodeIsRegisteredFromADraftNotRfc5248() {
		StatusEntry entry = status("7.28");
		assertThat(entry.rfc()).isZero();
		assertThat(entry.definedIn()).isEqualTo("draft-levine-mailbomb-header");
	}

	@Test
	void afterStarttlsEhloIsAShouldAndStarttlsIsNotOfferedAgain() {
		// RFC 3207, section 4.2
		assertThat(english(command("starttls").description())).contains("should send EHLO again")
			.contains("must not offer STARTTLS")
			.doesNotContain("must send EHLO again");
		assertThat(english(command("ehlo").description())).doesNotContain("must send a new EHLO");
		assertThat(english(reference.extension("STARTTLS").orElseThrow().description()))
			.contains("must not offer STARTTLS");
	}

	@Test
	void bdatCarriesAnyByteOnlyWithBinarymime() {
		// RFC 3030, section 2
		assertThat(english(command("bdat").description())).contains("only when the transaction declared")
			.doesNotContain("the content may contain any byte");
	}

	@Test
	void rcptDomainMaxCountsPerSession() {
		// RFC 9422
		assertThat(english(reference.extension("LIMITS").orElseThrow().description()))
			.contains("RCPTDOMAINMAX: the most different recipient domains in one session");
	}

	@Test
	void curlExitCodeAfterTheFinalDotIs8Or56() {
		Sample curl = reference.sample("curl").orElseThrow();
		assertThat(english(curl.explanation())).contains("8 when it rejects the message after the final dot")
			.contains("56 on older curl");
		assertThat(curl.code()).contains("8 (56 on older curl)");
	}

	@Test
	void intermediateRepliesAreNotCalledSuccess() {
		assertThat(command("auth").successReplies()).doesNotContain(334);
		assertThat(command("auth").intermediateReplies()).containsExactly(334);
		assertThat(command("data").intermediateReplies()).containsExactly(354);
	}

	@Test
	void code538IsHistoric() {
		// RFC 4954, section 6
		assertThat(english(reply(538).meaning())).contains("historical reasons only");
	}

	@Test
	void expnAndHelpWereFirstDefinedInRfc821() {
		assertThat(reference.extension("EXPN").orElseThrow().rfc()).isEqualTo(821);
		assertThat(reference.extension("HELP").orElseThrow().rfc()).isEqualTo(821);
	}

	@Test
	void theOpensslSessionOnPort587DoesNotOfferEtrn() {
		Sample openssl = reference.samples()
			.stream()
			.filter((sample) -> sample.code().contains("openssl s_client"))
			.findFirst()
			.orElseThrow();
		assertThat(openssl.code()).contains(":587").doesNotContain("ETRN");
	}

	@Test
	void greylistingUses450And451() {
		assertThat(english(command("rcpt-to").description())).contains("450 and 451, which greylisting also uses")
			.doesNotContain("451 and 452 that greylisting");
	}

	@Test
	void code504IsNotAPolicyRefusal() {
		assertThat(english(command("ehlo").description())).doesNotContain("550 and 504 are rare refusals");
		assertThat(english(command("helo").description())).doesNotContain("550 or 504 for rare policy refusals");
	}

	@Test
	void x69HasItsFullRegistryTitle() {
		assertThat(english(status("6.9").title())).isEqualTo(
				"UTF-8 header message cannot be transferred to one or more recipients, so the message must be rejected");
	}

	@Test
	void code421IsForShuttingDownNotTimeoutsAlone() {
		// RFC 5321, section 3.8
		assertThat(english(reply(421).when())).contains("3.8").contains("not a timeout reply");
	}

	@Test
	void theCSharpSampleCatchesMissingStarttls() {
		Sample csharp = reference.samples()
			.stream()
			.filter((sample) -> sample.code().contains("MailKit"))
			.findFirst()
			.orElseThrow();
		assertThat(csharp.code()).contains("catch (NotSupportedException");
	}

	@Test
	void code453IsCitedFromTheAtrnSectionThatDefinesIt() {
		// RFC 2645, section 5.2.1 (section 4 is the general description)
		assertThat(reply(453).section()).isEqualTo("5.2.1");
	}

	@Test
	void x32IsAssociatedWith453And521() {
		// IANA registry; RFC 7504, section 6 added 521 to X.3.2
		assertThat(status("3.2").basic()).containsExactlyInAnyOrder(453, 521);
	}

	@Test
	void theCheatSheetSessionGivesEnhancedCodesOnEveryReplyButTheGreetingAndEhlo() {
		// RFC 2034, section 4
		Set<String> without = Set.of("greeting", "extensions", "extensions-again");
		List<String> missing = reference.flow()
			.stream()
			.flatMap((phase) -> phase.steps().stream())
			.filter((step) -> step.token().matches("[245]\\d\\d[ -].*") && !without.contains(step.key()))
			.filter((step) -> !step.token().matches("\\d{3}[ -][245]\\.\\d{1,3}\\.\\d{1,3} .*"))
			.map((step) -> step.key() + ": " + step.token())
			.toList();
		assertThat(missing).isEmpty();
	}

	@Test
	void vrfyTakesAUserNameOrAMailbox() {
		// RFC 5321, section 4.1.1.6: VRFY SP String
		assertThat(command("vrfy").syntax()).isEqualTo("VRFY <user-or-mailbox>");
		assertThat(command("vrfy").parameters()).extracting(Parameter::name).containsExactly("user-or-mailbox");
	}

	@Test
	void bothLanguagesSayManyServersAnswer502ToExpn() {
		Text unmodelled = command("expn").trial().unmodelled();
		assertThat(english(unmodelled)).contains("many real servers answer 502");
		assertThat(turkish(unmodelled)).contains("birçok gerçek sunucu").doesNotContain("çoğu");
	}

	@Test
	void theChunkingSessionDoesNotClaimBinaryContentWithoutBinarymime() {
		// RFC 3030, section 3
		Scenario chunking = scenario("chunking");
		assertThat(english(chunking.summary())).contains("BODY=BINARYMIME")
			.doesNotContain("binary content is possible");
		assertThat(turkish(chunking.summary())).contains("BODY=BINARYMIME")
			.doesNotContain("ikili içerik gönderilebilir");
	}

	@Test
	void theSizeSessionOnPort587SaysItSkipsAuthentication() {
		// RFC 6409, section 4.3
		Scenario tooLarge = scenario("too-large");
		assertThat(tooLarge.port()).isEqualTo(587);
		assertThat(english(tooLarge.summary())).contains("without AUTH", "6409");
		assertThat(turkish(tooLarge.summary())).contains("AUTH olmadan", "6409");
	}

	@Test
	void responsibilityPassesAtTheFinal250NotAtRcpt() {
		// RFC 5321, section 6.1
		Text rcpt = scenario("plain-delivery").steps().get(2).explanation();
		assertThat(english(rcpt)).contains("accepts this recipient", "6.1")
			.doesNotContain("takes responsibility for this mailbox");
		assertThat(turkish(rcpt)).contains("alıcıyı kabul ettiği", "6.1").doesNotContain("sorumluluğunu üstlendiği");
	}

	@Test
	void the538RefusalDoesNotProtectAPasswordAlreadySent() {
		// RFC 4954, sections 4 and 6
		// The modern submission server offers no AUTH before TLS; the legacy one shows
		// 538.
		assertThat(scenario("submission").steps()).noneMatch((step) -> step.expect().contains(538));
		Text refusal = scenario("legacy-submission").steps().get(1).explanation();
		assertThat(scenario("legacy-submission").steps().get(1).expect()).containsExactly(538);
		assertThat(english(refusal)).contains("too late", "already carried").doesNotContain("would expose");
		assertThat(turkish(refusal)).contains("çok geç").doesNotContain("açığa çıkarırdı");
	}

	@Test
	void postfixSendsCommandNotRecognizedWith502() {
		assertThat(english(status("5.2").description())).contains("502 5.5.2 Error: command not recognized")
			.doesNotContain("500 5.5.2");
		assertThat(turkish(status("5.2").description())).contains("502 5.5.2").doesNotContain("500 5.5.2");
	}

	@Test
	void x110SaysWhatExchangeMeansByIt() {
		assertThat(english(status("1.10").description())).contains("RESOLVER.ADR.RecipientNotFound", "5.1.1");
		assertThat(turkish(status("1.10").description())).contains("RESOLVER.ADR.RecipientNotFound", "5.1.1");
	}

	@Test
	void noExampleOffersAuthBeforeTheChannelIsEncrypted() {
		// RFC 4954 section 6 (538 is historic: a current server does not advertise AUTH
		// before TLS), RFC 3207 section 4.2, RFC 8314 section 3; the engine does the
		// same.
		Map<String, List<ExchangeLine>> exchanges = new LinkedHashMap<>();
		for (Command command : reference.commands()) {
			exchanges.put("command " + command.slug(), command.example());
			command.mechanisms()
				.forEach((mechanism) -> exchanges.put("command " + command.slug() + " " + mechanism.name(),
						mechanism.exchange()));
		}
		for (Extension extension : reference.extensions()) {
			exchanges.put("extension " + extension.slug() + " ehlo", extension.ehlo());
			exchanges.put("extension " + extension.slug() + " example", extension.example());
		}
		List<String> offeredInClear = new ArrayList<>();
		exchanges.forEach((name, lines) -> {
			boolean encrypted = false;
			String command = "";
			for (ExchangeLine line : lines) {
				// The handshake shown, or the 220 that lets it start (RFC 3207 section
				// 4).
				encrypted |= line.isPlaceholder() && line.text().equals("<TLS handshake>");
				encrypted |= !line.client() && command.equals("STARTTLS") && line.text().startsWith("220");
				command = line.client() ? line.text() : command;
				if (!line.client() && line.text().matches("250[- ]AUTH( .*)?") && !encrypted) {
					offeredInClear.add(name + ": " + line.text());
				}
			}
		});
		assertThat(offeredInClear).as("EHLO replies offering AUTH before any TLS handshake").isEmpty();
	}

	@Test
	void transientRetryAdviceLeavesRoomForRepliesWhereRetryingDoesNotHelp() {
		// RFC 1985 section 5 (458, 459) and RFC 2645 section 5.2.1 (453) are 4yz codes
		// whose pages say an immediate or unchanged retry is pointless; the class's
		// advice
		// shown on each of them must not promise that retrying works.
		ReplyClass transientClass = reference.replyClass(4);
		assertThat(english(reply(459).sender())).contains("will not help");
		assertThat(english(reply(453).sender())).contains("nothing to repeat at once");
		assertThat(english(transientClass.retry())).doesNotStartWith("Retry later.")
			.contains("own advice", "ETRN", "ATRN");
		assertThat(turkish(transientClass.retry())).doesNotStartWith("Daha sonra yeniden deneyin.")
			.contains("kendi önerisi", "ETRN", "ATRN");
	}

	private static Scenario scenario(String id) {
		return reference.scenarios().stream().filter((s) -> s.id().equals(id)).findFirst().orElseThrow();
	}

	private static Command command(String slug) {
		return reference.command(slug).orElseThrow();
	}

	private static Reply reply(int code) {
		return reference.reply(code).orElseThrow();
	}

	private static StatusEntry status(String subjectDetail) {
		return reference.statusCodes()
			.stream()
			.map(StatusCode::entry)
			.filter((entry) -> entry.registryCode().equals("X." + subjectDetail))
			.findFirst()
			.orElseThrow();
	}

	private static FaqEntry faq(String id) {
		return reference.faq().stream().filter((entry) -> entry.id().equals(id)).findFirst().orElseThrow();
	}

	private static String english(Text text) {
		return text.en().plain();
	}

	private static String turkish(Text text) {
		return text.tr().plain();
	}

}
