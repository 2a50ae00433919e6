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
		String dotless = text.replace('İ', 'i').replace('ı', 'i').replace('I', 'i');
		return MARKS.matcher(Normalizer.normalize(dotless, Normalizer.Form.NFD))
			.replaceAll("")
			.toLowerCase(Locale.ROOT);
	}

}
