package org.smtpreference.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

import org.springframework.core.io.ClassPathResource;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real Postfix from the system's package, run from a temporary directory with the
 * configuration in {@code src/test/resources/differential} on a free loopback port: it
 * never reads the system's own configuration and never listens on port 25. Without
 * Postfix (or without root, which its master needs) the caller is skipped, unless
 * {@code SMTP_REFERENCE_REQUIRE_ALL} is set (as in CI), where it fails.
 */
public final class PostfixInstance implements AutoCloseable {

	private static final List<String> FILES = List.of("main.cf", "master.cf", "relay_domains", "relay_recipients",
			"recipient_access", "sender_access", "sasl/smtpd.conf");

	private final Path dir;

	private final int port;

	private Thread stopOnExit;

	private PostfixInstance(Path dir, int port) {
		this.dir = dir;
		this.port = port;
	}

	/**
	 * Starts Postfix under {@code dir} (a fresh temporary directory) and waits until it
	 * greets on its port.
	 */
	public static PostfixInstance start(Path dir) throws Exception {
		requireInstalled();
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		PostfixInstance postfix = new PostfixInstance(dir, port);
		postfix.configure();
		postfix.stopOnExit = new Thread(postfix::stop);
		Runtime.getRuntime().addShutdownHook(postfix.stopOnExit);
		try {
			postfix.run("/usr/sbin/postfix", "-c", dir.resolve("conf").toString(), "start");
			postfix.awaitGreeting();
		}
		catch (Exception | AssertionError ex) {
			// A master that started but never greeted must not outlive the test.
			postfix.close();
			throw ex;
		}
		return postfix;
	}

	public int port() {
		return this.port;
	}

	private void configure() throws Exception {
		// The master opens its files as the postfix user: the directory must be
		// traversable.
		Files.setPosixFilePermissions(this.dir, PosixFilePermissions.fromString("rwxr-xr-x"));
		for (String sub : List.of("conf/sasl", "queue", "data", "tls")) {
			Files.createDirectories(this.dir.resolve(sub));
		}
		for (String file : FILES) {
			String text = new ClassPathResource("differential/" + file).getContentAsString(StandardCharsets.UTF_8)
				.replace("${dir}", this.dir.toString())
				.replace("${port}", String.valueOf(this.port));
			Files.writeString(this.dir.resolve("conf").resolve(file), text);
		}
		run("chown", "postfix", this.dir.resolve("data").toString());
		Path tls = this.dir.resolve("tls");
		run("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=mail.example.com",
				"-keyout", tls.resolve("key.pem").toString(), "-out", tls.resolve("cert.pem").toString());
		Path sasldb = this.dir.resolve("sasldb2");
		runWithInput(SmtpSession.DEMO_PASSWORD, "/usr/sbin/saslpasswd2", "-p", "-c", "-f", sasldb.toString(), "-u",
				"mail.example.com", SmtpSession.DEMO_USER);
		run("chown", "postfix", sasldb.toString());
	}

	private void awaitGreeting() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
		while (System.nanoTime() < deadline) {
			try (Socket socket = new Socket("127.0.0.1", this.port)) {
				socket.setSoTimeout(5000);
				InputStream in = socket.getInputStream();
				byte[] greeting = new byte[3];
				if (in.readNBytes(greeting, 0, 3) == 3
						&& new String(greeting, StandardCharsets.US_ASCII).equals("220")) {
					return;
				}
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		fail("Postfix did not greet on port " + this.port + ": " + log());
	}

	/**
	 * Postfix's own log of this instance, for failure messages.
	 */
	String log() {
		try {
			Path log = this.dir.resolve("maillog");
			return Files.exists(log) ? Files.readString(log) : "(no log)";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void stop() {
		try {
			run("/usr/sbin/postfix", "-c", this.dir.resolve("conf").toString(), "abort");
		}
		catch (Exception ex) {
			// Already stopped, or never started.
		}
	}

	@Override
	public void close() {
		stop();
		try {
			Runtime.getRuntime().removeShutdownHook(this.stopOnExit);
		}
		catch (IllegalStateException ex) {
			// The JVM is exiting: the hook runs anyway.
		}
	}

	private void run(String... command) throws Exception {
		runWithInput(null, command);
	}

	private void runWithInput(String input, String... command) throws Exception {
		// Output to a file, not a pipe: the master Postfix leaves running could hold a
		// pipe
		// open.
		Path output = Files.createTempFile(this.dir, "command", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		if (input != null) {
			process.getOutputStream().write((input + "\n").getBytes(StandardCharsets.UTF_8));
		}
		process.getOutputStream().close();
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail(String.join(" ", command) + " did not end");
		}
		if (process.exitValue() != 0) {
			fail(String.join(" ", command) + " failed: " + Files.readString(output) + log());
		}
	}

	private static void requireInstalled() {
		String missing = null;
		if (!Files.isExecutable(Path.of("/usr/sbin/postfix"))) {
			missing = "Postfix is not installed (apt-get install postfix sasl2-bin libsasl2-modules)";
		}
		else if (!Files.isExecutable(Path.of("/usr/sbin/saslpasswd2"))) {
			missing = "saslpasswd2 is not installed (apt-get install sasl2-bin libsasl2-modules)";
		}
		else if (!"root".equals(System.getProperty("user.name"))) {
			missing = "Postfix's master must be started as root";
		}
		if (missing == null) {
			return;
		}
		String message = "Differential test skipped: " + missing;
		if (Boolean.parseBoolean(System.getenv().getOrDefault("SMTP_REFERENCE_REQUIRE_ALL", "false"))) {
			fail(message.replace("skipped", "required") + "; SMTP_REFERENCE_REQUIRE_ALL is set");
		}
		Assumptions.abort(message);
	}

}
