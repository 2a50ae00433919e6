package org.smtpreference.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.web.util.HtmlUtils;

/**
 * A piece of a result's text, marked when it is a word of the query, so a reader sees why
 * the entry matched. The words are found the way search finds them: without case, accents
 * or the Turkish dotted and dotless i.
 *
 * @param text the piece as written
 * @param marked whether it matched the query
 */
public record Mark(String text, boolean marked) {

	/**
	 * A text cut into pieces, the words of the query marked.
	 */
	static List<Mark> of(String text, List<String> terms) {
		return of(Folded.of(text), terms);
	}

	/**
	 * A text folded once cut into pieces, the words of the query marked.
	 */
	static List<Mark> of(Folded text, List<String> terms) {
		return pieces(text.text(), ranges(text, terms), 0, text.text().length());
	}

	/**
	 * The pieces as HTML: every piece's text escaped, the marked ones in {@code <mark>}.
	 * Built here rather than by a template loop of two elements per piece: a search page
	 * has hundreds of pieces, and the loop was most of its rendering time (issue 21).
	 */
	static String html(List<Mark> marks) {
		StringBuilder html = new StringBuilder();
		for (Mark mark : marks) {
			if (mark.marked()) {
				html.append("<mark>");
			}
			html.append(HtmlUtils.htmlEscape(mark.text(), "UTF-8"));
			if (mark.marked()) {
				html.append("</mark>");
			}
		}
		return html.toString();
	}

	/**
	 * Whether any piece is marked.
	 */
	static boolean anyMarked(List<Mark> marks) {
		return marks.stream().anyMatch(Mark::marked);
	}

	/**
	 * Up to {@code width} characters of a long text around its first match, cut at word
	 * boundaries, with an ellipsis where it was cut; empty when nothing matches.
	 */
	static List<Mark> excerpt(String text, List<String> terms, int width) {
		return excerpt(Folded.of(text), terms, width);
	}

	/**
	 * {@link #excerpt(String, List, int)} of a text folded once.
	 */
	static List<Mark> excerpt(Folded folded, List<String> terms, int width) {
		String text = folded.text();
		List<int[]> ranges = ranges(folded, terms);
		if (ranges.isEmpty()) {
			return List.of();
		}
		int first = ranges.get(0)[0];
		int from = Math.max(0, first - width / 3);
		int to = Math.min(text.length(), from + width);
		from = Math.max(0, Math.min(from, to - width));
		if (from > 0) {
			int space = text.indexOf(' ', from);
			from = (space >= 0 && space < first) ? space + 1 : from;
		}
		if (to < text.length()) {
			int space = text.lastIndexOf(' ', to);
			to = (space > first) ? space : to;
		}
		List<Mark> marks = new ArrayList<>();
		if (from > 0) {
			marks.add(new Mark("… ", false));
		}
		marks.addAll(pieces(text, ranges, from, to));
		if (to < text.length()) {
			marks.add(new Mark(" …", false));
		}
		return marks;
	}

	/**
	 * Where the terms occur in the text, as sorted, merged [start, end) ranges of the
	 * text as written.
	 */
	private static List<int[]> ranges(Folded folded, List<String> terms) {
		String text = folded.text();
		int[] origin = folded.origin();
		boolean[] hit = new boolean[text.length() + 1];
		String haystack = folded.folded();
		for (String term : terms) {
			if (term.isBlank()) {
				continue;
			}
			for (int at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + 1)) {
				int start = origin[at];
				int end = origin[at + term.length()];
				for (int k = start; k < end; k++) {
					hit[k] = true;
				}
			}
		}
		List<int[]> ranges = new ArrayList<>();
		for (int i = 0; i < text.length(); i++) {
			if (hit[i] && (i == 0 || !hit[i - 1])) {
				int end = i;
				while (end < text.length() && hit[end]) {
					end++;
				}
				ranges.add(new int[] { i, end });
			}
		}
		return ranges;
	}

	private static List<Mark> pieces(String text, List<int[]> ranges, int from, int to) {
		List<Mark> marks = new ArrayList<>();
		int at = from;
		for (int[] range : ranges) {
			int start = Math.max(range[0], from);
			int end = Math.min(range[1], to);
			if (end <= start) {
				continue;
			}
			if (start > at) {
				marks.add(new Mark(text.substring(at, start), false));
			}
			marks.add(new Mark(text.substring(start, end), true));
			at = end;
		}
		if (at < to) {
			marks.add(new Mark(text.substring(at, to), false));
		}
		return marks;
	}

	/**
	 * A text folded character by character, remembering where each folded character came
	 * from, so a match in the folded text is marked in the text as written. Made once per
	 * entry: a search marks up to fifty of them.
	 *
	 * @param text the text as written
	 * @param folded the text folded as search folds it
	 * @param origin for each folded character, and one past the last, its index in the
	 * text
	 */
	record Folded(String text, String folded, int[] origin) {

		static Folded of(String text) {
			StringBuilder folded = new StringBuilder(text.length());
			int[] origin = new int[text.length() + 1];
			int n = 0;
			for (int i = 0; i < text.length();) {
				int codePoint = text.codePointAt(i);
				String one = Folding.fold(codePoint);
				for (int k = 0; k < one.length(); k++) {
					folded.append(one.charAt(k));
					if (n + 1 >= origin.length) {
						origin = Arrays.copyOf(origin, origin.length * 2);
					}
					origin[n++] = i;
				}
				i += Character.charCount(codePoint);
			}
			origin[n] = text.length();
			return new Folded(text, folded.toString(), Arrays.copyOf(origin, n + 1));
		}

	}

}
