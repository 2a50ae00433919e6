package org.smtpreference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Loads the classes a start needs on a second thread, ahead of the main thread that is
 * going to need them (issue 21).
 * <p>
 * A plain {@code java -jar} has no class data sharing for the application's classes:
 * about 9,000 of them are read from the nested jar, parsed and defined one after another
 * on the main thread, and that is most of its start. The build records which classes a
 * start uses ({@value #LIST}, written by the JVM's {@code -XX:DumpLoadedClassList} during
 * a training run in {@code pom.xml}); {@link #preload} reads that list and loads each
 * class on a thread of its own, without initializing it, so no static initializer runs
 * earlier or elsewhere than it would have. When the main thread reaches a class, it is
 * most often there already. On the two-core machine of the figures in the README, the
 * packaged jar answered its first page about a fifth sooner with it than without.
 * <p>
 * A list older than the classes is harmless: a name that no longer loads is passed over,
 * and a class it lacks is loaded by the main thread as before. The system property
 * {@value #SWITCH}{@code =false} turns it off, for a comparison.
 * <p>
 * Registered in {@code META-INF/spring.factories}: once the application is ready, it logs
 * how far the loading got.
 */
class StartupClasses implements ApplicationListener<ApplicationReadyEvent> {

	/**
	 * The list, in the format of {@code -XX:DumpLoadedClassList}: a binary name with
	 * slashes per line, and lines starting with {@code #} or {@code @} that are not
	 * classes.
	 */
	static final String LIST = "META-INF/startup-classes.txt";

	static final String SWITCH = "smtp-reference.startup-classes";

	private static final Log logger = LogFactory.getLog(StartupClasses.class);

	/**
	 * The loading this JVM's start began ({@link #preload()}), if any.
	 */
	private static volatile Loading started;

	/**
	 * Starts loading the listed classes with this class's loader, unless the list is
	 * missing or {@value #SWITCH} is {@code false}.
	 * @return the loading started, or {@code null}
	 */
	static Loading preload() {
		Loading loading = preload(StartupClasses.class.getClassLoader());
		if (loading != null) {
			started = loading;
		}
		return loading;
	}

	/**
	 * Starts loading the classes of the list this loader holds, with it; the application
	 * does not report this one when ready.
	 * @return the loading started, or {@code null}
	 */
	static Loading preload(ClassLoader loader) {
		if ("false".equals(System.getProperty(SWITCH))) {
			return null;
		}
		InputStream list = loader.getResourceAsStream(LIST);
		if (list == null) {
			return null;
		}
		// Even reading the list is left to the thread: on the main thread, still
		// interpreting, its ten thousand lines took tens of milliseconds.
		Loading loading = new Loading(list, loader);
		Thread thread = new Thread(loading, "startup-classes");
		thread.setDaemon(true);
		thread.start();
		return loading;
	}

	/**
	 * The class names of a list, dotted, in its order.
	 */
	static List<String> names(InputStream list) throws IOException {
		List<String> names = new ArrayList<>();
		BufferedReader reader = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			String name = line.strip();
			int space = name.indexOf(' ');
			if (space >= 0) {
				// Newer JDKs add " id: …" and the like after the name.
				name = name.substring(0, space);
			}
			if (!name.isEmpty() && name.charAt(0) != '#' && name.charAt(0) != '@') {
				names.add(name.replace('/', '.'));
			}
		}
		return names;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		Loading loading = started;
		if (loading != null && logger.isInfoEnabled()) {
			logger.info(loading.report());
		}
	}

	/**
	 * Loading a list of classes, in order, once.
	 */
	static final class Loading implements Runnable {

		private final InputStream list;

		private final ClassLoader loader;

		private volatile int listed;

		private volatile int loaded;

		private volatile long tookNanos = -1;

		/**
		 * Loads the classes of a list, which it closes.
		 */
		Loading(InputStream list, ClassLoader loader) {
			this.list = list;
			this.loader = loader;
		}

		@Override
		public void run() {
			long start = System.nanoTime();
			List<String> names;
			try (InputStream in = this.list) {
				names = names(in);
			}
			catch (IOException ex) {
				names = List.of();
			}
			this.listed = names.size();
			int loaded = 0;
			for (String name : names) {
				try {
					Class.forName(name, false, this.loader);
					loaded++;
				}
				catch (ClassNotFoundException | LinkageError ex) {
					// Defined at run time (a JDK proxy), gone since the list was made, or
					// not loadable here: the main thread meets the same answer if it
					// asks.
				}
				this.loaded = loaded;
			}
			this.tookNanos = System.nanoTime() - start;
		}

		int listed() {
			return this.listed;
		}

		int loaded() {
			return this.loaded;
		}

		boolean finished() {
			return this.tookNanos >= 0;
		}

		String report() {
			if (finished()) {
				return "Startup classes loaded ahead: " + this.loaded + " of " + this.listed + " listed, in "
						+ this.tookNanos / 1_000_000 + " ms";
			}
			return "Startup classes loaded ahead: " + this.loaded + " of " + this.listed
					+ " listed so far, still loading";
		}

	}

}
