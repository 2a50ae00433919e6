package org.smtpreference.web;

import java.io.IOException;
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
 * each page is rendered once per language and then answered from its stored bytes, with
 * an ETag and a ready gzip form. Only the language changes these pages, so other query
 * parameters (a tracking tag, a stray {@code q}) are served the same copy; search
 * results, which do depend on the query, are not among them.
 */
class RenderedPageFilter extends OncePerRequestFilter {

	private final Set<String> cacheable;

	private final LanguageResolver resolver;

	private final Map<Language, Map<String, RenderedPage>> pages = new EnumMap<>(Language.class);

	RenderedPageFilter(SitePages sitePages, LanguageResolver resolver) {
		this.cacheable = sitePages.indexable().stream().collect(Collectors.toUnmodifiableSet());
		this.resolver = resolver;
		for (Language language : Language.values()) {
			this.pages.put(language, new ConcurrentHashMap<>());
		}
	}

	/**
	 * Whether a path (as sent, not decoded) names a page that is stored once rendered.
	 */
	boolean isStorable(String path) {
		return this.cacheable.contains(path);
	}

	/**
	 * The stored copy of a page in a language, or {@code null} when it is not stored
	 * (yet) or not storable.
	 */
	RenderedPage stored(Language language, String path) {
		return this.pages.get(language).get(path);
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
		page.write(request, response);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return !("GET".equals(method) || "HEAD".equals(method)) || !isStorable(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Language language = LanguageResolver.resolve(request);
		Map<String, RenderedPage> stored = this.pages.get(language);
		RenderedPage page = stored.get(request.getRequestURI());
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
			stored.putIfAbsent(request.getRequestURI(), page);
			page.write(request, response);
			return;
		}
		answer(page, request, response);
	}

}
