package org.smtpreference.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * The probe on for tests, allowed to reach loopback only, with a resolver that maps test
 * names to loopback addresses: {@code mail.probe.test} to 127.0.0.1 (allowed), the others
 * to 127.0.0.2 and up (not listed), so no test can send a packet off the machine. Import
 * it and add {@link #PROPERTIES} to a test's properties.
 */
@TestConfiguration(proxyBeanMethods = false)
public class LoopbackProbe {

	/**
	 * The settings that turn the probe on for loopback: short timeouts, generous limits.
	 */
	public static final String[] PROPERTIES = { "site.probe.enabled=true",
			"site.probe.allowed-targets=127.0.0.1/32:1-65535,localhost:1-65535,.probe.test:1-65535",
			"site.probe.connect-timeout=2s", "site.probe.reply-timeout=2s", "site.probe.per-client=1000",
			"site.probe.global=1000", "site.probe.max-running=8", "site.probe.ehlo-name=probe.example" };

	private static final Map<String, String> NAMES = Map.of("mail.probe.test", "127.0.0.1", "localhost", "127.0.0.1",
			"rebind.probe.test", "127.0.0.2", "meta.probe.test", "127.0.0.3");

	@Bean
	@Primary
	ProbeResolver loopbackResolver() {
		return (name) -> {
			String address = NAMES.get(name);
			if (address == null) {
				throw new UnknownHostException(name);
			}
			return new ProbeResolver.Resolution(List.of(name), List.of(InetAddress.getByName(address)));
		};
	}

}
