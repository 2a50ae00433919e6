package org.smtpreference.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.smtpreference.content.Language;

/**
 * A page rendered once, kept as its bytes and their gzip form, with an ETag. Its headers
 * are kept ready-encoded too, so that answering it costs little more than writing bytes.
 */
final class RenderedPage {

	/**
	 * How long a shared cache or browser may keep a page whose address names its
	 * language: short, so that a new release shows soon without any purge.
	 */
	static final String EXPLICIT_CACHE_CONTROL = "public, max-age=300";

	private static final String HEADERS = "Accept-Encoding";

	/**
	 * A page whose language the request's headers chose: caches must keep one copy per
	 * cookie and {@code Accept-Language} and ask again each time.
	 */
	static final String NEGOTIATED_CACHE_CONTROL = "no-cache";

	static final String NEGOTIATED_VARY = "Accept-Encoding, Accept-Language, Cookie";

	/**
	 * A page sent with a {@code Set-Cookie}: one reader's, never kept by any cache.
	 */
	static final String PERSONAL_CACHE_CONTROL = "no-store";

	/**
	 * How an answer may be cached, which depends on how its language was chosen.
	 */
	enum Caching {

		/** The address names the language ({@code ?lang=}) and no cookie is set. */
		EXPLICIT(EXPLICIT_CACHE_CONTROL, HEADERS),
		/** The cookie or {@code Accept-Language} chose the language. */
		NEGOTIATED(NEGOTIATED_CACHE_CONTROL, NEGOTIATED_VARY),
		/** The answer sets the language cookie. */
		PERSONAL(PERSONAL_CACHE_CONTROL, HEADERS);

		private final String cacheControl;

		private final String vary;

		Caching(String cacheControl, String vary) {
			this.cacheControl = cacheControl;
			this.vary = vary;
		}

		String cacheControl() {
			return this.cacheControl;
		}

		String vary() {
			return this.vary;
		}

	}

	private static final HttpField GZIP = new PreEncodedHttpField(HttpHeader.CONTENT_ENCODING, "gzip");

	private final byte[] html;

	private final byte[] gzipped;

	/**
	 * The gzip form outside the heap, as most requests take it: a socket write from the
	 * heap would copy it to a direct buffer on every request.
	 */
	private final ByteBuffer gzippedDirect;

	private final String contentType;

	private final Language language;

	private final String etag;

	private final Map<Caching, List<HttpField>> validators = new EnumMap<>(Caching.class);

	private final List<HttpField> plainEntity;

	private final List<HttpField> gzipEntity;

	private RenderedPage(byte[] html, byte[] gzipped, String contentType, Language language, String etag) {
		this.html = html;
		this.gzipped = gzipped;
		this.gzippedDirect = ByteBuffer.allocateDirect(gzipped.length).put(gzipped).flip().asReadOnlyBuffer();
		this.contentType = contentType;
		this.language = language;
		this.etag = etag;
		for (Caching caching : Caching.values()) {
			this.validators.put(caching,
					List.of(new PreEncodedHttpField(HttpHeader.ETAG, etag),
							new PreEncodedHttpField(HttpHeader.CACHE_CONTROL, caching.cacheControl()),
							new PreEncodedHttpField(HttpHeader.VARY, caching.vary()),
							new PreEncodedHttpField(HttpHeader.CONTENT_LANGUAGE, language.tag())));
		}
		HttpField type = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, contentType);
		this.plainEntity = List.of(type,
				new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(html.length)));
		this.gzipEntity = List.of(type, GZIP,
				new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, Integer.toString(gzipped.length)));
	}

	static RenderedPage of(byte[] html, String contentType, Language language) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(html);
			String etag = "W/\"" + language.tag() + "-" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
			ByteArrayOutputStream compressed = new ByteArrayOutputStream(html.length / 4);
			try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
				gzip.write(html);
			}
			return new RenderedPage(html, compressed.toByteArray(), contentType, language, etag);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Language language() {
		return this.language;
	}

	/**
	 * Whether an {@code If-None-Match} header names this page's current form.
	 */
	boolean matches(String ifNoneMatch) {
		return ifNoneMatch != null && (ifNoneMatch.contains(this.etag) || ifNoneMatch.strip().equals("*"));
	}

	static boolean acceptsGzip(String acceptEncoding) {
		return acceptEncoding != null && acceptEncoding.contains("gzip");
	}

	/**
	 * Answers a request with this page through the servlet API: 304 when the client has
	 * it, compressed when the client takes gzip.
	 */
	void write(HttpServletRequest request, HttpServletResponse response, Caching caching) throws IOException {
		response.setHeader("ETag", this.etag);
		response.setHeader("Cache-Control", caching.cacheControl());
		response.setHeader("Vary", caching.vary());
		response.setHeader("Content-Language", this.language.tag());
		if (matches(request.getHeader("If-None-Match"))) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(this.contentType);
		boolean gzip = acceptsGzip(request.getHeader("Accept-Encoding"));
		byte[] body = gzip ? this.gzipped : this.html;
		if (gzip) {
			response.setHeader("Content-Encoding", "gzip");
		}
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

	/**
	 * Adds this page's headers to a response answered by the server itself and returns
	 * the body to send: {@code null} for 304, the gzip form when the client takes it.
	 * @param headers the response's headers
	 * @param caching how the answer may be cached
	 * @param ifNoneMatch the request's {@code If-None-Match}, or {@code null}
	 * @param acceptEncoding the request's {@code Accept-Encoding}, or {@code null}
	 * @return the body, or {@code null} when the client already has the page
	 */
	ByteBuffer addTo(HttpFields.Mutable headers, Caching caching, String ifNoneMatch, String acceptEncoding) {
		for (HttpField field : this.validators.get(caching)) {
			headers.add(field);
		}
		if (matches(ifNoneMatch)) {
			return null;
		}
		boolean gzip = acceptsGzip(acceptEncoding);
		for (HttpField field : gzip ? this.gzipEntity : this.plainEntity) {
			headers.add(field);
		}
		return gzip ? this.gzippedDirect.duplicate() : ByteBuffer.wrap(this.html).asReadOnlyBuffer();
	}

}
