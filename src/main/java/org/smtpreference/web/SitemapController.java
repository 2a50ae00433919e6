package org.smtpreference.web;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells search engines about every page in both languages, at the site's public address.
 */
@RestController
class SitemapController {

	/**
	 * How many addresses' sitemaps are kept; others are built on each request.
	 */
	private static final int KEPT = 8;

	private final List<String> paths;

	private final SiteAddress address;

	private final Map<String, String> sitemaps = new ConcurrentHashMap<>();

	SitemapController(SitePages pages, SiteAddress address) {
		this.paths = pages.indexable();
		this.address = address;
	}

	@GetMapping(path = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
	String sitemap(HttpServletRequest request) {
		String base = this.address.of(request);
		String sitemap = this.sitemaps.get(base);
		if (sitemap == null) {
			sitemap = build(base);
			if (this.sitemaps.size() < KEPT) {
				this.sitemaps.putIfAbsent(base, sitemap);
			}
		}
		return sitemap;
	}

	private String build(String base) {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
				+ "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
		for (String path : this.paths) {
			for (String lang : new String[] { "en", "tr" }) {
				xml.append("  <url>\n    <loc>")
					.append(base)
					.append(path)
					.append("?lang=")
					.append(lang)
					.append("</loc>\n");
				for (String alternate : new String[] { "en", "tr" }) {
					xml.append("    <xhtml:link rel=\"alternate\" hreflang=\"")
						.append(alternate)
						.append("\" href=\"")
						.append(base)
						.append(path)
						.append("?lang=")
						.append(alternate)
						.append("\"/>\n");
				}
				xml.append("  </url>\n");
			}
		}
		return xml.append("</urlset>\n").toString();
	}

	@GetMapping(path = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
	String robots(HttpServletRequest request) {
		return "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /search\n\nSitemap: " + this.address.of(request)
				+ "/sitemap.xml\n";
	}

}
