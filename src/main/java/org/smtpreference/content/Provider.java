package org.smtpreference.content;

import java.util.List;
import java.util.Locale;

/**
 * A mail provider or filtering service that gives some codes a meaning of its own, and
 * how a pasted text shows that it came from there.
 *
 * @param id a stable identifier, lower-case with hyphens
 * @param name the name shown
 * @param hosts words that appear only in its replies and bounces (host names such as
 * {@code protection.outlook.com}, trailers such as {@code gsmtp}), lower-case
 * @param meanings what it means by some of its codes
 */
public record Provider(String id, String name, List<String> hosts, List<ProviderMeaning> meanings) {

	public Provider {
		hosts = List.copyOf(hosts);
		meanings = List.copyOf(meanings);
	}

	/**
	 * Whether a text, already lower-cased with {@link Locale#ROOT}, names one of its
	 * hosts.
	 */
	public boolean recognisedIn(String lowerCaseText) {
		return this.hosts.stream().anyMatch(lowerCaseText::contains);
	}

}
