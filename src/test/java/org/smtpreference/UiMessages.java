package org.smtpreference;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import org.smtpreference.content.Language;

import org.springframework.core.io.ClassPathResource;

/**
 * The interface strings of each language, read as the files hold them, for tests that
 * check what pages say.
 */
public final class UiMessages {

	private static final Properties ENGLISH = load("i18n/messages.properties");

	private static final Properties TURKISH = load("i18n/messages_tr.properties");

	private UiMessages() {
	}

	public static Properties of(Language language) {
		return (language == Language.TR) ? TURKISH : ENGLISH;
	}

	private static Properties load(String path) {
		Properties properties = new Properties();
		try (Reader reader = new InputStreamReader(new ClassPathResource(path).getInputStream(),
				StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
