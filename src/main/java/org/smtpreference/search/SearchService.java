package org.smtpreference.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.smtpreference.SiteProperties;
import org.smtpreference.content.Command;
import org.smtpreference.content.Extension;
import org.smtpreference.content.FaqEntry;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Reply;
import org.smtpreference.content.StatusCode;
import org.smtpreference.content.Text;
import org.smtpreference.search.SearchHit.Kind;

import org.springframework.stereotype.Service;

/**
 * Ranks the reference's entries for a query: an exact identifier first, then identifiers
 * that start with it or are one typo away, then titles, then the text.
 */
@Service
public class SearchService {

	private static final int LIMIT = 50;

	/** How long a passage shown under a result is, in characters. */
	private static final int EXCERPT = 180;

	private final Map<Language, List<Document>> documents = new EnumMap<>(Language.class);

	private final int maxQueryLength;

	public SearchService(Reference reference, SiteProperties properties) {
		this.maxQueryLength = properties.maxQueryLength();
		for (Language language : Language.values()) {
			List<Document> list = new ArrayList<>();
			for (Command command : reference.commands()) {
				list.add(new Document(Kind.COMMAND, command.verb(), command.verb(), plain(command.summary(), language),
						command.path(), body(language, command.summary(), command.description(), command.security())
								+ " " + command.syntax(),
						true));
			}
			for (Reply reply : reference.replies()) {
				list.add(new Document(Kind.REPLY, String.valueOf(reply.code()), plain(reply.title(), language),
						plain(reply.meaning(), language), reply.path(),
						body(language, reply.meaning(), reply.when(), reply.causes()) + " " + reply.example(), false));
			}
			for (StatusCode code : reference.statusCodes()) {
				list.add(new Document(Kind.STATUS, code.code(), plain(code.entry().title(), language),
						plain(code.entry().description(), language), code.path(),
						body(language, code.entry().description()), false));
			}
			for (Extension extension : reference.extensions()) {
				list.add(new Document(Kind.EXTENSION, extension.keyword(), extension.keyword(),
						plain(extension.summary(), language), extension.path(),
						body(language, extension.summary(), extension.description()), true));
			}
			for (FaqEntry entry : reference.faq()) {
				list.add(new Document(Kind.FAQ, entry.id(), plain(entry.question(), language),
						plain(entry.answer(), language), entry.path(), body(language, entry.answer()), false));
			}
			this.documents.put(language, List.copyOf(list));
		}
	}

	private static String plain(Text text, Language language) {
		return text.in(language).plain();
	}

	private static String body(Language language, Text... texts) {
		return Arrays.stream(texts)
			.filter((text) -> text != null)
			.map((text) -> text.in(language).plain())
			.collect(Collectors.joining(" "));
	}

	/**
	 * The query as it is searched for: trimmed, control characters removed and cut to the
	 * longest query taken.
	 */
	public String clean(String query) {
		if (query == null) {
			return "";
		}
		String cleaned = query.replaceAll("[\\p{Cc}\\p{Cf}\\p{Cs}\\p{Co}\\p{Cn}]+", " ").strip();
		if (cleaned.length() > this.maxQueryLength) {
			cleaned = cleaned.substring(0, this.maxQueryLength).strip();
		}
		return cleaned;
	}

	/**
	 * The entries matching a query, best first.
	 */
	public List<SearchHit> search(String query, Language language) {
		return ranked(query, language).stream().map(Document::hit).toList();
	}

	/**
	 * The entries matching a query, best first, with the query's words marked in each
	 * one's label and in the line shown under it: the summary when it holds them,
	 * otherwise the passage of the text that does.
	 */
	public List<MarkedHit> searchMarked(String query, Language language) {
		List<String> terms = List.of(terms(Folding.fold(clean(query))));
		return ranked(query, language).stream().map((document) -> {
			Marking marking = document.marking();
			List<Mark> summary = Mark.of(marking.summary(), terms);
			List<Mark> excerpt = Mark.anyMarked(summary) ? summary : Mark.excerpt(marking.text(), terms, EXCERPT);
			return new MarkedHit(document.hit(), Mark.of(marking.label(), terms),
					excerpt.isEmpty() ? summary : excerpt);
		}).toList();
	}

