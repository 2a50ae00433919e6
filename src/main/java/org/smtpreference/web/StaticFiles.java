package org.smtpreference.web;

import java.util.List;

import org.springframework.boot.autoconfigure.web.WebProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceChainRegistration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;
import org.springframework.web.servlet.resource.VersionResourceResolver;

/**
 * The static files, each folder under its own path, in place of Spring Boot's one handler
 * for {@code /**} ({@code spring.web.resources.add-mappings} is off).
 * <p>
 * Every link a template builds passes the resource chain, to get a stylesheet's or
 * script's versioned name. Under {@code /**} every link matched, so each one of a page
 * rendered per request (a search, a decode) looked for a file of its path in four
 * classpath folders across every jar of the application, and a miss is not remembered:
 * that was most of a search's time (JFR, issue 21). Under these paths only the links to
 * files go through the chain, and an unknown address costs no classpath search either.
 * <p>
 * Cache and chain settings are Spring Boot's ({@code spring.web.resources.*}); the
 * stylesheets and scripts get names with their content's hash.
 */
@Configuration(proxyBeanMethods = false)
class StaticFiles implements WebMvcConfigurer {

	/**
	 * The folders of {@code static/} served under their own names, with content-hashed
	 * names.
	 */
	static final List<String> VERSIONED = List.of("css", "js");

	/**
	 * The files at the top of {@code static/}.
	 */
	static final List<String> TOP = List.of("favicon.svg");

	private final WebProperties.Resources resources;

	StaticFiles(WebProperties web) {
		this.resources = web.getResources();
	}

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		for (String folder : VERSIONED) {
			chain(cached(registry.addResourceHandler("/" + folder + "/**")
				.addResourceLocations("classpath:/static/" + folder + "/")))
				.addResolver(new VersionResourceResolver().addContentVersionStrategy("/**"));
		}
		for (String file : TOP) {
			chain(cached(registry.addResourceHandler("/" + file).addResourceLocations("classpath:/static/")));
		}
		// Bootstrap and highlight.js, found without their version in the path.
		chain(cached(registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")))
			.addResolver(new LiteWebJarsResourceResolver());
	}

	private ResourceHandlerRegistration cached(ResourceHandlerRegistration registration) {
		WebProperties.Resources.Cache cache = this.resources.getCache();
		CacheControl control = cache.getCachecontrol().toHttpCacheControl();
		if (control != null) {
			registration.setCacheControl(control);
		}
		else if (cache.getPeriod() != null) {
			registration.setCachePeriod((int) cache.getPeriod().toSeconds());
		}
		return registration.setUseLastModified(cache.isUseLastModified());
	}

	private ResourceChainRegistration chain(ResourceHandlerRegistration registration) {
		return registration.resourceChain(this.resources.getChain().isCache());
	}

}
