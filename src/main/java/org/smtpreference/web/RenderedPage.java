package org.smtpreference.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smtpreference.content.Language;

/**
 * A page rendered once, kept as its bytes and their gzip form, with an ETag.
 *
 * @param html the page as rendered
 * @param gzipped the same bytes compressed
 * @param contentType the page's content type
 * @param language the page's language
 * @param etag a validator for conditional requests
 */
record RenderedPage(byte[] html, byte[] gzipped, String contentType, Language language, String etag) {

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

	/**
	 * Answers a request with this page: 304 when the client has it, compressed when the
	 * client takes gzip.
	 */
	void write(HttpServletRequest request, HttpServletResponse response) throws IOException {
		response.setHeader("ETag", this.etag);
		response.setHeader("Cache-Control", "no-cache");
		response.setHeader("Vary", "Accept-Encoding, Accept-Language, Cookie");
		response.setHeader("Content-Language", this.language.tag());
		String ifNoneMatch = request.getHeader("If-None-Match");
		if (ifNoneMatch != null && (ifNoneMatch.contains(this.etag) || ifNoneMatch.strip().equals("*"))) {
			response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
			return;
		}
		response.setStatus(HttpServletResponse.SC_OK);
		response.setContentType(this.contentType);
		String acceptEncoding = request.getHeader("Accept-Encoding");
		boolean gzip = acceptEncoding != null && acceptEncoding.contains("gzip");
		byte[] body = gzip ? this.gzipped : this.html;
		if (gzip) {
			response.setHeader("Content-Encoding", "gzip");
		}
		response.setContentLength(body.length);
		if (!"HEAD".equals(request.getMethod())) {
			response.getOutputStream().write(body);
		}
	}

}
