package org.smtpreference.web;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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

	/**
	 * How long a request for a page that another request is rendering waits for it before
	 * rendering the page itself, unless told otherwise.
	 */
	static final Duration WAIT_FOR_RENDERING = Duration.ofSeconds(10);

	private final long waitForRenderingNanos;

	/**
	 * What a rendering that no other request waits for tells when it is stored: nothing.
	 */
	private static final Consumer<Boolean> NOBODY_WAITS = (stored) -> {
	};

	private final AtomicLong renders = new AtomicLong();

	/**
	 * The pages being rendered now, by language and path: a request for one of them waits
	 * for that rendering instead of making its own. Right after a start the first reader
	 * and the warm-up ask for the home page at the same moment, and two cold renderings
	 * of it on a small machine each took longer than one (issue 21).
	 */
	private final Map<String, CountDownLatch> rendering = new ConcurrentHashMap<>();

	/**
	 * The pages whose rendering was not stored (one that names the reader's own address,
	 * or that failed): requests for them do not wait for one another. At most every page
	 * in every language.
	 */
	private final Set<String> neverStored = ConcurrentHashMap.newKeySet();

	RenderedPageFilter(SitePages sitePages, LanguageResolver resolver, SiteAddress address, StoredPages store) {
		this(sitePages, resolver, address, store, WAIT_FOR_RENDERING);
	}

	RenderedPageFilter(SitePages sitePages, LanguageResolver resolver, SiteAddress address, StoredPages store,
			Duration waitForRendering) {
		this.waitForRenderingNanos = waitForRendering.toNanos();
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
		String path = request.getRequestURI();
		RenderedPage page = stored(origin, language, path);
		if (page != null) {
			answer(page, request, response);
			return;
		}
		String key = language.tag() + " " + path;
		if ("HEAD".equals(request.getMethod()) || this.neverStored.contains(key)) {
			render(request, response, chain, language, origin, NOBODY_WAITS);
			return;
		}
		CountDownLatch mine = new CountDownLatch(1);
		CountDownLatch other = this.rendering.putIfAbsent(key, mine);
		if (other != null) {
			page = renderedMeanwhile(other, origin, language, path);
			if (page != null) {
				answer(page, request, response);
			}
			else {
				render(request, response, chain, language, origin, NOBODY_WAITS);
			}
			return;
		}
		// The waiting requests are let go as soon as the page is stored (or known not to
		// be), not after this reader has taken it: a reader that reads slowly holds up
		// only itself.
		Consumer<Boolean> release = (stored) -> {
			if (!stored) {
				this.neverStored.add(key);
			}
			this.rendering.remove(key, mine);
			mine.countDown();
		};
		try {
			// A rendering may have been stored between the look above and now.
			page = stored(origin, language, path);
			if (page != null) {
				release.accept(true);
				answer(page, request, response);
			}
			else {
				render(request, response, chain, language, origin, release);
			}
		}
		finally {
			// When the rendering failed; a second release changes nothing.
			this.rendering.remove(key, mine);
			mine.countDown();
		}
	}

	/**
	 * Waits for another request's rendering of a page and answers its stored copy;
	 * {@code null} when that rendering was not stored (an error, a HEAD request) or took
	 * too long.
	 */
	private RenderedPage renderedMeanwhile(CountDownLatch other, String origin, Language language, String path) {
		try {
			other.await(this.waitForRenderingNanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
		return stored(origin, language, path);
	}

	/**
	 * Renders a page through the application and stores it when it may be, telling
	 * {@code rendered} whether it did before the page is written to the reader.
	 */
	private void render(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Language language,
			String origin, Consumer<Boolean> rendered) throws ServletException, IOException {
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
			rendered.accept(false);
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
		rendered.accept(true);
		// The language cookie, if any, was set while rendering.
		stored(origin, language, request.getRequestURI()).write(request, response, caching(request, response));
	}

}
