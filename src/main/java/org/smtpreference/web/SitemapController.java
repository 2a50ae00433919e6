package org.smtpreference.web;

import org.smtpreference.SiteProperties;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells search engines about every page in both languages.
 */
@RestController
class SitemapController {

	private final String sitemap;

	private final String robots;

	SitemapController(SitePages pages, SiteProperties properties) {
		String base = properties.baseUrl();
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				+ "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
				+ "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
		for (String path : pages.indexable()) {
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
		this.sitemap = xml.append("</urlset>\n").toString();
		this.robots = "User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /search\n\nSitemap: " + base
				+ "/sitemap.xml\n";
	}

	@GetMapping(path = "/sitemap.xml", produces = MediaType.APPLICATION_XML_VALUE)
	String sitemap() {
		return this.sitemap;
	}

	@GetMapping(path = "/robots.txt", produces = MediaType.TEXT_PLAIN_VALUE)
	String robots() {
		return this.robots;
	}

}
