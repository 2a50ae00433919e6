package org.smtpreference;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The site's own settings, bound from {@code site.*}.
 *
 * @param baseUrl absolute address the site is reached at, used in the sitemap and
 * canonical links
 * @param content classpath folder the YAML content is read from
 * @param maxQueryLength longest search query taken; longer ones are cut, not refused
 * @param sandbox the sandbox SMTP listener, off unless a port is given
 */
@ConfigurationProperties("site")
public record SiteProperties(@DefaultValue("http://localhost:8080") String baseUrl,
		@DefaultValue("content") String content, @DefaultValue("200") int maxQueryLength,
		@DefaultValue Sandbox sandbox) {

	public SiteProperties {
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
		if (sandbox == null) {
			sandbox = Sandbox.off();
		}
	}

	/**
	 * The host name readers connect to: the sandbox's public host, else the host of the
	 * base address.
	 */
	public String publicHost() {
		if (this.sandbox.publicHost() != null && !this.sandbox.publicHost().isBlank()) {
			return this.sandbox.publicHost().strip();
		}
		try {
			String host = URI.create(this.baseUrl).getHost();
			return (host != null) ? host : "localhost";
		}
		catch (IllegalArgumentException ex) {
			return "localhost";
		}
	}

	/**
	 * The sandbox SMTP listener: the simulated server on real TCP ports, its limits and
	 * where its transcripts are kept.
	 *
	 * @param smtpPort port of the plain listener that offers STARTTLS; unset means off, 0
	 * picks a free port
	 * @param smtpsPort port of the implicit-TLS listener (as on 465); unset means off, 0
	 * picks a free port
	 * @param bindAddress local address both listeners bind to
	 * @param publicHost host name shown to readers and used in the certificate; empty
	 * means the host of {@code site.base-url}
	 * @param maxConnections open connections at once over both ports; more get 421 4.7.0
	 * @param maxConnectionsPerAddress open connections at once from one remote address;
	 * more get 421 4.7.0
	 * @param idleTimeout longest wait for the client's next line (or chunk octets) before
	 * 421 4.4.2
	 * @param sessionTimeout longest life of one connection before 421 4.4.2
	 * @param maxLineLength longest command line in octets, CRLF included; longer get 500
	 * 5.5.2
	 * @param maxMessageSize largest message accepted, announced with SIZE; larger get 552
	 * 5.3.4
	 * @param maxRecipients most recipients of one message; more get 452 4.5.3
	 * @param sessionsKept finished sessions kept for viewing; the oldest go first
	 * @param keepFor how long a finished session stays viewable
	 * @param transcriptSize most memory one transcript takes; later lines are dropped
	 * @param transcriptMemory most memory all transcripts take together; the oldest
	 * finished go first
	 * @param tls the certificate for STARTTLS and the implicit-TLS port
	 * @param store where transcripts are kept: {@code memory} or {@code redis}
	 */
	public record Sandbox(Integer smtpPort, Integer smtpsPort, @DefaultValue("0.0.0.0") String bindAddress,
			String publicHost, @DefaultValue("200") int maxConnections, @DefaultValue("5") int maxConnectionsPerAddress,
			@DefaultValue("60s") Duration idleTimeout, @DefaultValue("10m") Duration sessionTimeout,
			@DefaultValue("512") int maxLineLength, @DefaultValue("1MB") DataSize maxMessageSize,
			@DefaultValue("20") int maxRecipients, @DefaultValue("500") int sessionsKept,
			@DefaultValue("1h") Duration keepFor, @DefaultValue("64KB") DataSize transcriptSize,
			@DefaultValue("32MB") DataSize transcriptMemory, @DefaultValue Tls tls,
			@DefaultValue("memory") Store store) {

		public Sandbox {
			if (tls == null) {
				tls = new Tls(null, null);
			}
			if (store == null) {
				store = Store.MEMORY;
			}
		}

		/**
		 * The defaults, with both listeners off.
		 */
		public static Sandbox off() {
			return new Sandbox(null, null, "0.0.0.0", null, 200, 5, Duration.ofSeconds(60), Duration.ofMinutes(10), 512,
					DataSize.ofMegabytes(1), 20, 500, Duration.ofHours(1), DataSize.ofKilobytes(64),
					DataSize.ofMegabytes(32), new Tls(null, null), Store.MEMORY);
		}

		/**
		 * Whether at least one listener is on.
		 */
		public boolean enabled() {
			return this.smtpPort != null || this.smtpsPort != null;
		}

	}

	/**
	 * The sandbox's certificate, as PEM files; without them a self-signed one is made at
	 * start-up.
	 *
	 * @param certificate path of the PEM certificate chain
	 * @param privateKey path of the PEM private key (PKCS#8)
	 */
	public record Tls(String certificate, String privateKey) {

	}

	/**
	 * Where sandbox transcripts are kept.
	 */
	public enum Store {

		/** In this process: one replica. */
		MEMORY,

		/** In Redis, with live updates by pub/sub: any number of replicas. */
		REDIS

	}

}
