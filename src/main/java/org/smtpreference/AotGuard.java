package org.smtpreference;

import java.net.URL;
import java.security.CodeSource;
import java.util.Locale;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.SpringProperties;
import org.springframework.util.ClassUtils;

/**
 * Chooses whether a start uses the bean definitions Spring AOT generated at build time.
 * <p>
 * A start from the packaged jar uses them unless {@code spring.aot.enabled} says
 * otherwise ({@link #preferBuildCode}): the jar holds the code {@code process-aot}
 * generated from the very classes beside it, so a plain {@code java -jar} skips the
 * classpath scan and the conditions as the image does. A start from compiled classes (the
 * Maven plugin's {@code spring-boot:run}, an IDE, the tests) never does: generated code
 * left in {@code target/classes} by an earlier package may be older than the classes.
 * <p>
 * It starts without the build's code when a setting chooses beans otherwise than the
 * build did: AOT evaluates conditions once, at build time, with the default settings, so
 * {@code site.sandbox.store=redis} would silently get the memory store.
 * <p>
 * Registered in {@code META-INF/spring.factories}: it runs once the environment is known
 * and before the application context is made, which is when Spring reads
 * {@code spring.aot.enabled}.
 */
class AotGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	static final String AOT_ENABLED = "spring.aot.enabled";

	/**
	 * The setting of a condition in the application's own beans, and the value the
	 * build's AOT processing saw (its default).
	 */
	static final String STORE = "site.sandbox.store";

	static final String BUILD_STORE = "memory";

	private static final Log logger = LogFactory.getLog(AotGuard.class);

	/**
	 * The class {@code process-aot} generates for the application; present only in a
	 * build that ran it.
	 */
	static final String GENERATED_INITIALIZER = "org.smtpreference.SmtpReferenceApplication__ApplicationContextInitializer";

	/**
	 * Turns Spring AOT on for this start when the application runs from a jar that holds
	 * the generated code and nobody set {@code spring.aot.enabled} (a system property or
	 * {@code spring.properties}); otherwise leaves it as it is.
	 * @return whether it was turned on here
	 */
	static boolean preferBuildCode() {
		if (SpringProperties.getProperty(AOT_ENABLED) != null) {
			return false;
		}
		ClassLoader loader = AotGuard.class.getClassLoader();
		if (!ClassUtils.isPresent(GENERATED_INITIALIZER, loader)
				|| !fromJar(AotGuard.class.getProtectionDomain().getCodeSource())) {
			return false;
		}
		System.setProperty(AOT_ENABLED, "true");
		return true;
	}

	/**
	 * Whether these classes were loaded from a jar (the packaged one, nested, or the
	 * image's extracted {@code application.jar}) rather than from a directory of compiled
	 * classes.
	 */
	static boolean fromJar(CodeSource source) {
		URL location = (source != null) ? source.getLocation() : null;
		if (location == null) {
			return false;
		}
		String where = location.toString().toLowerCase(Locale.ROOT);
		return where.startsWith("jar:") || where.endsWith(".jar") || where.contains(".jar!/")
				|| where.contains(".jar/!");
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (!AotDetector.useGeneratedArtifacts()) {
			return;
		}
		String store = event.getEnvironment().getProperty(STORE, BUILD_STORE).trim();
		if (!store.equalsIgnoreCase(BUILD_STORE)) {
			// A system property is where Spring reads the flag from, after this event
			// too.
			System.setProperty(AOT_ENABLED, "false");
			logger.info("Spring AOT is off for this start: " + STORE + "=" + store
					+ " chooses other beans than the build's AOT processing did");
		}
	}

}
