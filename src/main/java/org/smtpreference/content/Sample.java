package org.smtpreference.content;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A code sample that sends one message, with its source read verbatim from its file.
 *
 * @param id the tab identifier
 * @param language the programming language's name
 * @param highlight the highlighter's name for the language
 * @param file the file under {@code samples/}
 * @param code the file's text
 * @param library the library used
 * @param libraryVersion the version it was written for
 * @param transport the port and TLS mode shown
 * @param title the tab's title
 * @param explanation what it does and how to run it
 * @param commandLines for a command slug, the line of the sample that issues it
 */
public record Sample(String id, String language, String highlight, String file, String code, String library,
		String libraryVersion, String transport, Text title, Text explanation, Map<String, String> commandLines) {

	public Sample {
		commandLines = Collections.unmodifiableMap(new LinkedHashMap<>(commandLines));
	}

	/**
	 * The sample's tab on the samples page.
	 */
	public String path() {
		return "/samples#sample-" + this.id;
	}

}
