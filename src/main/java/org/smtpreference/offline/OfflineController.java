package org.smtpreference.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;
import org.smtpreference.content.Language;
import org.smtpreference.web.SitePages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves what makes the site installable and readable offline: the web app manifest in
 * the reader's language, the service worker with this deployment's version written into
 * it (so a new deployment gets a new cache and the old one is removed), and the list of a
 * language's pages with their size, said before a reader keeps them all.
 */
@RestController
class OfflineController {

	static final MediaType MANIFEST = MediaType.parseMediaType("application/manifest+json");

	private static final MediaType JAVASCRIPT = MediaType.parseMediaType("text/javascript;charset=UTF-8");

	/**
	 * About how many pages of each kind are measured to estimate the size of all.
	 */
	private static final int SAMPLE = 4;

	private final List<String> paths;

	private final MessageSource messages;

	private final ApplicationContext context;

	private final String version;

	private final String worker;

	private final Map<Language, Pages> pages = new EnumMap<>(Language.class);

	OfflineController(SitePages sitePages, MessageSource messages, ApplicationContext context,
			ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git,
			@Value("${site.release:}") String release) {
		this.paths = sitePages.indexable();
		this.messages = messages;
		this.context = context;
		String template = read("offline/sw.js");
		this.version = version(release, build.getIfAvailable(), git.getIfAvailable(), template);
		this.worker = "'use strict';\n\n// The deployment this worker belongs to: its cache is named after it.\nconst VERSION = '"
				+ this.version + "';\n\n" + template;
	}

