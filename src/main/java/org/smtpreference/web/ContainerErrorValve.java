package org.smtpreference.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.ResourceBundle;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.smtpreference.content.Language;

import org.springframework.web.util.HtmlUtils;

/**
 * Answers the requests Tomcat refuses before the application sees them (a malformed path,
 * invalid bytes in the query, an encoded slash) with a short page in the reader's
 * language and the site's security headers, instead of Tomcat's own report.
 */
public class ContainerErrorValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		Language language = LanguageResolver.fromAcceptLanguage(request.getHeader("Accept-Language"))
			.orElse(Language.EN);
		ResourceBundle messages = messages(language.locale());
		String kind = SiteErrorController.kind(status);
		String title = HtmlUtils.htmlEscape(messages.getString("error." + kind + ".title"));
		String text = HtmlUtils.htmlEscape(messages.getString("error." + kind + ".text"));
		String home = HtmlUtils.htmlEscape(messages.getString("error.home"));
		try {
			SecurityHeadersFilter.apply(response);
			response.setContentType("text/html");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.setHeader("Cache-Control", "no-store");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write("<!DOCTYPE html>\n<html lang=\"" + language.tag() + "\"><head><meta charset=\"utf-8\">"
						+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + title
						+ "</title></head><body><main><h1>" + title + "</h1><p>" + text + "</p><p><a href=\"/\">" + home
						+ "</a></p></main></body></html>\n");
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The client is gone or the response is already committed: nothing more to
			// say.
		}
	}

	private static ResourceBundle messages(Locale locale) {
		// No fallback to the JVM's locale: English lives in the base bundle.
		return ResourceBundle.getBundle("i18n/messages", locale, ContainerErrorValve.class.getClassLoader(),
				ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
	}

}
