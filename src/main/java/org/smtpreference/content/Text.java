package org.smtpreference.content;

/**
 * A piece of reference text in both languages.
 *
 * @param en the English text
 * @param tr the Turkish text
 */
public record Text(RichText en, RichText tr) {

	public RichText in(Language language) {
		return (language == Language.TR) ? this.tr : this.en;
	}

}
