package org.smtpreference.probe;

import java.time.Clock;

import org.smtpreference.SiteProperties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes the probe's parts from {@code site.probe.*}: the resolver (a bean of its own, so
 * tests can map names to loopback addresses) and the service.
 */
@Configuration(proxyBeanMethods = false)
class ProbeConfiguration {

	@Bean
	ProbeResolver probeResolver() {
		return new SystemResolver();
	}

	@Bean
	ProbeService probeService(SiteProperties properties, ObjectProvider<ProbeResolver> resolvers) {
		SiteProperties.Probe probe = properties.probe();
		// Without a public host known, the name the sandbox also calls itself then.
		String ehloName = (probe.ehloName() != null) ? probe.ehloName() : properties.publicHost().orElse("localhost");
		// A test's own resolver, marked primary, wins over the system's.
		return new ProbeService(probe, ehloName, resolvers.getObject(), Clock.systemUTC());
	}

}
