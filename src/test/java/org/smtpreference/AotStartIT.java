package org.smtpreference;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged jar, started on the code Spring AOT generated at build time: as the image
 * starts it ({@code spring.aot.enabled=true}), and by a plain {@code java -jar}, which
 * uses that code by itself ({@link AotGuard#preferBuildCode}). Runs in failsafe, after
 * the jar is made, so a bean AOT cannot handle, or a setting whose condition AOT froze,
 * fails the build.
 */
// Each test starts its own copy of the jar on free ports: two at a time (pom.xml).
@Execution(ExecutionMode.CONCURRENT)
class AotStartIT {

	/**
	 * The image's flag ({@code Dockerfile}).
	 */
	private static final String IMAGE_FLAG = "-Dspring.aot.enabled=true";

	private static final Pattern HTTP_PORT = Pattern.compile("Jetty started on port (\\d+)");

	private static final Pattern STARTUP_CLASSES = Pattern
		.compile("Startup classes loaded ahead: (\\d+) of \\d+ listed");

	private static final Pattern SMTP_PORT = Pattern.compile("Sandbox SMTP listener on \\S+, port (\\d+) ");

	@Test
	void trainingRunWithAotServesEveryWarmUpPageInBothLanguages(@TempDir Path temp) throws Exception {
		App app = App.start(temp, List.of(IMAGE_FLAG), "--server.port=0", "--site.training-run=true");
		assertThat(app.process.waitFor(3, TimeUnit.MINUTES)).as("the training run stops by itself").isTrue();
		String log = app.log();
		assertThat(app.process.exitValue()).as(log).isZero();
		assertThat(log).contains("Starting AOT-processed SmtpReferenceApplication")
			.contains("Pages warmed in")
			.doesNotContain("Warm-up:");
	}

	/**
	 * A plain {@code java -jar}, with no flag: the jar starts on its generated code.
	 */
	@Test
	void runTimeSettingsStillWorkWithAot(@TempDir Path temp) throws Exception {
		// The sandbox listener is off in the build's AOT processing; here it is on.
		App app = App.start(temp, List.of(), "--server.port=0", "--site.sandbox.smtp-port=0");
		try {
			SiteClient site = new SiteClient(app.port(HTTP_PORT));
			assertThat(app.log()).contains("Starting AOT-processed SmtpReferenceApplication");
			HttpResponse<String> home = site.get("/");
			assertThat(home.statusCode()).isEqualTo(200);
			assertThat(home.body()).contains("<html lang=\"en\"");
			HttpResponse<String> ehlo = site.get("/commands/ehlo?lang=tr");
			assertThat(ehlo.statusCode()).isEqualTo(200);
			assertThat(ehlo.body()).contains("<html lang=\"tr\"").contains("EHLO");
			HttpResponse<String> api = site.get("/api/v1/commands/ehlo");
			assertThat(api.statusCode()).isEqualTo(200);
			assertThat(api.body()).contains("\"EHLO\"");
			assertThat(site.get("/search?q=starttls").body()).contains("STARTTLS");
			assertThat(site.get("/api/v1/openapi.json").body()).contains("\"openapi\"");
			HttpResponse<String> missing = site.get("/no-such-page");
			assertThat(missing.statusCode()).isEqualTo(404);
			assertThat(missing.body()).doesNotContain("Exception");
			try (Socket socket = new Socket("127.0.0.1", app.port(SMTP_PORT))) {
				socket.setSoTimeout(10_000);
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
				assertThat(in.readLine()).startsWith("220 ");
				PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.US_ASCII);
				out.print("QUIT\r\n");
				out.flush();
				assertThat(in.readLine()).startsWith("221");
			}
			awaitReady(site);
			// The classes of the start were loaded ahead from the jar's list.
			Matcher preloaded = STARTUP_CLASSES.matcher(app.log());
			assertThat(preloaded.find()).as(app.log()).isTrue();
			assertThat(Integer.parseInt(preloaded.group(1))).isGreaterThan(1_000);
		}
		finally {
			app.stop();
		}
	}

	@Test
	void redisStoreChosenAtRunTimeIsUsedWithAot(@TempDir Path temp) throws Exception {
		// AOT chose the memory store at build time; with Redis chosen now (and no Redis
		// on
		// port 1) a well-formed session id must find the store away (503), not unknown
		// (404).
		App app = App.start(temp, List.of(IMAGE_FLAG), "--server.port=0", "--site.sandbox.store=redis",
				"--spring.data.redis.port=1");
		try {
			SiteClient site = new SiteClient(app.port(HTTP_PORT));
			HttpResponse<String> page = site.get("/sandbox/0123456789abcdef0123456789abcdef");
			assertThat(page.statusCode()).as(app.log()).isEqualTo(503);
			assertThat(app.log()).contains("Spring AOT is off for this start: site.sandbox.store=redis");
		}
		finally {
			app.stop();
		}
	}

	@Test
	void anExplicitFalseStartsWithoutTheGeneratedCode(@TempDir Path temp) throws Exception {
		App app = App.start(temp, List.of("-Dspring.aot.enabled=false"), "--server.port=0");
		try {
			SiteClient site = new SiteClient(app.port(HTTP_PORT));
			assertThat(site.get("/commands/ehlo").statusCode()).isEqualTo(200);
			assertThat(app.log()).contains("Starting SmtpReferenceApplication").doesNotContain("AOT-processed");
		}
		finally {
			app.stop();
		}
	}

	/**
	 * The list of a start's classes (StartupClasses) the build's training run recorded:
	 * classes of every part a first reader's pages use, from a start on the AOT code.
	 */
	@Test
	void theJarListsTheClassesOfAStart() throws Exception {
		List<String> names;
		try (JarFile jar = new JarFile(jar().toFile())) {
			JarEntry list = jar.getJarEntry(StartupClasses.LIST);
			assertThat(list).as(StartupClasses.LIST + " in the jar").isNotNull();
			try (InputStream in = jar.getInputStream(list)) {
				String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
				assertThat(text).as("only class names").doesNotContain("#").doesNotContain("@");
				names = StartupClasses.names(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
			}
		}
		assertThat(names).hasSizeGreaterThan(5_000)
			.doesNotHaveDuplicates()
			.contains("org.smtpreference.SmtpReferenceApplication__ApplicationContextInitializer",
					"org.eclipse.jetty.server.Server", "org.thymeleaf.TemplateEngine",
					"org.smtpreference.web.RenderedPageFilter", "org.smtpreference.search.SearchService");
	}

	private static void awaitReady(SiteClient site) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
		HttpResponse<String> readiness = site.get("/actuator/health/readiness");
		while (readiness.statusCode() != 200 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			readiness = site.get("/actuator/health/readiness");
		}
		assertThat(readiness.body()).contains("\"UP\"");
	}

	private static Path jar() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("target"))) {
			return files.filter((file) -> file.getFileName().toString().matches("smtp-reference-.*(?<!plain)\\.jar"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("no packaged jar in target/"));
		}
	}

	/**
	 * The packaged jar running, its output in a file.
	 */
	private record App(Process process, Path logFile) {

		static App start(Path temp, List<String> jvmOptions, String... arguments) throws IOException {
			Path jar = jar();
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			// The client compiler only: a start of seconds gains nothing from C2 but its
			// compile threads, which take CPU from the other start running beside it.
			List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1"));
			command.addAll(jvmOptions);
			command.addAll(List.of("-jar", jar.toAbsolutePath().toString()));
			command.addAll(List.of(arguments));
			File log = temp.resolve("app.log").toFile();
			Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
			return new App(process, log.toPath());
		}

		String log() throws IOException {
			return Files.readString(this.logFile);
		}

		/**
		 * The port the log names once the application has opened it.
		 */
		int port(Pattern pattern) throws IOException, InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
			while (System.nanoTime() < deadline) {
				Matcher matcher = pattern.matcher(log());
				if (matcher.find()) {
					return Integer.parseInt(matcher.group(1));
				}
				if (!this.process.isAlive()) {
					throw new AssertionError("the application stopped:\n" + log());
				}
				Thread.sleep(50);
			}
			throw new AssertionError("no " + pattern + " in the log:\n" + log());
		}

		void stop() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

}
