package org.smtpreference.web;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

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
	 * Adds the headers to a fresh response, which holds none of them: adding skips
	 * Tomcat's search for an existing header of the same name, which shows on the hot
	 * path.
	 */
	static void add(HttpServletResponse response) {
		for (String[] header : HEADERS) {
			response.addHeader(header[0], header[1]);
		}
	}

	/**
	 * Sets the headers on a response; also used for errors the container answers itself.
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
