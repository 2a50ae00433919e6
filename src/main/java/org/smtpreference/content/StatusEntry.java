package org.smtpreference.content;

import java.util.List;

/**
 * An entry of the IANA enhanced status code registry, {@code X.subject.detail}.
 *
 * @param subject the subject number
 * @param detail the detail number
 * @param classes the classes (2, 4, 5) it is used with
 * @param rfc the RFC that defined it, or 0 when {@code reference} names another document
 * @param reference the defining document when it is not an RFC (an Internet-Draft), or
 * {@code null}
 * @param basic the basic reply codes the registry associates with it that have a page
 * here
 * @param otherBasic the registry's other associated basic codes, without a page here, as
 * written there ({@code 422}, {@code 5XX})
 * @param title a short name
 * @param description what it means
 */
public record StatusEntry(int subject, int detail, List<Integer> classes, int rfc, String reference,
		List<Integer> basic, List<String> otherBasic, Text title, Text description) {

	public StatusEntry {
		classes = List.copyOf(classes);
		basic = List.copyOf(basic);
		otherBasic = List.copyOf(otherBasic);
	}

	/**
	 * The defining document as shown to readers: {@code RFC 3463} or the draft's name.
	 */
	public String definedIn() {
		return (this.rfc != 0) ? "RFC " + this.rfc : this.reference;
	}

	/**
	 * The registry's name for the entry, such as {@code X.7.1}.
	 */
	public String registryCode() {
		return "X." + this.subject + "." + this.detail;
	}

}
