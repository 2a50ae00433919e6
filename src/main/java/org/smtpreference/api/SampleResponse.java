package org.smtpreference.api;

import java.util.Map;

import org.smtpreference.content.Language;
import org.smtpreference.content.Sample;

/**
 * A code sample, in one language.
 *
 * @param id the sample's identifier
 * @param language the programming language
 * @param title its title
 * @param library the library used
 * @param libraryVersion the version it was written for
 * @param transport the port and TLS mode shown
 * @param explanation what it does and how to run it
 * @param file its file name
 * @param code the source
 * @param commandLines for a command slug, the line that issues it
 */
record SampleResponse(String id, String language, String title, String library, String libraryVersion, String transport,
		String explanation, String file, String code, Map<String, String> commandLines) {

	static SampleResponse of(Sample sample, Language language) {
		return new SampleResponse(sample.id(), sample.language(), CommandResponse.plain(sample.title(), language),
				sample.library(), sample.libraryVersion(), sample.transport(),
				CommandResponse.plain(sample.explanation(), language), sample.file(), sample.code(),
				sample.commandLines());
	}

}
