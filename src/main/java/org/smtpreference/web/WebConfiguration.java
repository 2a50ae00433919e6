package org.smtpreference.web;

import jakarta.servlet.DispatcherType;
import org.smtpreference.SiteProperties;

import org.springframework.boot.jetty.servlet.JettyServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.ShallowEtagHeaderFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What Spring Boot cannot guess: stateless language choice, security headers, pages
 * served from memory and the container's own error pages.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

	private final LanguageResolver languageResolver;

	private final SecurityHeaders securityHeaders;

	WebConfiguration(SiteProperties properties) {
		this.languageResolver = new LanguageResolver(properties.defaultLanguage());
		this.securityHeaders = new SecurityHeaders(properties.giscus().enabled());
	}

	@Bean
	LocaleResolver localeResolver() {
		return this.languageResolver;
	}

	@Bean
	SiteAddress siteAddress(SiteProperties properties) {
		return new SiteAddress(properties.baseUrl());
	}

	@Bean
	StoredPages storedPages() {
		return new StoredPages();
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new LanguageCookieInterceptor(this.languageResolver));
	}

	@Bean
	FilterRegistrationBean<RenderedPageFilter> renderedPageFilter(SitePages pages, SiteAddress address,
			StoredPages stored) {
		FilterRegistrationBean<RenderedPageFilter> registration = new FilterRegistrationBean<>(
				new RenderedPageFilter(pages, this.languageResolver, address, stored));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		registration.setDispatcherTypes(DispatcherType.REQUEST);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ShallowEtagHeaderFilter> etagFilter() {
		FilterRegistrationBean<ShallowEtagHeaderFilter> registration = new FilterRegistrationBean<>(
				new ShallowEtagHeaderFilter());
		registration.addUrlPatterns("/api/*", "/sitemap.xml", "/robots.txt");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

	@Bean
	WebServerFactoryCustomizer<JettyServletWebServerFactory> jettyCustomizer(
			FilterRegistrationBean<RenderedPageFilter> renderedPages) {
		return (factory) -> factory.addServerCustomizers((server) -> {
			// Stored pages are answered before the servlet pipeline.
			server.setHandler(
					new RenderedPageHandler(server.getHandler(), renderedPages.getFilter(), this.securityHeaders));
			// Jetty answers some malformed requests before the application sees them.
			server.setErrorHandler(new ContainerErrorHandler(this.securityHeaders, this.languageResolver.fallback()));
		});
	}

	@Bean
	FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
		FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(
				new SecurityHeadersFilter(this.securityHeaders));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR, DispatcherType.FORWARD);
		return registration;
	}

}
