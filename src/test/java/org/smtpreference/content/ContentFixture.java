package org.smtpreference.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's content and samples copied to a folder, as a self-hoster's external content
 * is laid out, optionally with one file changed: the one fixture of the tests that load
 * content from disk.
 */
public final class ContentFixture {

	private static final Path BUILT_IN = Path.of("src/main/resources");

	private ContentFixture() {
	}

	/**
	 * Copies the built-in {@code content/} and {@code samples/} into a folder.
	 * @return the folder
	 */
	public static Path copyBuiltIn(Path folder) throws IOException {
		for (String part : new String[] { "content", "samples" }) {
			copyTree(BUILT_IN.resolve(part), folder.resolve(part));
		}
		return folder;
	}

	/**
	 * Copies the built-in content and samples into a folder, then finds each marker in
	 * turn in one content file and replaces the last one found with {@code replacement}.
	 * @return the copy's {@code content/} folder
	 */
	static Path copyWith(Path folder, String file, String replacement, String... markers) throws IOException {
		copyBuiltIn(folder);
		Path target = folder.resolve("content").resolve(file);
		String text = Files.readString(target);
		int at = 0;
		for (String marker : markers) {
			at = text.indexOf(marker, at);
			assertThat(at).as("'%s' in %s", marker, file).isNotNegative();
		}
		String last = markers[markers.length - 1];
		Files.writeString(target, text.substring(0, at) + replacement + text.substring(at + last.length()));
		return folder.resolve("content");
	}

	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(path, target);
				}
			}
		}
	}

}
