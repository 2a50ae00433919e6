package org.smtpreference.web;

import java.util.Locale;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.server.Request;

/**
 * The absolute address that canonical, {@code hreflang} and sitemap links start with: the
 * configured {@code site.base-url}, or else the scheme, host and port the request came
 * to, as a TLS-terminating proxy forwarded them.
 */
public final class SiteAddress {

	private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,252})|\\[[0-9a-f:.]{2,45}\\]");

	private static final String FALLBACK = "http://localhost";

	/**
	 * A request attribute that makes a page being rendered for the store carry
	 * {@link StoredPages#ORIGIN} in its links, so that one rendering serves every origin.
	 */
	static final String RENDERING_FOR_STORE = SiteAddress.class.getName() + ".renderingForStore";

	/**
	 * Set on a request whose page named the reader's own address, so it is not stored.
	 */
	static final String NAMES_THIS_REQUEST = SiteAddress.class.getName() + ".namesThisRequest";

	private final String fixed;

	/**
	 * An address that is always {@code baseUrl}, or that follows each request when
	 * {@code baseUrl} is {@code null}.
	 */
	public SiteAddress(String baseUrl) {
		this.fixed = baseUrl;
	}

	/**
	 * Whether the address is configured rather than taken from requests.
	 */
	boolean isFixed() {
		return this.fixed != null;
	}

	/**
	 * The address for a request read through the servlet API.
	 */
	public String of(HttpServletRequest request) {
		if (this.fixed != null) {
			return this.fixed;
		}
		return (request.getAttribute(RENDERING_FOR_STORE) != null) ? StoredPages.ORIGIN
				: origin(request.getScheme(), request.getServerName(), request.getServerPort());
	}

	/**
	 * The address of this one request, even while a page is rendered for the store: for a
	 * page that is never stored because it names the reader's own host (the sandbox's
	 * commands).
	 */
	public String ofThisRequest(HttpServletRequest request) {
		if (this.fixed != null) {
			return this.fixed;
		}
		request.setAttribute(NAMES_THIS_REQUEST, Boolean.TRUE);
		return origin(request.getScheme(), request.getServerName(), request.getServerPort());
	}

	/**
	 * The address for a request read straight from the server.
	 */
	String of(Request request) {
		return (this.fixed != null) ? this.fixed : origin(request.getHttpURI().getScheme(),
				Request.getServerName(request), Request.getServerPort(request));
	}

	/**
	 * An origin in one spelling, whichever API it was read through: lower case, the
	 * scheme's default port left out, and a fixed address for a host that is no host.
	 */
	static String origin(String scheme, String host, int port) {
		String cleanScheme = "https".equalsIgnoreCase(scheme) ? "https" : "http";
		if (host == null) {
			return FALLBACK;
		}
		String cleanHost = host.toLowerCase(Locale.ROOT);
		if (cleanHost.indexOf(':') >= 0 && !cleanHost.startsWith("[")) {
			cleanHost = "[" + cleanHost + "]";
		}
		if (!HOST.matcher(cleanHost).matches()) {
			return FALLBACK;
		}
		boolean defaultPort = port <= 0 || (cleanScheme.equals("http") && port == 80)
				|| (cleanScheme.equals("https") && port == 443);
		return cleanScheme + "://" + cleanHost + (defaultPort ? "" : ":" + port);
	}

}
