package org.smtpreference.sandbox;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A real {@code redis-server} and a second replica of the site sharing it, for a test
 * class's lifetime: started in its {@code @BeforeAll}, handed to its context through its
 * {@code @DynamicPropertySource}, and stopped in its {@code @AfterAll}.
 */
public final class RedisWithReplica {

	private RedisServerProcess redis;

	private SandboxReplica replica;

	public void start() throws Exception {
		this.redis = RedisServerProcess.start();
		this.replica = SandboxReplica.start(this.redis.port());
	}

	/**
	 * Points the test's own context at the same Redis server.
	 */
	public void addProperties(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.host", () -> "127.0.0.1");
		registry.add("spring.data.redis.port", this::redisPort);
	}

	/**
	 * The Redis server itself, to pause it.
	 */
	public RedisServerProcess redis() {
		return this.redis;
	}

	public int redisPort() {
		return this.redis.port();
	}

	/**
	 * The HTTP port of the second replica.
	 */
	public int replicaPort() {
		return this.replica.port();
	}

	public void stop() throws InterruptedException {
		if (this.replica != null) {
			this.replica.close();
			this.replica = null;
		}
		RedisServerProcess.stop(this.redis);
		this.redis = null;
	}

}
