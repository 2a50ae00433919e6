package org.smtpreference.sandbox;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's {@code redis-server} started on a free loopback port for the tests of the
 * Redis transcript store; where it is not installed the calling test is skipped, unless
 * {@code SMTP_REFERENCE_REQUIRE_ALL} is set (as in CI), where it fails.
 */
public final class RedisServerProcess implements AutoCloseable {

	private final Process process;

	private final int port;

	private RedisServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Starts a server without persistence and waits until it takes connections.
	 */
	public static RedisServerProcess start() throws Exception {
		String server = findRedisServer();
		if (server == null) {
			String message = "redis-server is not installed (apt-get install redis-server)";
			if (Boolean.parseBoolean(System.getenv().getOrDefault("SMTP_REFERENCE_REQUIRE_ALL", "false"))) {
				fail(message + "; SMTP_REFERENCE_REQUIRE_ALL is set");
			}
			assumeTrue(false, message);
		}
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		Process process = new ProcessBuilder(server, "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save",
				"", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		RedisServerProcess redis = new RedisServerProcess(process, port);
		for (int i = 0; i < 100; i++) {
			try (Socket probe = new Socket("127.0.0.1", port)) {
				return redis;
			}
			catch (IOException ex) {
				Thread.sleep(100);
			}
		}
		redis.close();
		throw new IllegalStateException("redis-server did not start");
	}

	private static String findRedisServer() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			File candidate = new File(dir, "redis-server");
			if (candidate.canExecute()) {
				return candidate.getPath();
			}
		}
		return null;
	}

	public int port() {
		return this.port;
	}

	/**
	 * Freezes the server as a hung host would (SIGSTOP): connections stay open but
	 * nothing answers. Always {@link #resume()} in a {@code finally}.
	 */
	public void pause() throws Exception {
		signal("-STOP");
	}

	/**
	 * Lets a paused server run again (SIGCONT).
	 */
	public void resume() throws Exception {
		signal("-CONT");
	}

	private void signal(String signal) throws Exception {
		Process kill = new ProcessBuilder("kill", signal, String.valueOf(this.process.pid())).inheritIO().start();
		if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
			throw new IllegalStateException("kill " + signal + " failed");
		}
	}

	/**
	 * Stops the server; a {@code null} one (never started) is ignored.
	 */
	public static void stop(RedisServerProcess redis) throws InterruptedException {
		if (redis != null) {
			redis.close();
		}
	}

	@Override
	public void close() throws InterruptedException {
		// A paused server would not see the SIGTERM until it runs again.
		try {
			resume();
		}
		catch (Exception ex) {
			// Already gone.
		}
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
