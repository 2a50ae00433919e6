package org.smtpreference.content;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A well-known cause the decoder names when the text beside a code matches one of its
 * patterns, or when the code alone names it.
 *
 * @param id a stable identifier, lower-case with hyphens
 * @param patterns case-insensitive patterns matched on the text that belongs to a code
 * @param status enhanced status codes that name this cause by themselves
 * @param replies basic reply codes the cause usually comes with
 * @param insteadOf causes this one replaces when both are named, being the more precise
 * @param ruledOutBy enhanced status codes beside which this cause is never named, since
 * they say it is another one
 * @param title a short name
 * @param explanation what happened
 * @param sender what the sender should do
 * @param admin what the administrator should do
 */
public record DecodeRule(String id, List<Pattern> patterns, List<String> status, List<Integer> replies,
		List<String> insteadOf, List<String> ruledOutBy, Text title, Text explanation, Text sender, Text admin) {

	public DecodeRule {
		patterns = List.copyOf(patterns);
		status = List.copyOf(status);
		replies = List.copyOf(replies);
		insteadOf = List.copyOf(insteadOf);
		ruledOutBy = List.copyOf(ruledOutBy);
	}

	/**
	 * Whether one of the patterns matches somewhere in a text.
	 */
	public boolean matches(CharSequence text) {
		return this.patterns.stream().anyMatch((pattern) -> pattern.matcher(text).find());
	}

}
