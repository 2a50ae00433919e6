package org.smtpreference;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.smtpreference.content.Language;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The site's own settings, bound from {@code site.*} (and so from {@code SITE_*}
 * environment variables).
 *
 * @param baseUrl absolute address the site is reached at, used in the sitemap, canonical
 * and {@code hreflang} links; when empty, the address each request came to (as a proxy
 * forwarded it) is used
 * @param content classpath folder the built-in YAML content is read from
 * @param contentDirectory folder on disk holding {@code content/} and {@code samples/}
 * that replace the built-in ones; empty for the built-in content
 * @param maxQueryLength longest search query taken; longer ones are cut, not refused
 * @param defaultLanguage language for readers who chose none and whose browser asks for
 * neither English nor Turkish
 * @param giscus optional comments on command pages, off by default
 */
@ConfigurationProperties("site")
public record SiteProperties(String baseUrl, @DefaultValue("content") String content, String contentDirectory,
		@DefaultValue("200") int maxQueryLength, @DefaultValue("en") Language defaultLanguage,
		@DefaultValue Giscus giscus) {

	public SiteProperties {
		baseUrl = (baseUrl == null || baseUrl.isBlank()) ? null : checkedBaseUrl(baseUrl.strip());
		contentDirectory = (contentDirectory == null || contentDirectory.isBlank()) ? null : contentDirectory.strip();
		if (maxQueryLength < 1) {
			throw new IllegalArgumentException("site.max-query-length must be at least 1, not " + maxQueryLength);
		}
	}

	private static String checkedBaseUrl(String url) {
		String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
		try {
			URI uri = new URI(trimmed);
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
			if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
					&& uri.getFragment() == null && uri.getUserInfo() == null) {
				return trimmed;
			}
		}
		catch (URISyntaxException ex) {
			// Reported below.
		}
		throw new IllegalArgumentException(
				"site.base-url must be an absolute http or https address such as https://smtp.example.org, not '" + url
						+ "'");
	}

	/**
	 * Settings of the Giscus comment widget (a GitHub Discussions thread per command
	 * page); see giscus.app for the values of a repository.
	 *
	 * @param enabled whether command pages show comments; off by default, and when off no
	 * page or header names Giscus
	 * @param repo the GitHub repository, {@code owner/name}
	 * @param repoId the repository's id as Giscus gives it
	 * @param category the Discussions category new threads go to
	 * @param categoryId the category's id as Giscus gives it
	 * @param mapping how a page finds its thread: {@code pathname} (the default, one
	 * thread per command for both languages), {@code url}, {@code title} or
	 * {@code og:title}
	 */
	public record Giscus(boolean enabled, String repo, String repoId, String category, String categoryId,
			@DefaultValue("pathname") String mapping) {

		/**
		 * The one origin the widget is loaded from and framed from.
		 */
		public static final String ORIGIN = "https://giscus.app";

		public String origin() {
			return ORIGIN;
		}

		/**
		 * The widget's script, from its own origin.
		 */
		public String scriptUrl() {
			return ORIGIN + "/client.js";
		}

		public Giscus {
			if (enabled) {
				Map<String, String> required = Map.of("repo", String.valueOf(repo), "repo-id", String.valueOf(repoId),
						"category", String.valueOf(category), "category-id", String.valueOf(categoryId));
				required.forEach((name, value) -> {
					if (value.isBlank() || value.equals("null")) {
						throw new IllegalArgumentException(
								"site.giscus." + name + " must be set when site.giscus.enabled is true");
					}
				});
				if (!repo.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
					throw new IllegalArgumentException("site.giscus.repo must be owner/name, not '" + repo + "'");
				}
				if (!Set.of("pathname", "url", "title", "og:title").contains(mapping)) {
					throw new IllegalArgumentException(
							"site.giscus.mapping must be pathname, url, title or og:title, not '" + mapping + "'");
				}
			}
		}

	}

}
