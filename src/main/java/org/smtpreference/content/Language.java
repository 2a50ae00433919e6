package org.smtpreference.content;

import java.util.Locale;
import java.util.Optional;

/**
 * A language the site is written in.
 */
public enum Language {

	EN(Locale.ENGLISH), TR(Locale.forLanguageTag("tr"));

	private final Locale locale;

	Language(Locale locale) {
		this.locale = locale;
	}

	/**
	 * The BCP 47 tag, as used in {@code lang} attributes and the {@code lang} parameter.
	 */
	public String tag() {
		return this.locale.getLanguage();
	}

	public Locale locale() {
		return this.locale;
	}

	/**
	 * The other language, for "read this in" links.
	 */
	public Language other() {
		return (this == EN) ? TR : EN;
	}

	/**
	 * The language for a tag such as {@code tr} or {@code tr-TR}, if the site has it.
	 */
	public static Optional<Language> fromTag(String tag) {
		if (tag == null || tag.length() > 16) {
			return Optional.empty();
		}
		String primary = tag.strip().split("[-_]", 2)[0];
		for (Language language : values()) {
			if (language.tag().equalsIgnoreCase(primary)) {
				return Optional.of(language);
			}
		}
		return Optional.empty();
	}

	/**
	 * The language for a locale, English when the site does not have it.
	 */
	public static Language of(Locale locale) {
		return (locale != null) ? fromTag(locale.getLanguage()).orElse(EN) : EN;
	}

}
