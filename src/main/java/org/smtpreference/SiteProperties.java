package org.smtpreference;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The site's own settings, bound from {@code site.*}.
 *
 * @param baseUrl absolute address the site is reached at, used in the sitemap and
 * canonical links
 * @param content classpath folder the YAML content is read from
 * @param maxQueryLength longest search query taken; longer ones are cut, not refused
 */
@ConfigurationProperties("site")
public record SiteProperties(@DefaultValue("http://localhost:8080") String baseUrl,
		@DefaultValue("content") String content, @DefaultValue("200") int maxQueryLength) {

	public SiteProperties {
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

}
