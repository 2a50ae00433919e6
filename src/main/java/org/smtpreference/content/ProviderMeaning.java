package org.smtpreference.content;

import java.util.Locale;

/**
 * What one provider means by a code or a token of its own, shown beside the registry's
 * meaning, never instead of it.
 *
 * @param status the enhanced status code it explains, or {@code null} when the keyword
 * alone says it
 * @param keyword a token only this provider writes beside the code (such as {@code TSS04}
 * or {@code ?p=NoSuchUser}), lower-case, or {@code null}
 * @param meaning what the provider means
 * @param cause the id of the decoder's cause it corresponds to, or {@code null}
 * @param source the provider's public documentation this meaning comes from
 */
public record ProviderMeaning(String status, String keyword, Text meaning, String cause, String source) {

	/**
	 * Whether it explains a code: the same enhanced code, if it names one, and its
	 * keyword, if it has one, in the text beside the code (lower-cased with
	 * {@link Locale#ROOT}).
	 */
	public boolean explains(String code, String lowerCaseContext) {
		return (this.status == null || this.status.equals(code))
				&& (this.keyword == null || lowerCaseContext.contains(this.keyword));
	}

}
