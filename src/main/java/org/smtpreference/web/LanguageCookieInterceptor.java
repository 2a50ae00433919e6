package org.smtpreference.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smtpreference.content.Language;

import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.resource.ResourceHttpRequestHandler;

/**
 * Remembers a language chosen with {@code ?lang=} in a cookie, so later pages keep it,
 * and tells caches which request headers chose the language of an answer without one.
 */
class LanguageCookieInterceptor implements HandlerInterceptor {

	private final LanguageResolver resolver;

	LanguageCookieInterceptor(LanguageResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof ResourceHttpRequestHandler) {
			// Stylesheets, scripts and images are the same in every language.
			return true;
		}
		Optional<Language> chosen = LanguageResolver.fromParameter(request);
		if (chosen.isEmpty()) {
			response.addHeader(HttpHeaders.VARY, "Accept-Language, Cookie");
		}
		else if (!chosen.equals(LanguageResolver.fromCookie(request))) {
			this.resolver.setLocale(request, response, chosen.get().locale());
		}
		return true;
	}

}
