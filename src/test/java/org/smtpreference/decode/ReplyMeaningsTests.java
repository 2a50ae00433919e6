package org.smtpreference.decode;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one-line meaning shown under replies the reader did not write: the cause the reply
 * names before the code's own title, the most specific page as its link, both languages,
 * and nothing for text that holds no reply.
 */
class ReplyMeaningsTests {

	private static Reference reference;

	private static ReplyMeanings meanings;

	@BeforeAll
	static void load() {
		reference = Reference.load("content");
		meanings = new ReplyMeanings(reference);
	}

	@Test
	void aNamedCauseComesBeforeTheCodesTitle() {
		ReplyMeanings.Meaning meaning = meanings
			.of("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown", Language.EN)
			.orElseThrow();
		assertThat(meaning.code()).isEqualTo("550 5.1.1");
		String cause = reference.decodeRules()
			.stream()
			.filter((rule) -> rule.id().equals("unknown-user"))
			.findFirst()
			.orElseThrow()
			.title()
			.in(Language.TR)
			.plain();
		assertThat(meanings.of("550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown", Language.TR))
			.map(ReplyMeanings.Meaning::text)
			.contains(cause);
		assertThat(meaning.path()).isEqualTo(reference.statusCode("5.1.1").orElseThrow().path());
	}

	@Test
	void anOtherStatusDetailGivesWayToTheBasicCodesTitle() {
		for (String reply : List.of("250 2.0.0 Ok: queued as 4F2A1C3B12", "250 2.1.0 Sender <a@example.com> OK")) {
			assertThat(meanings.of(reply, Language.EN)).map(ReplyMeanings.Meaning::text)
				.contains(reference.reply(250).orElseThrow().title().in(Language.EN).plain());
		}
	}

	@Test
	void withoutACauseTheEnhancedCodesTitleInTheReadersLanguage() {
		String reply = "250 2.1.5 Ok";
		for (Language language : Language.values()) {
			assertThat(meanings.of(reply, language)).map(ReplyMeanings.Meaning::text)
				.contains(reference.statusCode("2.1.5").orElseThrow().entry().title().in(language).plain());
		}
		assertThat(meanings.of(reply, Language.EN).orElseThrow().text())
			.isNotEqualTo(meanings.of(reply, Language.TR).orElseThrow().text());
	}

	@Test
	void aBasicCodeAloneGivesItsReplysTitleAndPage() {
		Optional<ReplyMeanings.Meaning> meaning = meanings.of("354 End data with <CR><LF>.<CR><LF>", Language.EN);
		assertThat(meaning).map(ReplyMeanings.Meaning::path).contains(reference.reply(354).orElseThrow().path());
		assertThat(meaning).map(ReplyMeanings.Meaning::text)
			.contains(reference.reply(354).orElseThrow().title().in(Language.EN).plain());
	}

	@Test
	void textWithoutAReplyHasNoMeaning() {
		assertThat(meanings.of("", Language.EN)).isEmpty();
		assertThat(meanings.of("hello there", Language.EN)).isEmpty();
		assertThat(meanings.of("999 not a code", Language.EN)).isEmpty();
		assertThat(meanings.of("5".repeat(100_000), Language.EN)).isEmpty();
	}

}
