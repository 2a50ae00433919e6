package org.smtpreference.decode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;

import org.smtpreference.content.DecodeRule;

/**
 * Chooses the well-known causes the text beside a code names: the rules whose patterns
 * match, except those the code itself rules out and those a more precise cause replaces;
 * when no pattern matches, the rules the code alone names.
 */
final class Causes {

	private final List<DecodeRule> rules;

	Causes(List<DecodeRule> rules) {
		this.rules = List.copyOf(rules);
	}

	/**
	 * The causes named beside a code, those the code itself names first.
	 * @param status the enhanced status code, or {@code null} when there is none (or no
	 * code at all)
	 * @param context the text beside the code
	 * @param cost told how many pattern applications this took
	 */
	List<DecodeRule> named(String status, CharSequence context, LongConsumer cost) {
		List<DecodeRule> matched = new ArrayList<>();
		for (DecodeRule rule : this.rules) {
			cost.accept(rule.patterns().size());
			// X.3.1 beside "storage" is the system's disk, not a full mailbox: the code
			// says which cause the words belong to.
			if ((status == null || !rule.ruledOutBy().contains(status)) && rule.matches(context)) {
				matched.add(rule);
			}
		}
		if (matched.isEmpty() && status != null) {
			return this.rules.stream().filter((rule) -> rule.status().contains(status)).toList();
		}
		Set<String> replaced = new HashSet<>();
		matched.forEach((rule) -> replaced.addAll(rule.insteadOf()));
		List<DecodeRule> named = new ArrayList<>();
		matched.stream().filter((rule) -> !replaced.contains(rule.id()) && names(rule, status)).forEach(named::add);
		matched.stream().filter((rule) -> !replaced.contains(rule.id()) && !names(rule, status)).forEach(named::add);
		return named;
	}

	private static boolean names(DecodeRule rule, String status) {
		return status != null && rule.status().contains(status);
	}

}
