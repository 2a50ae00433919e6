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

	private final SitePages pages;

	LayoutAdvice(SiteAddress address, SiteProperties properties, SitePages pages) {
		this.address = address;
		this.giscus = properties.giscus().enabled() ? properties.giscus() : null;
		this.pages = pages;
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
		return layoutFor(request, Language.of(locale), this.address.of(request), this.pages);
	}

	@ModelAttribute("lang")
	Language language(Locale locale) {
		return Language.of(locale);
	}

	/**
	 * The layout of a page; its addresses keep the query parameters that change what the
	 * page shows ({@link SitePages#varyingParameters}), such as the search's {@code q}.
	 */
	static Layout layoutFor(HttpServletRequest request, Language language, String baseUrl, SitePages pages) {
		Object errorUri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (errorUri != null) ? errorUri.toString() : request.getRequestURI();
		StringBuilder kept = new StringBuilder();
		for (String name : pages.varyingParameters(path)) {
			String value;
			try {
				value = request.getParameter(name);
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				value = null;
			}
			if (value != null) {
				kept.append(kept.isEmpty() ? "" : "&")
					.append(name)
					.append('=')
					.append(UriUtils.encodeQueryParam(value, StandardCharsets.UTF_8));
			}
		}
		return layoutFor(path, kept.isEmpty() ? null : kept.toString(), language, baseUrl);
	}

	/**
	 * The layout of the page at a path with a query (or {@code null}).
	 */
	static Layout layoutFor(String path, String query, Language language, String baseUrl) {
		return new Layout(language, path, url("", path, query, language.other()), url(baseUrl, path, query, language),
				url(baseUrl, path, query, Language.EN), url(baseUrl, path, query, Language.TR),
				url(baseUrl, path, query, null));
	}

	private static String url(String base, String path, String query, Language language) {
		StringBuilder url = new StringBuilder(base).append(path);
		char separator = '?';
		if (query != null) {
			url.append('?').append(query);
			separator = '&';
		}
		if (language != null) {
			url.append(separator).append(LanguageResolver.PARAMETER).append('=').append(language.tag());
		}
		return url.toString();
	}

}
