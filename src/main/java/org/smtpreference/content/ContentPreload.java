package org.smtpreference.content;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;

/**
 * Reads the content on a second thread while Spring makes the application context, so a
 * start does not wait for the YAML to be read, bound and checked on its one main thread
 * (issue 21): most machines the site runs on have a second core with nothing to do then.
 * <p>
 * Registered in {@code META-INF/spring.factories}, it starts as soon as the settings are
 * known. {@link Reference} takes the content read for its folder, waiting for it if need
 * be; a problem found is thrown there as if it had read the content itself, and a folder
 * other than the one read here (a setting this guess did not see) is read then.
 */
class ContentPreload implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Log logger = LogFactory.getLog(ContentPreload.class);

	/**
	 * Content being read, by folder; each is taken once.
	 */
	private static final Map<String, CompletableFuture<Content>> READING = new ConcurrentHashMap<>();

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		String folder;
		try {
			Binder settings = Binder.get(event.getEnvironment());
			folder = Reference.folder(settings.bind("site.content", String.class).orElse("content"),
					settings.bind("site.content-directory", String.class).orElse(null));
		}
		catch (RuntimeException ex) {
			// The application's own binding of the settings reports what is wrong.
			logger.debug("Content not read ahead: " + ex);
			return;
		}
		start(folder);
	}

	/**
	 * Starts reading the content of a folder on a thread of its own.
	 */
	static void start(String folder) {
		CompletableFuture<Content> reading = new CompletableFuture<>();
		if (READING.putIfAbsent(folder, reading) != null) {
			return;
		}
		Thread thread = new Thread(() -> {
			try {
				reading.complete(new ContentLoader(folder).load());
			}
			catch (Throwable ex) {
				reading.completeExceptionally(ex);
			}
		}, "content-preload");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * The content read ahead for a folder, once it is read; empty if none was started for
	 * it. Whatever reading it threw is thrown here.
	 */
	static Optional<Content> take(String folder) {
		CompletableFuture<Content> reading = READING.remove(folder);
		if (reading == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(reading.join());
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException problem) {
				throw problem;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

}
