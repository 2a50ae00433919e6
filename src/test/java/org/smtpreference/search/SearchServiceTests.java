package org.smtpreference.search;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the search over the real content: folding, ranking, typos and hostile queries.
 */
class SearchServiceTests {

	private static SearchService search;

	@BeforeAll
	static void load() {
		SiteProperties properties = new SiteProperties("http://localhost", "content", null, 200, Language.EN,
				new SiteProperties.Giscus(false, null, null, null, null, "pathname"), null, false);
		search = new SearchService(Reference.load("content"), properties);
	}

	private static List<String> keys(String query, Language language) {
		return search.search(query, language).stream().map(SearchHit::key).toList();
	}

	@Test
	void exactVerbComesFirstWhateverTheCase() {
		assertThat(keys("ehlo", Language.EN)).first().isEqualTo("EHLO");
		assertThat(keys("EHLO", Language.TR)).first().isEqualTo("EHLO");
		assertThat(keys("Mail From", Language.EN)).first().isEqualTo("MAIL FROM");
	}

	@Test
	void prefixComesBeforeText() {
		List<String> keys = keys("rcpt", Language.EN);
		assertThat(keys).first().isEqualTo("RCPT TO");
		assertThat(keys("star", Language.EN)).first().isEqualTo("STARTTLS");
	}

	@Test
	void oneLetterTyposInVerbsAreForgiven() {
		assertThat(keys("recpt", Language.EN)).first().isEqualTo("RCPT TO");
		assertThat(keys("ehol", Language.EN)).first().isEqualTo("EHLO");
		assertThat(keys("strattls", Language.TR)).first().isEqualTo("STARTTLS");
	}

	@Test
	void accentsAndTurkishLettersDoNotMatter() {
		List<String> folded = keys("baglanti", Language.TR);
		assertThat(folded).isNotEmpty()
			.isEqualTo(keys("bağlantı", Language.TR))
			.isEqualTo(keys("BAĞLANTI", Language.TR));
		assertThat(keys("sifreleme", Language.TR)).isEqualTo(keys("şifreleme", Language.TR)).isNotEmpty();
	}

	@Test
	void dottedAndDotlessIMatchAlike() {
		assertThat(keys("ıd", Language.TR)).isEqualTo(keys("id", Language.TR)).isEqualTo(keys("İD", Language.TR));
		assertThat(keys("kimlik", Language.TR)).isEqualTo(keys("KİMLİK", Language.TR))
			.isEqualTo(keys("KIMLIK", Language.TR))
			.isNotEmpty();
		assertThat(keys("LİMİTS", Language.TR)).first().isEqualTo("LIMITS");
	}

	@Test
	void codesAndKeywordsFindTheirEntriesFirst() {
		assertThat(search.search("550", Language.EN).get(0).url()).isEqualTo("/replies/550");
		assertThat(search.search("5.7.1", Language.EN).get(0).url()).isEqualTo("/status-codes/5.7.1");
		assertThat(search.search("pipelining", Language.TR).get(0).url()).isEqualTo("/extensions/pipelining");
		assertThat(search.search("dsn", Language.EN).get(0).url()).isEqualTo("/extensions/dsn");
	}

	@Test
	void textMatchesFindQuestions() {
		assertThat(search.search("port 587", Language.EN)).extracting(SearchHit::kind).contains(SearchHit.Kind.FAQ);
	}

	@Test
	void overlongQueriesAreCutNotFailed() {
		String longQuery = "ehlo " + "x".repeat(100_000);
		assertThat(search.clean(longQuery)).hasSizeLessThanOrEqualTo(200);
		assertThat(search.search(longQuery, Language.EN)).isEmpty();
	}

	@Test
	void controlCharactersAreIgnored() {
		assertThat(search.clean("\u0000eh\u0007lo\u202e")).isEqualTo("eh lo");
		assertThat(keys("\u0000ehlo\u0000", Language.EN)).first().isEqualTo("EHLO");
		assertThat(search.search("\uD800", Language.EN)).isEmpty();
	}

	@Test
	void blankQueryFindsNothing() {
		assertThat(search.search("   ", Language.EN)).isEmpty();
		assertThat(search.search(null, Language.TR)).isEmpty();
	}

	@Test
	void resultsAreInTheReadersLanguage() {
		SearchHit english = search.search("550", Language.EN).get(0);
		SearchHit turkish = search.search("550", Language.TR).get(0);
		assertThat(english.title()).isNotEqualTo(turkish.title());
	}

	@Test
	void closestSuggestsSimilarCommands() {
		assertThat(search.closest("mial-form", SearchHit.Kind.COMMAND, Language.EN, 3)).extracting(SearchHit::key)
			.contains("MAIL FROM");
	}

	private static String marked(List<Mark> marks) {
		StringBuilder text = new StringBuilder();
		marks.forEach((mark) -> text.append(mark.marked() ? "[" + mark.text() + "]" : mark.text()));
		return text.toString();
	}

	@Test
	void marksTheQuerysWordsAsWrittenWhateverTheFolding() {
		MarkedHit hit = search.searchMarked("baglanti", Language.TR).get(0);
		String excerpt = marked(hit.excerpt()) + marked(hit.label());
		assertThat(excerpt).containsPattern("\\[[Bb]ağlantı\\]");
		// The dotted capital İ folds to i: "id" finds and marks it in Turkish text.
		assertThat(marked(Mark.of("İDLE ve ıd", List.of("id")))).isEqualTo("[İD]LE ve [ıd]");
		assertThat(marked(Mark.of("Çağrı", List.of("cagri")))).isEqualTo("[Çağrı]");
	}

	@Test
	void marksTheIdentifierInTheLabel() {
		MarkedHit hit = search.searchMarked("ehlo", Language.EN).get(0);
		assertThat(hit.hit().key()).isEqualTo("EHLO");
		assertThat(marked(hit.label())).isEqualTo("[EHLO]");
		MarkedHit reply = search.searchMarked("550", Language.EN).get(0);
		assertThat(marked(reply.label())).startsWith("[550] · ");
	}

	@Test
	void aMatchOnlyInTheTextShowsThePassageThatMatched() {
		// Every result says why it matched: in its label, or in its summary or passage.
		List<MarkedHit> hits = search.searchMarked("pipelining", Language.EN);
		assertThat(hits).isNotEmpty();
		assertThat(hits).allSatisfy((hit) -> assertThat(Mark.anyMarked(hit.excerpt()) || Mark.anyMarked(hit.label()))
			.as("why %s matched", hit.hit().key())
			.isTrue());
		List<Mark> excerpt = Mark.excerpt("a ".repeat(200) + "needle " + "b ".repeat(200), List.of("needle"), 60);
		assertThat(marked(excerpt)).startsWith("… ").endsWith(" …").contains("[needle]");
		assertThat(marked(excerpt).length()).isLessThan(80);
	}

	@Test
	void theMarkedHtmlEscapesEveryPieceAndMarksOnlyTheMatches() {
		List<Mark> marks = Mark.of("MAIL FROM:<a@b> & \"x\" 'y' <script>", List.of("<script>", "from:<a"));
		assertThat(Mark.html(marks)).isEqualTo(
				"MAIL <mark>FROM:&lt;a</mark>@b&gt; &amp; &quot;x&quot; &#39;y&#39; <mark>&lt;script&gt;</mark>");
		MarkedHit hit = search.searchMarked("ehlo", Language.EN).get(0);
		assertThat(hit.labelHtml()).isEqualTo("<mark>EHLO</mark>");
		assertThat(Mark.html(List.of())).isEmpty();
	}

}
