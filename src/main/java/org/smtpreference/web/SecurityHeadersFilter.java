package org.smtpreference.web;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Adds the security headers every response carries: pages, API, assets and errors.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private static final String[][] HEADERS = { { "Content-Security-Policy", CONTENT_SECURITY_POLICY },
			{ "X-Content-Type-Options", "nosniff" }, { "Referrer-Policy", "strict-origin-when-cross-origin" },
			{ "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
			{ "X-Frame-Options", "DENY" }, { "Cross-Origin-Opener-Policy", "same-origin" } };

	private static final List<HttpField> FIELDS = Arrays.stream(HEADERS)
		.map((header) -> (HttpField) new PreEncodedHttpField(header[0], header[1]))
		.toList();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.REQUEST) {
			add(response);
		}
		else {
			apply(response);
		}
		chain.doFilter(request, response);
	}

	/**
	 * Adds the headers to a fresh response, which holds none of them: adding skips the
	 * search for an existing header of the same name.
	 */
	static void add(HttpServletResponse response) {
		for (String[] header : HEADERS) {
			response.addHeader(header[0], header[1]);
		}
	}

	/**
	 * Adds the headers, ready-encoded, to a response the server answers itself.
	 */
	static void addTo(HttpFields.Mutable headers) {
		for (HttpField field : FIELDS) {
			headers.add(field);
		}
	}

	/**
	 * Sets the headers, ready-encoded, on a response the server answers itself that may
	 * hold some of them already.
	 */
	static void putTo(HttpFields.Mutable headers) {
		for (HttpField field : FIELDS) {
			headers.put(field);
		}
	}

	/**
	 * Sets the headers on a response that may hold some of them already, as on an error
	 * dispatch.
	 */
	static void apply(HttpServletResponse response) {
		for (String[] header : HEADERS) {
			response.setHeader(header[0], header[1]);
		}
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

}