	private List<Document> ranked(String query, Language language) {
		String folded = Folding.fold(clean(query));
		String[] terms = terms(folded);
		if (folded.isBlank()) {
			return List.of();
		}
		List<Scored> scored = new ArrayList<>();
		List<Document> all = this.documents.get(language);
		for (int i = 0; i < all.size(); i++) {
			int score = all.get(i).score(folded, terms);
			if (score > 0) {
				scored.add(new Scored(all.get(i), score, i));
			}
		}
		return scored.stream()
			.sorted(Comparator.comparingInt(Scored::score).reversed().thenComparingInt(Scored::order))
			.limit(LIMIT)
			.map(Scored::document)
			.toList();
	}

	private static String[] terms(String folded) {
		return folded.split("[\\s,;]+");
	}

	/**
	 * The entries of one kind whose identifiers are closest in spelling to a word, for
	 * "did you mean" suggestions.
	 */
	public List<SearchHit> closest(String word, Kind kind, Language language, int count) {
		String folded = Folding.fold(clean(word));
		String cut = folded.substring(0, Math.min(folded.length(), 32));
		return this.documents.get(language)
			.stream()
			.filter((document) -> document.hit().kind() == kind)
			.sorted(Comparator.comparingInt((Document document) -> Typos.distance(cut, document.key)))
			.limit(count)
			.map(Document::hit)
			.toList();
	}

	private record Scored(Document document, int score, int order) {
	}

	/**
	 * An entry's label, summary, and summary and text, folded for marking.
	 */
	private record Marking(Mark.Folded label, Mark.Folded summary, Mark.Folded text) {
	}

	/**
	 * An entry as search sees it, with its text folded once.
	 */
	private static final class Document {

		private final SearchHit hit;

		private final String key;

		private final List<String> keyWords;

		private final String title;

		private final Set<String> titleWords;

		private final String body;

		private final boolean typoTolerant;

		/** The line shown as a result's link, as written. */
		private final String label;

		/** The summary and text as written, for the passage shown under a result. */
		private final String text;

		/**
		 * The label, summary, and summary and text, folded for marking the query's words:
		 * the first time a search shows the entry, then kept (start-up folds none).
		 */
		private volatile Marking marking;

		Document(Kind kind, String key, String title, String summary, String url, String body, boolean typoTolerant) {
			this.hit = new SearchHit(kind, key, title, summary, url);
			// A question's id is an anchor, not a name readers search for.
			this.key = (kind != Kind.FAQ) ? Folding.fold(key) : "\u0000";
			this.keyWords = List.of(this.key.split("[\\s-]+"));
			this.title = Folding.fold(title);
			this.titleWords = Arrays.stream(this.title.split("\\W+")).collect(Collectors.toUnmodifiableSet());
			String text = summary + " " + body;
			this.body = Folding.fold(text);
			boolean keyShown = !key.equals(title) && kind != Kind.FAQ;
			this.label = keyShown ? key + " · " + title : title;
			this.text = text;
			this.typoTolerant = typoTolerant;
		}

		SearchHit hit() {
			return this.hit;
		}

		Marking marking() {
			// A race folds the same texts twice, never different ones.
			Marking folded = this.marking;
			if (folded == null) {
				folded = new Marking(Mark.Folded.of(this.label), Mark.Folded.of(this.hit.summary()),
						Mark.Folded.of(this.text));
				this.marking = folded;
			}
			return folded;
		}

		int score(String query, String[] terms) {
			if (this.key.equals(query)) {
				return 10_000;
			}
			int score = 0;
			if (this.key.startsWith(query)) {
				score += 5_000;
			}
			if (!this.title.equals(this.key) && this.title.contains(query)) {
				score += 300;
			}
			for (String term : terms) {
				int termScore = termScore(term);
				if (termScore == 0) {
					return 0;
				}
				score += termScore;
			}
			return score;
		}

		private int termScore(String term) {
			if (this.keyWords.contains(term)) {
				return 1_000;
			}
			if (this.keyWords.stream().anyMatch((word) -> word.startsWith(term))) {
				return 700;
			}
			if (this.typoTolerant && term.length() >= 3
					&& this.keyWords.stream().anyMatch((word) -> Typos.withinOne(term, word))) {
				return 500;
			}
			if (this.titleWords.contains(term)) {
				return 100;
			}
			if (this.title.contains(term)) {
				return 60;
			}
			return this.body.contains(term) ? 10 : 0;
		}

	}

}