	/**
	 * This deployment's version: {@code site.release} when set, else the build's version,
	 * time and commit, else a digest of the worker with the time the app started.
	 */
	static String version(String release, BuildProperties build, GitProperties git, String template) {
		String chosen;
		if (release != null && !release.isBlank()) {
			chosen = release.strip();
		}
		else if (build != null) {
			chosen = build.getVersion() + "-" + ((build.getTime() != null) ? build.getTime().toEpochMilli() : "0")
					+ ((git != null && git.getShortCommitId() != null) ? "-" + git.getShortCommitId() : "");
		}
		else {
			chosen = digest(template) + "-" + System.currentTimeMillis();
		}
		// Only characters that are safe inside a script's string and a cache's name.
		String safe = chosen.replaceAll("[^A-Za-z0-9._-]", "_");
		return safe.substring(0, Math.min(safe.length(), 100));
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(String path) {
		try (InputStream in = new ClassPathResource(path).getInputStream()) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String version() {
		return this.version;
	}

	/**
	 * The service worker, at the root so that it may serve every page. Browsers ask again
	 * each time they check for an update, so a new deployment is seen at once.
	 */
	@GetMapping(path = "/sw.js")
	ResponseEntity<String> worker() {
		return ResponseEntity.ok()
			.contentType(JAVASCRIPT)
			.cacheControl(CacheControl.noCache())
			.eTag("\"" + this.version + "\"")
			.body(this.worker);
	}

	/**
	 * The web app manifest, named in the language asked for ({@code ?lang=}, else the
	 * reader's).
	 */
	@GetMapping(path = "/manifest.webmanifest")
	ResponseEntity<Map<String, Object>> manifest(@RequestParam(name = "lang", required = false) String lang,
			Locale locale, HttpServletResponse response) {
		Optional<Language> language = language(lang, locale);
		if (language.isEmpty()) {
			return ResponseEntity.badRequest().build();
		}
		Locale chosen = language.get().locale();
		String tag = language.get().tag();
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("id", "/");
		manifest.put("name", this.messages.getMessage("site.name", null, chosen));
		manifest.put("short_name", this.messages.getMessage("offline.shortName", null, chosen));
		manifest.put("description", this.messages.getMessage("offline.manifestDescription", null, chosen));
		manifest.put("lang", tag);
		manifest.put("dir", "ltr");
		manifest.put("start_url", "/?lang=" + tag);
		manifest.put("scope", "/");
		manifest.put("display", "standalone");
		manifest.put("background_color", "#ffffff");
		manifest.put("theme_color", "#ffffff");
		manifest.put("icons",
				List.of(Map.of("src", "/favicon.svg", "sizes", "any", "type", "image/svg+xml", "purpose", "any")));
		return ResponseEntity.ok().contentType(MANIFEST).headers(caching(response)).body(manifest);
	}

	/**
	 * Every page of a language as the sitemap lists it, with their number and size, for
	 * the "keep the whole reference offline" button.
	 */
	@GetMapping(path = "/offline.json", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Pages> offline(@RequestParam(name = "lang", required = false) String lang, Locale locale,
			HttpServletResponse response) {
		Optional<Language> language = language(lang, locale);
		if (language.isEmpty()) {
			return ResponseEntity.badRequest().build();
		}
		return ResponseEntity.ok().headers(caching(response)).body(pages(language.get()));
	}

	private static Optional<Language> language(String lang, Locale locale) {
		if (lang == null) {
			return Optional.of(Language.of(locale));
		}
		return Language.fromTag(lang);
	}

	/**
	 * Asks caches to check again each time, unless the answer sets the language cookie
	 * (and so must not be kept at all).
	 */
	private static HttpHeaders caching(HttpServletResponse response) {
		HttpHeaders headers = new HttpHeaders();
		if (!response.containsHeader(HttpHeaders.SET_COOKIE)) {
			headers.setCacheControl(CacheControl.noCache());
		}
		return headers;
	}

	private Pages pages(Language language) {
		synchronized (this.pages) {
			return this.pages.computeIfAbsent(language, this::measure);
		}
	}

	/**
	 * Lists a language's pages and estimates their size, asking this server for pages as
	 * a reader's browser will: every page that stands alone, and a few evenly spread
	 * pages of each kind (commands, replies...) for the rest of their kind. Rendering
	 * every page only to say their size would keep the first reader waiting. The content
	 * never changes while the app runs, so once is enough.
	 */
	private Pages measure(Language language) {
		Map<String, List<String>> kinds = new LinkedHashMap<>();
		List<String> addresses = new ArrayList<>();
		for (String path : this.paths) {
			String address = path + "?lang=" + language.tag();
			addresses.add(address);
			int slash = path.indexOf('/', 1);
			kinds.computeIfAbsent((slash > 0) ? path.substring(0, slash + 1) : path, (kind) -> new ArrayList<>())
				.add(address);
		}
		int port = (this.context instanceof WebServerApplicationContext web && web.getWebServer() != null)
				? web.getWebServer().getPort() : -1;
		long bytes = 0;
		if (port > 0) {
			HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			for (List<String> kind : kinds.values()) {
				long measured = 0;
				int pages = 0;
				int step = Math.max(1, kind.size() / SAMPLE);
				for (int i = 0; i < kind.size(); i += step) {
					long size = size(client, port, kind.get(i), language);
					if (size >= 0) {
						measured += size;
						pages++;
					}
				}
				bytes += (pages > 0) ? measured * kind.size() / pages : 0;
			}
		}
		return new Pages(language.tag(), addresses.size(), bytes, List.copyOf(addresses));
	}

	private static long size(HttpClient client, int port, String address, Language language) {
		try {
			HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + address))
				.timeout(Duration.ofSeconds(30))
				.header("Cookie", "lang=" + language.tag())
				.build();
			HttpResponse<byte[]> answer = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			return (answer.statusCode() == 200) ? answer.body().length : -1;
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	/**
	 * A language's pages.
	 *
	 * @param lang the language's tag
	 * @param count how many pages
	 * @param bytes about their size together, as stored in the browser (not compressed)
	 * @param pages their addresses, each naming the language
	 */
	record Pages(String lang, int count, long bytes, List<String> pages) {
	}

}
