package org.smtpreference.web;

import java.io.IOException;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smtpreference.content.Language;

import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Serves the site's pages from memory: the content never changes while the app runs, so
 * each page is rendered once per language (and public address) and then answered from its
 * stored bytes, with an ETag and a ready gzip form. Only the language and the address
 * change these pages, so other query parameters (a tracking tag, a stray {@code q}) are
 * served the same copy; the few that do change a page ({@link SitePages#varies}, such as
 * the playground's {@code try}) make the request go to the application every time,
 * neither answered from nor stored as the page's copy.
 */
class RenderedPageFilter extends OncePerRequestFilter {

	/**
	 * How many public addresses get stored pages: one with {@code site.base-url}, a few
	 * when the address follows the requests; pages for others are rendered each time.
	 */
	private static final int ADDRESSES = 4;

	private final Set<String> cacheable;

	private final SitePages sitePages;

	private final LanguageResolver resolver;

	private final SiteAddress address;

	private final Map<String, Map<Language, Map<String, RenderedPage>>> pages = new ConcurrentHashMap<>();

	RenderedPageFilter(SitePages sitePages, LanguageResolver resolver, SiteAddress address) {
		this.cacheable = sitePages.indexable().stream().collect(Collectors.toUnmodifiableSet());
		this.sitePages = sitePages;
		this.resolver = resolver;
		this.address = address;
	}

	LanguageResolver resolver() {
		return this.resolver;
	}

	SiteAddress address() {
		return this.address;
	}

	private Map<String, RenderedPage> pages(String base, Language language, boolean create) {
		Map<Language, Map<String, RenderedPage>> byLanguage = this.pages.get(base);
		if (byLanguage == null) {
			if (!create || this.pages.size() >= ADDRESSES) {
				return null;
			}
			Map<Language, Map<String, RenderedPage>> fresh = new EnumMap<>(Language.class);
			for (Language each : Language.values()) {
				fresh.put(each, new ConcurrentHashMap<>());
			}
			byLanguage = this.pages.computeIfAbsent(base, (key) -> fresh);
		}
		return byLanguage.get(language);
	}

	/**
	 * Whether a path (as sent, not decoded) names a page that is stored once rendered.
	 */
	boolean isStorable(String path) {
		return this.cacheable.contains(path);
	}

	/**
	 * Whether a request for a storable page asks for something other than its stored
	 * copy, by a query parameter that changes the page.
	 */
	boolean varies(String path, Collection<String> parameterNames) {
		return this.sitePages.varies(path, parameterNames);
	}

	/**
	 * The stored copy of a page in a language, or {@code null} when it is not stored
	 * (yet) or not storable.
	 */
	RenderedPage stored(String base, Language language, String path) {
		Map<String, RenderedPage> stored = pages(base, language, false);
		return (stored != null) ? stored.get(path) : null;
	}

	/**
	 * Answers a request from a stored page, remembering a language chosen with
	 * {@code ?lang=} unless the cookie already holds it.
	 */
	void answer(RenderedPage page, HttpServletRequest request, HttpServletResponse response) throws IOException {
		if (LanguageResolver.fromParameter(request).isPresent()
				&& !page.language().equals(LanguageResolver.fromCookie(request).orElse(null))) {
			this.resolver.setLocale(request, response, page.language().locale());
		}
		page.write(request, response, caching(request, response));
	}

	/**
	 * How an answer may be cached: never when it sets the language cookie, by shared
	 * caches for a while when its address names the language, and otherwise only per
	 * cookie and {@code Accept-Language}, asking again each time.
	 */
	static RenderedPage.Caching caching(HttpServletRequest request, HttpServletResponse response) {
		if (response.containsHeader("Set-Cookie")) {
			return RenderedPage.Caching.PERSONAL;
		}
		return LanguageResolver.fromParameter(request).isPresent() ? RenderedPage.Caching.EXPLICIT
				: RenderedPage.Caching.NEGOTIATED;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		String path = request.getRequestURI();
		return !("GET".equals(method) || "HEAD".equals(method)) || !isStorable(path)
				|| asksForAnotherPage(request, path);
	}

	private boolean asksForAnotherPage(HttpServletRequest request, String path) {
		if (request.getQueryString() == null || this.sitePages.varyingParameters(path).isEmpty()) {
			return false;
		}
		try {
			return varies(path, request.getParameterMap().keySet());
		}
		catch (RuntimeException ex) {
			// A query that cannot be read is left to the application, never stored.
			return true;
		}
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Language language = this.resolver.resolve(request);
		Map<String, RenderedPage> stored = pages(this.address.of(request), language, true);
		RenderedPage page = (stored != null) ? stored.get(request.getRequestURI()) : null;
		if (page == null) {
			ContentCachingResponseWrapper rendering = new ContentCachingResponseWrapper(response);
			chain.doFilter(request, rendering);
			String contentType = rendering.getContentType();
			if (rendering.getStatus() != HttpServletResponse.SC_OK || contentType == null
					|| !contentType.startsWith("text/html") || "HEAD".equals(request.getMethod())) {
				rendering.copyBodyToResponse();
				return;
			}
			page = RenderedPage.of(rendering.getContentAsByteArray(), contentType, language);
			if (stored != null) {
				stored.putIfAbsent(request.getRequestURI(), page);
			}
			page.write(request, response, caching(request, response));
			return;
		}
		answer(page, request, response);
	}

}
