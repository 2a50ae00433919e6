package org.smtpreference.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Language;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriUtils;

/**
 * Gives every page the layout's model: language, language switch and alternates.
 */
@ControllerAdvice(annotations = Controller.class)
class LayoutAdvice {

	private final SiteAddress address;

	private final SiteProperties.Giscus giscus;

	LayoutAdvice(SiteAddress address, SiteProperties properties) {
		this.address = address;
		this.giscus = properties.giscus().enabled() ? properties.giscus() : null;
	}

	/**
	 * The comment widget's settings, or {@code null} when comments are off.
	 */
	@ModelAttribute("giscus")
	SiteProperties.Giscus giscus() {
		return this.giscus;
	}

	@ModelAttribute("layout")
	Layout layout(HttpServletRequest request, Locale locale) {
		return layoutFor(request, Language.of(locale), this.address.of(request));
	}

	@ModelAttribute("lang")
	Language language(Locale locale) {
		return Language.of(locale);
	}

	static Layout layoutFor(HttpServletRequest request, Language language, String baseUrl) {
		Object errorUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (errorUri != null) ? errorUri.toString() : request.getRequestURI();
		String query = null;
		if (path.equals("/search")) {
			try {
				query = request.getParameter("q");
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				query = null;
			}
		}
		return new Layout(language, path, url("", path, query, language.other()), url(baseUrl, path, query, language),
				url(baseUrl, path, query, Language.EN), url(baseUrl, path, query, Language.TR),
				url(baseUrl, path, query, null));
	}

	private static String url(String base, String path, String query, Language language) {
		StringBuilder url = new StringBuilder(base).append(path);
		char separator = '?';
		if (query != null) {
			url.append("?q=").append(UriUtils.encodeQueryParam(query, StandardCharsets.UTF_8));
			separator = '&';
		}
		if (language != null) {
			url.append(separator).append(LanguageResolver.PARAMETER).append('=').append(language.tag());
		}
		return url.toString();
	}

}
