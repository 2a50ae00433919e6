package org.smtpreference.web;

import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
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
			trustOnlyTheProxysHeaders(server);
			// Jetty answers some malformed requests before the application sees them.
			server.setErrorHandler(new ContainerErrorHandler(this.securityHeaders, this.languageResolver.fallback()));
		});
	}

	/**
	 * Has Jetty read only the forwarding headers the shipped proxy sets
	 * ({@code X-Forwarded-Proto}, {@code -Host}, {@code -Port}, {@code -For}), in place
	 * of Spring Boot's {@code native} strategy (so
	 * {@code server.forward-headers-strategy} is {@code none}): that one also reads a
	 * client's RFC 7239 {@code Forwarded}, which proxies pass on and which Jetty prefers,
	 * so it could name any host in links that a shared cache keeps for everyone.
	 */
	static void trustOnlyTheProxysHeaders(Server server) {
		ForwardedRequestCustomizer forwarded = new ForwardedRequestCustomizer();
		// A blank name turns a header off.
		forwarded.setForwardedHeader("");
		forwarded.setForwardedServerHeader("");
		forwarded.setForwardedHttpsHeader("");
		forwarded.setForwardedSslSessionIdHeader("");
		forwarded.setForwardedCipherSuiteHeader("");
		for (Connector connector : server.getConnectors()) {
			for (ConnectionFactory factory : connector.getConnectionFactories()) {
				if (factory instanceof HttpConfiguration.ConnectionFactory http) {
					http.getHttpConfiguration().addCustomizer(forwarded);
				}
			}
		}
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
