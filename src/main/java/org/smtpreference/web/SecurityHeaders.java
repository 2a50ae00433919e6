package org.smtpreference.web;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.smtpreference.SiteProperties;

/**
 * The security headers every response carries, with a Content-Security-Policy that allows
 * the site's own origin only, and Giscus's one origin too when comments are on.
 */
final class SecurityHeaders {

	private final List<String[]> headers;

	private final List<HttpField> fields;

	SecurityHeaders(boolean comments) {
		this.headers = List.of(new String[] { "Content-Security-Policy", contentSecurityPolicy(comments) },
				new String[] { "X-Content-Type-Options", "nosniff" },
				new String[] { "Referrer-Policy", "strict-origin-when-cross-origin" },
				new String[] { "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
				new String[] { "X-Frame-Options", "DENY" },
				new String[] { "Cross-Origin-Opener-Policy", "same-origin" });
		this.fields = this.headers.stream()
			.map((header) -> (HttpField) new PreEncodedHttpField(header[0], header[1]))
			.toList();
	}

	/**
	 * The policy: the site's own origin for everything; with comments, Giscus's script,
	 * its stylesheet for the frame's size, and its frame.
	 */
	static String contentSecurityPolicy(boolean comments) {
		String giscus = comments ? " " + SiteProperties.Giscus.ORIGIN : "";
		return "default-src 'self'; script-src 'self'" + giscus + "; style-src 'self'" + giscus
				+ "; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
				+ (comments ? "frame-src " + SiteProperties.Giscus.ORIGIN + "; " : "")
				+ "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
	}

	String contentSecurityPolicy() {
		return this.headers.get(0)[1];
	}

	/**
	 * Adds the headers to a fresh response, which holds none of them: adding skips the
	 * search for an existing header of the same name.
	 */
	void add(HttpServletResponse response) {
		for (String[] header : this.headers) {
			response.addHeader(header[0], header[1]);
		}
	}

	/**
	 * Sets the headers on a response that may hold some of them already, as on an error
	 * dispatch.
	 */
	void apply(HttpServletResponse response) {
		for (String[] header : this.headers) {
			response.setHeader(header[0], header[1]);
		}
	}

	/**
	 * Adds the headers, ready-encoded, to a response the server answers itself.
	 */
	void addTo(HttpFields.Mutable headers) {
		for (HttpField field : this.fields) {
			headers.add(field);
		}
	}

	/**
	 * Sets the headers, ready-encoded, on a response the server answers itself that may
	 * hold some of them already.
	 */
	void putTo(HttpFields.Mutable headers) {
		for (HttpField field : this.fields) {
			headers.put(field);
		}
	}

}
