package org.smtpreference.sandbox;

import java.time.Clock;

import org.smtpreference.SiteProperties;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Wires the sandbox: its transcript store (in memory unless Redis is chosen) and its
 * listener, which binds nothing unless a port is configured.
 */
@Configuration(proxyBeanMethods = false)
class SandboxConfiguration {

	@Bean
	@ConditionalOnProperty(name = "site.sandbox.store", havingValue = "memory", matchIfMissing = true)
	TranscriptStore memoryTranscriptStore(SiteProperties properties) {
		SiteProperties.Sandbox sandbox = properties.sandbox();
		return new MemoryTranscriptStore(sandbox.transcriptSize().toBytes(), sandbox.transcriptMemory().toBytes(),
				sandbox.sessionsKept(), sandbox.keepFor(), Clock.systemUTC());
	}

	/**
	 * The Redis store, for several replicas; Redis is only reached when it is chosen.
	 * <p>
	 * Spring Boot's Redis configuration (the Lettuce client and its event loops, the
	 * templates, {@code spring.data.redis.*}) comes with it: it is left out of the
	 * auto-configuration ({@code spring.autoconfigure.exclude}), so a start with the
	 * memory store, the default, no longer makes a Redis client nobody uses (issue 21).
	 * Marking its beans lazy is not enough: the connection factory is a
	 * {@code SmartLifecycle}, which Spring makes at start whatever the mark.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "site.sandbox.store", havingValue = "redis")
	@Import(DataRedisAutoConfiguration.class)
	static class RedisStore {

		@Bean
		RedisMessageListenerContainer sandboxRedisListeners(RedisConnectionFactory connections) {
			RedisMessageListenerContainer container = new RedisMessageListenerContainer();
			container.setConnectionFactory(connections);
			return container;
		}

		@Bean
		TranscriptStore redisTranscriptStore(StringRedisTemplate redis, RedisMessageListenerContainer listeners,
				SiteProperties properties) {
			SiteProperties.Sandbox sandbox = properties.sandbox();
			return new RedisTranscriptStore(redis, listeners, sandbox.transcriptSize().toBytes(),
					sandbox.sessionsKept(), sandbox.keepFor(), sandbox.sessionTimeout(), sandbox.aliveFor());
		}

	}

	@Bean
	SandboxListener sandboxListener(SiteProperties properties, TranscriptStore store) {
		SiteProperties.Sandbox sandbox = properties.sandbox();
		// Without a public host the server calls itself localhost, and its certificate
		// names only the loopback names (start-up warns).
		String host = properties.publicHost().orElse("localhost");
		SandboxTls tls = sandbox.enabled() ? SandboxTls.create(sandbox.tls(), host) : null;
		return new SandboxListener(sandbox, host, properties.siteAddress().orElse(null), store, tls);
	}

	@Bean
	SandboxListener.Drain sandboxListenerDrain(SandboxListener listener) {
		return new SandboxListener.Drain(listener);
	}

}
