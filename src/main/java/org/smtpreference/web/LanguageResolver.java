package org.smtpreference.web;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smtpreference.content.Language;

import org.springframework.web.servlet.LocaleResolver;

/**
 * Chooses the reader's language without a server session: the {@code lang} parameter,
 * then the {@code lang} cookie, then {@code Accept-Language}, then the site's default
 * language (English unless {@code site.default-language} says otherwise).
 */
public class LanguageResolver implements LocaleResolver {

	static final String PARAMETER = "lang";

	static final String COOKIE = "lang";

	private static final List<Locale> AVAILABLE = List.of(Language.EN.locale(), Language.TR.locale());

	private static final int MAX_ACCEPT_LANGUAGE = 512;

	private final Language fallback;

	/**
	 * A resolver whose last resort is English.
	 */
	public LanguageResolver() {
		this(Language.EN);
	}

	/**
	 * A resolver whose last resort is the given language.
	 */
	public LanguageResolver(Language fallback) {
		this.fallback = fallback;
	}

	@Override
	public Locale resolveLocale(HttpServletRequest request) {
		return resolve(request).locale();
	}

	/**
	 * The reader's language for a request.
	 */
	public Language resolve(HttpServletRequest request) {
		return resolve(fromParameter(request), fromCookie(request), request.getHeader("Accept-Language"));
	}

	/**
	 * The one order of preference, for requests read through the servlet API or straight
	 * from the server: parameter, cookie, {@code Accept-Language}, the default.
	 */
	Language resolve(Optional<Language> parameter, Optional<Language> cookie, String acceptLanguage) {
		return parameter.or(() -> cookie).or(() -> fromAcceptLanguage(acceptLanguage)).orElse(this.fallback);
	}

	/**
	 * The language of readers who chose none and whose browser names neither.
	 */
	Language fallback() {
		return this.fallback;
	}

	static Optional<Language> fromParameter(HttpServletRequest request) {
		try {
			return Language.fromTag(request.getParameter(PARAMETER));
		}
		catch (IllegalStateException | IllegalArgumentException ex) {
			// A query string the container cannot decode names no language.
			return Optional.empty();
		}
	}

	static Optional<Language> fromCookie(HttpServletRequest request) {
		Cookie[] cookies = request.getCookies();
		if (cookies == null) {
			return Optional.empty();
		}
		for (Cookie cookie : cookies) {
			if (COOKIE.equals(cookie.getName())) {
				return Language.fromTag(cookie.getValue());
			}
		}
		return Optional.empty();
	}

	static Optional<Language> fromAcceptLanguage(String header) {
		if (header == null || header.isBlank() || header.length() > MAX_ACCEPT_LANGUAGE) {
			return Optional.empty();
		}
		try {
			List<Locale> matches = Locale.filter(Locale.LanguageRange.parse(header), AVAILABLE);
			return matches.isEmpty() ? Optional.empty() : Optional.of(Language.of(matches.get(0)));
		}
		catch (IllegalArgumentException ex) {
			// A malformed header is treated as no preference.
			return Optional.empty();
		}
	}

	@Override
	public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
		Cookie cookie = new Cookie(COOKIE, Language.of(locale).tag());
		cookie.setPath("/");
		cookie.setMaxAge(60 * 60 * 24 * 365);
		cookie.setHttpOnly(true);
		cookie.setAttribute("SameSite", "Lax");
		response.addCookie(cookie);
		// An answer that sets a cookie is one reader's: no shared cache may keep it.
		response.setHeader("Cache-Control", "no-store");
	}

}
