package org.smtpreference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Starts without the build's Spring AOT code when a setting chooses beans otherwise than
 * the build did: AOT evaluates conditions once, at build time, with the default settings,
 * so {@code site.sandbox.store=redis} would silently get the memory store.
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
