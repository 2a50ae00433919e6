package org.smtpreference.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Remembers a language chosen with {@code ?lang=} in a cookie, so later pages keep it.
 */
class LanguageCookieInterceptor implements HandlerInterceptor {

	private final LanguageResolver resolver;

	LanguageCookieInterceptor(LanguageResolver resolver) {
		this.resolver = resolver;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		LanguageResolver.fromParameter(request)
			.ifPresent((language) -> this.resolver.setLocale(request, response, language.locale()));
		return true;
	}

}
