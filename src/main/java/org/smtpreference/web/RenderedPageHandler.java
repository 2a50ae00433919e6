package org.smtpreference.web;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;

import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.smtpreference.content.Language;

/**
 * Answers requests for pages already stored by {@link RenderedPageFilter} inside Jetty,
 * ahead of the servlet pipeline: a stored page needs no servlet request, no filter chain
 * and no dispatcher, only its ready-encoded headers and bytes. Everything else goes on to
 * the application: first renderings, a {@code ?lang=} that changes the language cookie, a
 * query parameter that changes the page ({@link SitePages#varies}), and any request this
 * handler cannot read plainly (an undecodable query, say), so that odd input meets the
 * application's own answers.
 */
class RenderedPageHandler extends Handler.Wrapper {

	private final RenderedPageFilter pages;

	private final SecurityHeaders securityHeaders;

	RenderedPageHandler(Handler next, RenderedPageFilter pages, SecurityHeaders securityHeaders) {
		super(next);
		this.pages = pages;
		this.securityHeaders = securityHeaders;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) throws Exception {
		RenderedPage page = stored(request);
		if (page == null) {
			return super.handle(request, response, callback);
		}
		HttpFields.Mutable headers = response.getHeaders();
		this.securityHeaders.addTo(headers);
		HttpFields asked = request.getHeaders();
		// This handler never sets a cookie, so only the address decides the caching.
		RenderedPage.Caching caching = (request.getHttpURI().getQuery() != null
				&& Language.fromTag(Request.extractQueryParameters(request).getValue(LanguageResolver.PARAMETER))
					.isPresent()) ? RenderedPage.Caching.EXPLICIT : RenderedPage.Caching.NEGOTIATED;
		ByteBuffer body = page.addTo(headers, caching, asked.get(HttpHeader.IF_NONE_MATCH),
				asked.get(HttpHeader.ACCEPT_ENCODING));
		if (body == null) {
			response.setStatus(HttpStatus.NOT_MODIFIED_304);
			callback.succeeded();
			return true;
		}
		response.setStatus(HttpStatus.OK_200);
		response.write(true, HttpMethod.HEAD.is(request.getMethod()) ? null : body, callback);
		return true;
	}

	private RenderedPage stored(Request request) {
		String method = request.getMethod();
		if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
			return null;
		}
		String path = request.getHttpURI().getPath();
		if (!this.pages.isStorable(path)) {
			return null;
		}
		Optional<Language> cookie = fromCookie(request);
		Optional<Language> parameter = Optional.empty();
		if (request.getHttpURI().getQuery() != null) {
			try {
				Fields query = Request.extractQueryParameters(request);
				parameter = Language.fromTag(query.getValue(LanguageResolver.PARAMETER));
				if (this.pages.varies(path, query.getNames())) {
					// A parameter that changes the page: the application renders it.
					return null;
				}
			}
			catch (RuntimeException ex) {
				return null;
			}
			if (parameter.isPresent() && !parameter.equals(cookie)) {
				// The application answers this one, remembering the choice in a cookie.
				return null;
			}
		}
		Language language = this.pages.resolver()
			.resolve(parameter, cookie, request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE));
		return this.pages.stored(this.pages.address().of(request), language, path);
	}

	private static Optional<Language> fromCookie(Request request) {
		if (!request.getHeaders().contains(HttpHeader.COOKIE)) {
			return Optional.empty();
		}
		List<HttpCookie> cookies;
		try {
			cookies = Request.getCookies(request);
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
		for (HttpCookie cookie : cookies) {
			if (LanguageResolver.COOKIE.equals(cookie.getName())) {
				return Language.fromTag(cookie.getValue());
			}
		}
		return Optional.empty();
	}

}
