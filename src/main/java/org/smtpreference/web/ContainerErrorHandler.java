package org.smtpreference.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.ResourceBundle;

import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.smtpreference.content.Language;

import org.springframework.web.util.HtmlUtils;

/**
 * Answers the requests Jetty refuses before the application sees them (a request line or
 * headers too long, bytes that are not HTTP) with a short page in the reader's language
 * and the site's security headers, instead of Jetty's own report, which names the server
 * and echoes the request.
 */
class ContainerErrorHandler extends ErrorHandler {

	private final SecurityHeaders securityHeaders;

	private final Language fallback;

	ContainerErrorHandler(SecurityHeaders securityHeaders, Language fallback) {
		this.securityHeaders = securityHeaders;
		this.fallback = fallback;
	}

	@Override
	public boolean handle(Request request, Response response, Callback callback) {
		int status = response.getStatus();
		if (request.getAttribute(ERROR_EXCEPTION) instanceof HttpException refusal) {
			status = refusal.getCode();
		}
		if (status < HttpStatus.BAD_REQUEST_400) {
			status = HttpStatus.INTERNAL_SERVER_ERROR_500;
		}
		response.setStatus(status);
		HttpFields.Mutable headers = response.getHeaders();
		this.securityHeaders.putTo(headers);
		headers.put(HttpHeader.CACHE_CONTROL, "no-store");
		if (HttpMethod.HEAD.is(request.getMethod()) || HttpStatus.hasNoBody(status)) {
			callback.succeeded();
			return true;
		}
		Language language = LanguageResolver.fromAcceptLanguage(request.getHeaders().get(HttpHeader.ACCEPT_LANGUAGE))
			.orElse(this.fallback);
		byte[] page = page(language, status).getBytes(StandardCharsets.UTF_8);
		headers.put(HttpHeader.CONTENT_TYPE, "text/html;charset=utf-8");
		headers.put(HttpHeader.CONTENT_LENGTH, Integer.toString(page.length));
		response.write(true, ByteBuffer.wrap(page), callback);
		return true;
	}

	static String page(Language language, int status) {
		ResourceBundle messages = messages(language.locale());
		String kind = SiteErrorController.kind(status);
		String title = HtmlUtils.htmlEscape(messages.getString("error." + kind + ".title"));
		String text = HtmlUtils.htmlEscape(messages.getString("error." + kind + ".text"));
		String home = HtmlUtils.htmlEscape(messages.getString("error.home"));
		return "<!DOCTYPE html>\n<html lang=\"" + language.tag() + "\"><head><meta charset=\"utf-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
				+ "</title></head><body><main><h1>" + title + "</h1><p>" + text + "</p><p><a href=\"/\">" + home
				+ "</a></p></main></body></html>\n";
	}

	private static ResourceBundle messages(Locale locale) {
		// No fallback to the JVM's locale: English lives in the base bundle.
		return ResourceBundle.getBundle("i18n/messages", locale, ContainerErrorHandler.class.getClassLoader(),
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
	}

}
