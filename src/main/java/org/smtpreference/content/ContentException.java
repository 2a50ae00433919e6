package org.smtpreference.content;

/**
 * Thrown at start-up when the content is broken; the message names the file, the entry
 * and the field.
 */
public class ContentException extends RuntimeException {

	ContentException(String file, String entry, String field, String problem) {
		super("Broken content in " + file + (entry != null ? ", entry '" + entry + "'" : "")
				+ (field != null ? ", field '" + field + "'" : "") + ": " + problem);
	}

}
