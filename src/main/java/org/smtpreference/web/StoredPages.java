package org.smtpreference.web;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.smtpreference.content.Language;

/**
 * The site's pages as rendered once per language, kept independent of the address a
 * request came to: a page is rendered with a placeholder where its origin goes, and each
 * origin's copy (with its own bytes, gzip form and ETag) is made from it when first
 * asked. Only a few origins' copies are kept, the least recently used dropped first, so a
 * request naming a junk {@code Host} costs a substitution, never a rendering, and cannot
 * take the store from the site's real address.
 */
public final class StoredPages {

	/**
	 * What a page is rendered with where its origin goes: a name that cannot be a real
	 * host ({@code .invalid}) and that HTML escaping leaves as it is.
	 */
	static final String ORIGIN = "http://stored-page-origin.invalid";

	private static final byte[] ORIGIN_BYTES = ORIGIN.getBytes(StandardCharsets.US_ASCII);

	/**
	 * How many origins' copies are kept: the public address over http and https, and a
	 * couple more (a monitor asking by IP, the warm-up on the loopback address).
	 */
	static final int ORIGINS = 4;

	private final Map<Language, Map<String, Template>> templates = new EnumMap<>(Language.class);

	private final Map<String, Origin> origins = new ConcurrentHashMap<>();

	private final AtomicLong clock = new AtomicLong();

	StoredPages() {
		for (Language language : Language.values()) {
			this.templates.put(language, new ConcurrentHashMap<>());
		}
	}

	/**
	 * The size of a stored page in a language as a browser gets it (not compressed), or
	 * empty while it has not been rendered yet.
	 */
	public OptionalLong size(Language language, String path) {
		Template template = this.templates.get(language).get(path);
		return (template != null) ? OptionalLong.of(template.size()) : OptionalLong.empty();
	}

	/**
	 * The page for an origin, made from its stored rendering when this origin has no copy
	 * yet, or {@code null} when the page has not been rendered.
	 */
	RenderedPage page(String origin, Language language, String path) {
		Template template = this.templates.get(language).get(path);
		if (template == null) {
			return null;
		}
		Map<String, RenderedPage> copies = origin(origin).pages.get(language);
		RenderedPage page = copies.get(path);
		if (page == null) {
			// Made outside any lock: two threads may both make it, and one copy is kept.
			page = template.page(origin);
			RenderedPage raced = copies.putIfAbsent(path, page);
			page = (raced != null) ? raced : page;
		}
		return page;
	}

	/**
	 * Keeps a page rendered with {@link #ORIGIN} in its links.
	 */
	void store(Language language, String path, byte[] html, String contentType) {
		this.templates.get(language).putIfAbsent(path, new Template(split(html, ORIGIN_BYTES), contentType, language));
	}

	/**
	 * A page rendered with the placeholder, with an origin written in its place: for
	 * answers that are not stored.
	 */
	static byte[] withOrigin(byte[] html, String origin) {
		return substitute(html, ORIGIN, origin);
	}

	/**
	 * A page with every occurrence of a placeholder replaced by a value, or the same
	 * array when the placeholder does not occur.
	 */
	static byte[] substitute(byte[] html, String placeholder, String value) {
		List<byte[]> parts = split(html, placeholder.getBytes(StandardCharsets.UTF_8));
		return (parts.size() == 1) ? html : join(parts, value.getBytes(StandardCharsets.UTF_8));
	}

	private Origin origin(String origin) {
		Origin pages = this.origins.get(origin);
		if (pages == null) {
			Origin fresh = new Origin();
			pages = this.origins.putIfAbsent(origin, fresh);
			if (pages == null) {
				pages = fresh;
				evict();
			}
		}
		pages.used = this.clock.incrementAndGet();
		return pages;
	}

	private void evict() {
		while (this.origins.size() > ORIGINS) {
			Map.Entry<String, Origin> oldest = null;
			for (Map.Entry<String, Origin> entry : this.origins.entrySet()) {
				if (oldest == null || entry.getValue().used < oldest.getValue().used) {
					oldest = entry;
				}
			}
			if (oldest == null) {
				return;
			}
			this.origins.remove(oldest.getKey(), oldest.getValue());
		}
	}

	private static List<byte[]> split(byte[] html, byte[] placeholder) {
		List<byte[]> parts = new ArrayList<>();
		int from = 0;
		for (int at = indexOf(html, placeholder, from); at >= 0; at = indexOf(html, placeholder, from)) {
			parts.add(Arrays.copyOfRange(html, from, at));
			from = at + placeholder.length;
		}
		parts.add((from == 0) ? html : Arrays.copyOfRange(html, from, html.length));
		return parts;
	}

	private static int indexOf(byte[] html, byte[] placeholder, int from) {
		outer: for (int i = from; i <= html.length - placeholder.length; i++) {
			for (int j = 0; j < placeholder.length; j++) {
				if (html[i + j] != placeholder[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] join(List<byte[]> parts, byte[] origin) {
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		for (int i = 0; i < parts.size(); i++) {
			if (i > 0) {
				joined.writeBytes(origin);
			}
			joined.writeBytes(parts.get(i));
		}
		return joined.toByteArray();
	}

	/**
	 * A page as rendered, cut where its origin goes.
	 */
	private record Template(List<byte[]> parts, String contentType, Language language) {

		long size() {
			long size = (long) ORIGIN_BYTES.length * (this.parts.size() - 1);
			for (byte[] part : this.parts) {
				size += part.length;
			}
			return size;
		}

		RenderedPage page(String origin) {
			return RenderedPage.of(join(this.parts, origin.getBytes(StandardCharsets.UTF_8)), this.contentType,
					this.language);
		}

	}

	/**
	 * One origin's copies of the pages, and when it was last asked for.
	 */
	private static final class Origin {

		private final Map<Language, Map<String, RenderedPage>> pages = new EnumMap<>(Language.class);

		private volatile long used;

		Origin() {
			for (Language language : Language.values()) {
				this.pages.put(language, new ConcurrentHashMap<>());
			}
		}

	}

}
