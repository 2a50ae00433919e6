package org.smtpreference.sandbox;

import org.smtpreference.SmtpReferenceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second replica of the whole site in the same JVM, sharing a Redis server with the
 * test's own application context: a session taken by one replica's listener must show on
 * the other's pages and live stream.
 */
public final class SandboxReplica implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private SandboxReplica(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts the replica on free ports with the Redis store at the given port.
	 */
	public static SandboxReplica start(int redisPort) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SmtpReferenceApplication.class).run(
				"--server.port=0", "--site.sandbox.smtp-port=0", "--site.sandbox.bind-address=127.0.0.1",
				"--site.sandbox.public-host=localhost", "--site.sandbox.store=redis",
				"--spring.data.redis.host=127.0.0.1", "--spring.data.redis.port=" + redisPort,
				"--spring.main.banner-mode=off");
		return new SandboxReplica(context);
	}

	/**
	 * The replica's HTTP port.
	 */
	public int port() {
		return Integer.parseInt(this.context.getEnvironment().getRequiredProperty("local.server.port"));
	}

	/**
	 * The port of the replica's own SMTP listener.
	 */
	public int smtpPort() {
		return this.context.getBean(SandboxListener.class).smtpPort();
	}

	/**
	 * Waits until the replica's Redis writes queued so far are done.
	 */
	public void awaitWrites() throws InterruptedException {
		((RedisTranscriptStore) this.context.getBean(TranscriptStore.class)).awaitWrites();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
