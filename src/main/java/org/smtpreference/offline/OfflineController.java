package org.smtpreference.offline;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.smtpreference.content.Language;
import org.smtpreference.web.SitePages;
import org.smtpreference.web.StoredPages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
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

	private static final Log logger = LogFactory.getLog(OfflineController.class);

	/**
	 * How long after start an unknown size is worth a warning: the warm-up stores the
	 * sampled pages within this.
	 */
	private static final Duration WARN_AFTER = Duration.ofMinutes(2);

	private static final Duration WARN_EVERY = Duration.ofMinutes(5);

	private final MessageSource messages;

	private final StoredPages stored;

	private final Map<String, List<String>> kinds;

	private final Map<String, List<String>> samples;

	private final Map<Language, List<String>> addresses = new EnumMap<>(Language.class);

	private final Map<Language, Pages> known = new ConcurrentHashMap<>();

	private final long started = System.nanoTime();

	private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY.toNanos());

	private final String version;

	private final String worker;

	OfflineController(SitePages sitePages, StoredPages stored, MessageSource messages,
			ObjectProvider<BuildProperties> build, ObjectProvider<GitProperties> git,
			@Value("${site.release:}") String release) {
		this.messages = messages;
		this.stored = stored;
		this.kinds = sitePages.kinds();
		this.samples = sitePages.samples();
		for (Language language : Language.values()) {
			this.addresses.put(language,
					sitePages.indexable().stream().map((path) -> path + "?lang=" + language.tag()).toList());
		}
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

	/**
	 * A language's pages with their size: once every sampled page is stored, computed
	 * once and kept; before that (the warm-up renders them soon after start) the size of
	 * those stored so far, or not known. Only stored pages are read: nothing is rendered
	 * or requested here and no lock is held, so any number of first requests answer at
	 * once.
	 */
	private Pages pages(Language language) {
		Pages known = this.known.get(language);
		if (known != null) {
			return known;
		}
		Estimate estimate = estimate(language);
		Pages pages = new Pages(language.tag(), this.addresses.get(language).size(), estimate.bytes(),
				this.addresses.get(language));
		if (estimate.complete()) {
			this.known.put(language, pages);
		}
		else if (estimate.bytes() == null) {
			unknown(language, estimate);
		}
		return pages;
	}

	/**
	 * Estimates a language's size from the stored sampled pages of each kind; no size
	 * while a kind has none stored yet.
	 */
	private Estimate estimate(Language language) {
		long bytes = 0;
		boolean complete = true;
		String missing = null;
		for (Map.Entry<String, List<String>> kind : this.samples.entrySet()) {
			long measured = 0;
			int pages = 0;
			for (String path : kind.getValue()) {
				OptionalLong size = this.stored.size(language, path);
				if (size.isPresent()) {
					measured += size.getAsLong();
					pages++;
				}
				else {
					complete = false;
					missing = (missing != null) ? missing : path;
				}
			}
			if (pages == 0) {
				return new Estimate(null, false, missing);
			}
			bytes += measured * this.kinds.get(kind.getKey()).size() / pages;
		}
		return new Estimate(bytes, complete, missing);
	}

	/**
	 * Says, at most every few minutes, that the size is not known although the site has
	 * been up a while: a page the warm-up could not render, say.
	 */
	private void unknown(Language language, Estimate estimate) {
		long now = System.nanoTime();
		long last = this.lastWarning.get();
		if (now - this.started > WARN_AFTER.toNanos() && now - last > WARN_EVERY.toNanos()
				&& this.lastWarning.compareAndSet(last, now)) {
			logger.warn("Offline size of the " + language.tag() + " pages not known yet: " + estimate.missing()
					+ " has not been rendered");
		}
	}

	/**
	 * A size estimate.
	 *
	 * @param bytes the size, or {@code null} when not known
	 * @param complete whether every sampled page was measured
	 * @param missing a sampled page not measured yet, or {@code null}
	 */
	private record Estimate(Long bytes, boolean complete, String missing) {
	}

	/**
	 * A language's pages.
	 *
	 * @param lang the language's tag
	 * @param count how many pages
	 * @param bytes about their size together, as stored in the browser (not compressed),
	 * or {@code null} while not known yet
	 * @param pages their addresses, each naming the language
	 */
	record Pages(String lang, int count, Long bytes, List<String> pages) {
	}

}
