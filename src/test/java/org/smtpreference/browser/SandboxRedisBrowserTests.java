package org.smtpreference.browser;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.smtpreference.sandbox.RedisWithReplica;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The live sandbox page across replicas: the client talks to this context's listener, the
 * browser watches the session on a second replica sharing the Redis store, so every new
 * line reaches the page through Redis pub/sub.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "site.sandbox.smtp-port=0",
		"site.sandbox.bind-address=127.0.0.1", "site.sandbox.public-host=localhost", "site.sandbox.store=redis" })
class SandboxRedisBrowserTests extends SandboxBrowserTests {

	private static final RedisWithReplica REDIS = new RedisWithReplica();

	@BeforeAll
	static void startRedis() throws Exception {
		REDIS.start();
	}

	@DynamicPropertySource
	static void redisProperties(DynamicPropertyRegistry registry) {
		REDIS.addProperties(registry);
	}

	@AfterAll
	static void stopRedis() throws InterruptedException {
		REDIS.stop();
	}

	@Override
	int pagePort() {
		return REDIS.replicaPort();
	}

}
