package org.smtpreference.content;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpreference.SiteProperties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.bootstrap.DefaultBootstrapContext;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The content read on a second thread while the application starts is the content the
 * reference uses, read for the folder the settings name, and a problem in it is reported
 * as when the reference reads it itself.
 */
class ContentPreloadTests {

	@Test
	void theSettingsFolderIsReadAheadAndTakenOnceByTheReference(@TempDir Path temp) throws Exception {
		Path folder = Files.createDirectories(temp.resolve("site"));
		ContentFixture.copyBuiltIn(folder);
		prepared(Map.of("site.content-directory", folder.toString()));
		String expected = Reference.folder("content", folder.toString());
		Reference reference = new Reference(
				new SiteProperties(null, "content", folder.toString(), 200, Language.EN, null, null, false));
		assertThat(reference.commands()).isNotEmpty();
		// Taken by the reference: nothing is left to take.
		assertThat(ContentPreload.take(expected)).isEmpty();
	}

	@Test
	void anotherFolderThanTheOneReadAheadIsReadByTheReference() {
		prepared(Map.of());
		// Relaxed names as the application binds them: the default folder was read ahead.
		assertThat(ContentPreload.take("content"))
			.hasValueSatisfying((content) -> assertThat(content.commands()).isNotEmpty());
		assertThat(ContentPreload.take("content")).isEmpty();
		Reference reference = new Reference(
				new SiteProperties(null, "content", null, 200, Language.EN, null, null, false));
		assertThat(reference.commands()).isNotEmpty();
	}

	@Test
	void aProblemReadAheadIsThrownAsTheReferenceWouldThrowIt(@TempDir Path temp) throws Exception {
		Path broken = Files.createDirectories(temp.resolve("broken/content"));
		Files.writeString(broken.resolve("commands.yml"), "commands:\n  - verb: [\n");
		String folder = broken.toUri().toString();
		String direct = messageOf(() -> new ContentLoader(folder).load());
		ContentPreload.start(folder);
		assertThatThrownBy(() -> ContentPreload.take(folder)).isInstanceOf(ContentException.class).hasMessage(direct);
	}

	@Test
	void settingsThatCannotBeReadStartNothing() {
		prepared(Map.of("site.content-directory", "/no/such/folder/anywhere"));
		assertThat(ContentPreload.take("content")).isEmpty();
	}

	private static void prepared(Map<String, Object> settings) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", settings));
		new ContentPreload().onApplicationEvent(new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(),
				new SpringApplication(), new String[0], environment));
	}

	private static String messageOf(Runnable load) {
		try {
			load.run();
		}
		catch (ContentException ex) {
			return ex.getMessage();
		}
		throw new AssertionError("no problem found");
	}

}
