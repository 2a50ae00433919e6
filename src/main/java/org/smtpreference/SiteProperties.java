package org.smtpreference;

import java.time.Duration;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smtpreference.content.Language;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The site's own settings, bound from {@code site.*} (and so from {@code SITE_*}
 * environment variables).
 *
 * @param baseUrl absolute address the site is reached at, used in the sitemap, canonical
 * and {@code hreflang} links; when empty, the address each request came to (as a proxy
 * forwarded it) is used
 * @param content classpath folder the built-in YAML content is read from
 * @param contentDirectory folder on disk holding {@code content/} and {@code samples/}
 * that replace the built-in ones; empty for the built-in content
 * @param maxQueryLength longest search query taken; longer ones are cut, not refused
 * @param defaultLanguage language for readers who chose none and whose browser asks for
 * neither English nor Turkish
 * @param giscus optional comments on command pages, off by default
 * @param sandbox the sandbox SMTP listener, off unless a port is given
 * @param trainingRun stop once the pages are warm, with a non-zero status if one failed:
 * the run that makes the image's AOT or class data sharing cache at build time
 * @param probe the probe, the site as an SMTP client to allow-listed servers; off by
 * default
 */
@ConfigurationProperties("site")
public record SiteProperties(String baseUrl, @DefaultValue("content") String content, String contentDirectory,
		@DefaultValue("200") int maxQueryLength, @DefaultValue("en") Language defaultLanguage,
		@DefaultValue Giscus giscus, @DefaultValue Sandbox sandbox, boolean trainingRun, @DefaultValue Probe probe) {

	/**
	 * The settings as before the probe, which stays off.
	 */
	public SiteProperties(String baseUrl, String content, String contentDirectory, int maxQueryLength,
			Language defaultLanguage, Giscus giscus, Sandbox sandbox, boolean trainingRun) {
		this(baseUrl, content, contentDirectory, maxQueryLength, defaultLanguage, giscus, sandbox, trainingRun, null);
	}

	@ConstructorBinding
	public SiteProperties {
		if (probe == null) {
			probe = Probe.off();
		}
		baseUrl = (baseUrl == null || baseUrl.isBlank()) ? null : checkedBaseUrl(baseUrl.strip());
		contentDirectory = (contentDirectory == null || contentDirectory.isBlank()) ? null : contentDirectory.strip();
		if (sandbox == null) {
			sandbox = Sandbox.off();
		}
		if (maxQueryLength < 1) {
			throw new IllegalArgumentException("site.max-query-length must be at least 1, not " + maxQueryLength);
		}
	}

	private static String checkedBaseUrl(String url) {
		String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		try {
			URI uri = new URI(trimmed);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
					&& uri.getFragment() == null && uri.getUserInfo() == null) {
				return trimmed;
			}
		}
		catch (URISyntaxException ex) {
			// Reported below.
		}
		throw new IllegalArgumentException(
				"site.base-url must be an absolute http or https address such as https://smtp.example.org, not '" + url
						+ "'");
	}

	/**
	 * Settings of the Giscus comment widget (a GitHub Discussions thread per command
	 * page); see giscus.app for the values of a repository.
	 *
	 * @param enabled whether command pages show comments; off by default, and when off no
	 * page or header names Giscus
	 * @param repo the GitHub repository, {@code owner/name}
	 * @param repoId the repository's id as Giscus gives it
	 * @param category the Discussions category new threads go to
	 * @param categoryId the category's id as Giscus gives it
	 * @param mapping how a page finds its thread: {@code pathname} (the default, one
	 * thread per command for both languages), {@code url}, {@code title} or
	 * {@code og:title}
	 */
	public record Giscus(boolean enabled, String repo, String repoId, String category, String categoryId,
			@DefaultValue("pathname") String mapping) {

		/**
		 * The one origin the widget is loaded from and framed from.
		 */
		public static final String ORIGIN = "https://giscus.app";

		public String origin() {
			return ORIGIN;
		}

		/**
		 * The widget's script, from its own origin.
		 */
		public String scriptUrl() {
			return ORIGIN + "/client.js";
		}

		public Giscus {
			if (enabled) {
				Map<String, String> required = Map.of("repo", String.valueOf(repo), "repo-id", String.valueOf(repoId),
						"category", String.valueOf(category), "category-id", String.valueOf(categoryId));
				required.forEach((name, value) -> {
					if (value.isBlank() || value.equals("null")) {
						throw new IllegalArgumentException(
								"site.giscus." + name + " must be set when site.giscus.enabled is true");
					}
				});
				if (!repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
					throw new IllegalArgumentException("site.giscus.repo must be owner/name, not '" + repo + "'");
				}
				if (!Set.of("pathname", "url", "title", "og:title").contains(mapping)) {
					throw new IllegalArgumentException(
							"site.giscus.mapping must be pathname, url, title or og:title, not '" + mapping + "'");
				}
			}
		}

	}

	/**
	 * The site's address for texts outside a request (the sandbox's SMTP replies): the
	 * base URL, or empty when none is set; there is no guessed default, since a guess
	 * (such as {@code localhost:8080}) is wrong for every reader on another machine.
	 */
	public Optional<String> siteAddress() {
		return Optional.ofNullable(this.baseUrl);
	}

	/**
	 * The host name SMTP clients connect to, where known without a request: the sandbox's
	 * public host, else the host of the base address; empty when neither is set.
	 */
	public Optional<String> publicHost() {
		if (this.sandbox.publicHost() != null && !this.sandbox.publicHost().isBlank()) {
			return Optional.of(this.sandbox.publicHost().strip());
		}
		return siteAddress().map((address) -> URI.create(address).getHost());
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
	 * @param publicHost host name SMTP clients connect to, shown to readers and named in
	 * the generated certificate, where it differs from the web site's host; empty means
	 * the host of {@code site.base-url}, else the host each page was asked for
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
	 * @param maxLookups transcript lookups served at once; more get 503 at once, so
	 * lookups never hold the web server's threads
	 * @param aliveFor how long a Redis session stays shown open after its replica last
	 * renewed it (renewed every third of it)
	 * @param findByAddress whether {@code /sandbox} lists the recent sessions whose SMTP
	 * client had the same address as the reader's browser (as a proxy forwarded it), for
	 * clients that hide the greeting
	 * @param messageKept most octets of one accepted message kept for the live message
	 * view and the {@code .eml} download; the rest is counted, not kept
	 */
	public record Sandbox(Integer smtpPort, Integer smtpsPort, @DefaultValue("0.0.0.0") String bindAddress,
			String publicHost, @DefaultValue("200") int maxConnections, @DefaultValue("5") int maxConnectionsPerAddress,
			@DefaultValue("60s") Duration idleTimeout, @DefaultValue("10m") Duration sessionTimeout,
			@DefaultValue("512") int maxLineLength, @DefaultValue("1MB") DataSize maxMessageSize,
			@DefaultValue("20") int maxRecipients, @DefaultValue("500") int sessionsKept,
			@DefaultValue("1h") Duration keepFor, @DefaultValue("64KB") DataSize transcriptSize,
			@DefaultValue("32MB") DataSize transcriptMemory, @DefaultValue Tls tls, @DefaultValue("memory") Store store,
			@DefaultValue("32") int maxLookups, @DefaultValue("60s") Duration aliveFor, boolean findByAddress,
			@DefaultValue("24KB") DataSize messageKept) {

		public Sandbox {
			if (tls == null) {
				tls = new Tls(null, null);
			}
			if (store == null) {
				store = Store.MEMORY;
			}
			if (aliveFor == null) {
				aliveFor = Duration.ofSeconds(60);
			}
			if (messageKept == null) {
				messageKept = DataSize.ofKilobytes(24);
			}
		}

		/**
		 * The defaults, with both listeners off.
		 */
		public static Sandbox off() {
			return new Sandbox(null, null, "0.0.0.0", null, 200, 5, Duration.ofSeconds(60), Duration.ofMinutes(10), 512,
					DataSize.ofMegabytes(1), 20, 500, Duration.ofHours(1), DataSize.ofKilobytes(64),
					DataSize.ofMegabytes(32), new Tls(null, null), Store.MEMORY, 32, Duration.ofSeconds(60), false,
					DataSize.ofKilobytes(24));
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

	// Probe settings (issue 22).

	/**
	 * The probe: the site connects as a client to a mail server the reader names, but
	 * only to targets on the allow-list, and never sends mail or credentials.
	 *
	 * @param enabled whether {@code /probe} and {@code /api/v1/probe} run probes; off by
	 * default
	 * @param allowedTargets what may be probed, each {@code target:ports}: a host name
	 * ({@code mail.example.com:25,587}), a domain suffix ({@code .example.com:25}) or an
	 * address range ({@code 10.0.0.0/8:25}, {@code [fd00::]/8:25}); ports a list or range
	 * ({@code 25,465,587-588}); loopback, link-local and 169.254.169.254 only when a
	 * range inside them is listed
	 * @param ehloName the name sent with EHLO; empty means the site's public host
	 * @param connectTimeout longest wait for a connection to open
	 * @param replyTimeout longest wait for one whole reply
	 * @param maxReplyBytes largest reply read, all its lines together; a larger one ends
	 * the probe
	 * @param maxReplyLines most lines of one reply; more end the probe
	 * @param perClient probes one client may start within {@code window}
	 * @param global probes all clients together may start within {@code window}
	 * @param window the period the two limits count over
	 * @param maxRunning probes running at once over all clients
	 * @param keepFor how long a finished probe stays viewable by its id
	 */
	public record Probe(boolean enabled, List<String> allowedTargets, String ehloName,
			@DefaultValue("5s") Duration connectTimeout, @DefaultValue("15s") Duration replyTimeout,
			@DefaultValue("16KB") DataSize maxReplyBytes, @DefaultValue("100") int maxReplyLines,
			@DefaultValue("5") int perClient, @DefaultValue("60") int global, @DefaultValue("10m") Duration window,
			@DefaultValue("4") int maxRunning, @DefaultValue("10m") Duration keepFor) {

		public Probe {
			allowedTargets = (allowedTargets != null) ? List.copyOf(allowedTargets) : List.of();
			ehloName = (ehloName == null || ehloName.isBlank()) ? null : ehloName.strip();
			if (perClient < 1 || global < 1 || maxRunning < 1 || maxReplyLines < 1) {
				throw new IllegalArgumentException(
						"site.probe.per-client, global, max-running and max-reply-lines must be at least 1");
			}
		}

		/**
		 * The defaults: off, with nothing allowed.
		 */
		public static Probe off() {
			return new Probe(false, List.of(), null, Duration.ofSeconds(5), Duration.ofSeconds(15),
					DataSize.ofKilobytes(16), 100, 5, 60, Duration.ofMinutes(10), 4, Duration.ofMinutes(10));
		}

	}

}
