package org.smtpreference.search;

import java.util.ArrayList;
import java.util.List;

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
		return pieces(text, ranges(text, terms), 0, text.length());
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
		List<int[]> ranges = ranges(text, terms);
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
	 * text as written: the text is folded character by character, remembering where each
	 * folded character came from.
	 */
	private static List<int[]> ranges(String text, List<String> terms) {
		StringBuilder folded = new StringBuilder();
		List<Integer> origin = new ArrayList<>();
		for (int i = 0; i < text.length();) {
			int codePoint = text.codePointAt(i);
			int width = Character.charCount(codePoint);
			String one = Folding.fold(text.substring(i, i + width));
			for (int k = 0; k < one.length(); k++) {
				folded.append(one.charAt(k));
				origin.add(i);
			}
			i += width;
		}
		origin.add(text.length());
		boolean[] hit = new boolean[text.length() + 1];
		String haystack = folded.toString();
		for (String term : terms) {
			if (term.isBlank()) {
				continue;
			}
			for (int at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + 1)) {
				int start = origin.get(at);
				int end = origin.get(at + term.length());
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

}
