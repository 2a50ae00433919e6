package org.smtpreference;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parts of Spring Boot the site never uses stay out of its context and off its class
 * path: each one's beans cost every start (issue 21). Shares the plain site's context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnusedPartsTests {

	/**
	 * A bean each left-out auto-configuration would register.
	 */
	static final List<String> LEFT_OUT = List.of("platformTransactionManagerCustomizers",
			"transactionExecutionListeners", "persistenceExceptionTranslationPostProcessor",
			"org.springframework.aop.config.internalAutoProxyCreator", "threadPoolTaskSchedulerBuilder",
			"sslBundleRegistry", "sslHealthIndicator", "reactiveRedisTemplate", "pageableResolver",
			"websocketServletWebServerCustomizer");

	@Autowired
	ApplicationContext context;

	@Test
	void leftOutAutoConfigurationsRegisterNoBeans() {
		assertThat(LEFT_OUT).allSatisfy((name) -> assertThat(this.context.containsBean(name)).as(name).isFalse());
		// What the site does use is still there.
		assertThat(this.context.containsBean("applicationTaskExecutor")).isTrue();
		assertThat(this.context.containsBean("memoryTranscriptStore")).isTrue();
	}

	/**
	 * With the memory store, the default, nothing uses Redis: no client is made, and
	 * Spring Boot's Redis configuration comes only with the Redis store
	 * ({@code SandboxRedisTests} has it).
	 */
	@Test
	void redisComesOnlyWithTheRedisStore() {
		for (String name : List.of("redisConnectionFactory", "lettuceClientResources", "stringRedisTemplate",
				"redisTemplate")) {
			assertThat(this.context.containsBean(name)).as(name).isFalse();
		}
	}

	@Test
	void jettyWebSocketIsNotOnTheClassPath() {
		ClassLoader loader = getClass().getClassLoader();
		assertThat(ClassUtils
			.isPresent("org.eclipse.jetty.ee11.websocket.jakarta.server.JakartaWebSocketServerContainer", loader))
			.isFalse();
		assertThat(
				ClassUtils.isPresent("org.eclipse.jetty.ee11.websocket.server.JettyWebSocketServerContainer", loader))
			.isFalse();
	}

}
