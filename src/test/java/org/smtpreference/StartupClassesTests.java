package org.smtpreference;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list of a start's classes the build records, and the thread that loads them ahead
 * of the main thread: names in the JVM's format, each asked of the loader once and in
 * order, none initialized, a name that does not load passed over.
 */
// The switch is a system property, shared with any other class running beside this one.
@ResourceLock("smtp-reference.startup-classes")
class StartupClassesTests {

	/**
	 * The system property a static initializer of {@link Fixture} sets: it must never be
	 * set, since the classes are loaded without being initialized.
	 */
	static final String INITIALIZED = "startup-classes-tests.fixture-initialized";

	private static final String FIXTURE = "org/smtpreference/StartupClassesTests$Fixture";

	@Test
	void readsTheNamesOfTheJvmsListAndNothingElse() throws Exception {
		String dump = """
				# NOTE: Do not modify this file.
				#
				java/lang/Object
				@lambda-form-invoker [LF_RESOLVE] java.lang.invoke.DirectMethodHandle$Holder invokeStatic L7_L
				org/smtpreference/SmtpReferenceApplication

				org/eclipse/jetty/server/Server id: 42
				@lambda-proxy java/lang/Thread java/lang/Runnable
				  org/thymeleaf/TemplateEngine$1\s
				""";
		List<String> names = StartupClasses.names(stream(dump));
		assertThat(names).containsExactly("java.lang.Object", "org.smtpreference.SmtpReferenceApplication",
				"org.eclipse.jetty.server.Server", "org.thymeleaf.TemplateEngine$1");
	}

	@Test
	void loadsEveryListedClassInOrderWithoutInitializingIt() throws Exception {
		System.clearProperty(INITIALIZED);
		Recording loader = new Recording("java/lang/String\norg/smtpreference/NoSuchClass\n" + FIXTURE + "\n");
		StartupClasses.Loading loading = StartupClasses.preload(loader);
		assertThat(loading).isNotNull();
		await(loading);
		assertThat(loader.asked).containsExactly("java.lang.String", "org.smtpreference.NoSuchClass",
				"org.smtpreference.StartupClassesTests$Fixture");
		assertThat(loading.listed()).isEqualTo(3);
		assertThat(loading.loaded()).isEqualTo(2);
		assertThat(loading.report()).matches("Startup classes loaded ahead: 2 of 3 listed, in \\d+ ms");
		assertThat(System.getProperty(INITIALIZED)).as("a static initializer ran").isNull();
	}

	@Test
	void nothingStartsWithoutAList() {
		Recording loader = new Recording(null);
		assertThat(StartupClasses.preload(loader)).isNull();
		assertThat(loader.asked).isEmpty();
	}

	@Test
	void theSwitchTurnsItOff() {
		Recording loader = new Recording("java/lang/String\n");
		System.setProperty(StartupClasses.SWITCH, "false");
		try {
			assertThat(StartupClasses.preload(loader)).isNull();
		}
		finally {
			System.clearProperty(StartupClasses.SWITCH);
		}
		assertThat(loader.asked).isEmpty();
	}

	@Test
	void aLoadingNotFinishedSaysSo() {
		StartupClasses.Loading loading = new StartupClasses.Loading(stream("java/lang/String\njava/lang/Integer\n"),
				getClass().getClassLoader());
		assertThat(loading.finished()).isFalse();
		assertThat(loading.report()).isEqualTo("Startup classes loaded ahead: 0 of 0 listed so far, still loading");
		loading.run();
		assertThat(loading.finished()).isTrue();
		assertThat(loading.listed()).isEqualTo(2);
		assertThat(loading.loaded()).isEqualTo(2);
	}

	private static void await(StartupClasses.Loading loading) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!loading.finished() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		assertThat(loading.finished()).as("the loading finished").isTrue();
	}

	private static InputStream stream(String text) {
		return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Serves a list as {@link StartupClasses#LIST} and records the classes asked of it;
	 * the classes themselves come from the test's own loader.
	 */
	private static final class Recording extends ClassLoader {

		private final String list;

		final Queue<String> asked = new ConcurrentLinkedQueue<>();

		Recording(String list) {
			super(StartupClassesTests.class.getClassLoader());
			this.list = list;
		}

		@Override
		public InputStream getResourceAsStream(String name) {
			return (StartupClasses.LIST.equals(name) && this.list != null) ? stream(this.list) : null;
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			this.asked.add(name);
			return super.loadClass(name, resolve);
		}

	}

	/**
	 * Never named as a class in this file's code, only in the list: the test's loader
	 * loads it when the list asks for it.
	 */
	static final class Fixture {

		static {
			System.setProperty(INITIALIZED, "true");
		}

	}

}
