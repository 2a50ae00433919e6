package org.smtpreference.search;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Folds text for matching: case, accents and the Turkish dotted and dotless i no longer
 * matter, so {@code baglanti} matches {@code bağlantı} and {@code İD} matches {@code id}.
 */
final class Folding {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private Folding() {
	}

	static String fold(String text) {
		if (isAscii(text)) {
			// Nothing to decompose and no dotted or dotless i: only case.
			return text.toLowerCase(Locale.ROOT);
		}
		String dotless = text.replace('İ', 'i').replace('ı', 'i').replace('I', 'i');
		return MARKS.matcher(Normalizer.normalize(dotless, Normalizer.Form.NFD))
			.replaceAll("")
			.toLowerCase(Locale.ROOT);
	}

	/**
	 * One character folded; the same as {@link #fold(String)} of it, without its cost for
	 * the ASCII that most of the reference is written in.
	 */
	static String fold(int codePoint) {
		if (codePoint < 0x80) {
			return String
				.valueOf((char) ((codePoint >= 'A' && codePoint <= 'Z') ? codePoint + ('a' - 'A') : codePoint));
		}
		return fold(Character.toString(codePoint));
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) >= 0x80) {
				return false;
			}
		}
		return true;
	}

}
