package org.smtpreference.content;

import java.util.List;

/**
 * An entry of the IANA enhanced status code registry, {@code X.subject.detail}.
 *
 * @param subject the subject number
 * @param detail the detail number
 * @param classes the classes (2, 4, 5) it is used with
 * @param rfc the RFC that defined it
 * @param basic the basic reply codes the registry associates with it
 * @param title a short name
 * @param description what it means
 */
public record StatusEntry(int subject, int detail, List<Integer> classes, int rfc, List<Integer> basic, Text title,
		Text description) {

	public StatusEntry {
		classes = List.copyOf(classes);
		basic = List.copyOf(basic);
	}

	/**
	 * The registry's name for the entry, such as {@code X.7.1}.
	 */
	public String registryCode() {
		return "X." + this.subject + "." + this.detail;
	}

}
