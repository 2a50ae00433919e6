package org.smtpreference.web;

import java.io.IOException;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
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
 * each page is rendered once per language into {@link StoredPages} and then answered from
 * its stored bytes, with an ETag and a ready gzip form, for whatever address the request
 * came to. Only the language and the address change these pages, so other query
 * parameters (a tracking tag, a stray {@code q}) are served the same copy; the few that
 * do change a page ({@link SitePages#varies}, such as the playground's {@code try}) make
 * the request go to the application every time, neither answered from nor stored as the
 * page's copy.
 */
class RenderedPageFilter extends OncePerRequestFilter {

	private final Set<String> cacheable;

	private final SitePages sitePages;

	private final LanguageResolver resolver;

	private final SiteAddress address;

	private final StoredPages store;

	private final AtomicLong renders = new AtomicLong();

	RenderedPageFilter(SitePages sitePages, LanguageResolver resolver, SiteAddress address, StoredPages store) {
		this.cacheable = sitePages.indexable().stream().collect(Collectors.toUnmodifiableSet());
		this.sitePages = sitePages;
		this.resolver = resolver;
		this.address = address;
		this.store = store;
	}

	/**
	 * How many times a storable page went to the application to be rendered, for tests
	 * that prove pages come from the store.
	 */
	long renders() {
		return this.renders.get();
	}

	LanguageResolver resolver() {
		return this.resolver;
	}

	SiteAddress address() {
		return this.address;
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
	 * The stored copy of a page in a language for an origin, or {@code null} when it is
	 * not stored (yet) or not storable.
	 */
	RenderedPage stored(String origin, Language language, String path) {
		return this.store.page(origin, language, path);
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
		String origin = this.address.of(request);
		RenderedPage page = stored(origin, language, request.getRequestURI());
		if (page == null) {
			this.renders.incrementAndGet();
			ContentCachingResponseWrapper rendering = new ContentCachingResponseWrapper(response);
			request.setAttribute(SiteAddress.RENDERING_FOR_STORE, Boolean.TRUE);
			try {
				chain.doFilter(request, rendering);
			}
			finally {
				request.removeAttribute(SiteAddress.RENDERING_FOR_STORE);
			}
			String contentType = rendering.getContentType();
			// A page that named this reader's own address (the sandbox's guide) is not
			// stored: the next reader may come through another host. (Cache-Control
			// cannot tell: a language chosen with ?lang= answers no-store too, and that
			// page is stored.)
			if (rendering.getStatus() != HttpServletResponse.SC_OK || contentType == null
					|| !contentType.startsWith("text/html") || "HEAD".equals(request.getMethod())
					|| request.getAttribute(SiteAddress.NAMES_THIS_REQUEST) != null) {
				// Not stored, so this reader's origin goes where the placeholder is.
				byte[] body = rendering.getContentAsByteArray();
				byte[] answered = StoredPages.withOrigin(body, origin);
				if (answered != body) {
					rendering.resetBuffer();
					rendering.getOutputStream().write(answered);
				}
				rendering.copyBodyToResponse();
				return;
			}
			this.store.store(language, request.getRequestURI(), rendering.getContentAsByteArray(), contentType);
			// The language cookie, if any, was set while rendering.
			stored(origin, language, request.getRequestURI()).write(request, response, caching(request, response));
			return;
		}
		answer(page, request, response);
	}

}
