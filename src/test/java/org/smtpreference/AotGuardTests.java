package org.smtpreference;

import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;
import java.security.CodeSource;
import java.security.cert.Certificate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where the classes come from decides whether a start may use the build's generated code
 * by itself: the packaged jar may, compiled classes in a directory never do (they may be
 * newer than code an earlier package left beside them).
 */
class AotGuardTests {

	@Test
	void thePackagedJarAndTheExtractedJarCount() throws Exception {
		assertThat(AotGuard.fromJar(source("jar:nested:/srv/smtp-reference.jar/!BOOT-INF/classes/!/"))).isTrue();
		assertThat(AotGuard.fromJar(source("file:/application/application.jar"))).isTrue();
		assertThat(AotGuard.fromJar(source("file:/srv/App.JAR"))).isTrue();
	}

	@Test
	void compiledClassesInADirectoryDoNot() throws Exception {
		assertThat(AotGuard.fromJar(source("file:/home/dev/smtp-reference/target/classes/"))).isFalse();
		assertThat(AotGuard.fromJar(source("file:/home/dev/jar-tools/out/"))).isFalse();
		assertThat(AotGuard.fromJar(null)).isFalse();
		assertThat(AotGuard.fromJar(new CodeSource(null, (Certificate[]) null))).isFalse();
	}

	@Test
	void theTestsThemselvesRunFromCompiledClasses() {
		// So no test here starts on generated code left by an earlier package.
		assertThat(AotGuard.fromJar(AotGuard.class.getProtectionDomain().getCodeSource())).isFalse();
	}

	private static CodeSource source(String location) throws Exception {
		// Only the address is read; the JDK knows no "nested:" inside "jar:" (Spring
		// Boot's
		// launcher adds it), so a handler that never opens anything stands in.
		URLStreamHandler none = new URLStreamHandler() {
			@Override
			protected URLConnection openConnection(URL url) {
				throw new UnsupportedOperationException(url.toString());
			}
		};
		return new CodeSource(new URL(null, URI.create(location).toString(), none), (Certificate[]) null);
	}

}
