package org.smtpreference;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.smtpreference.content.ContentFixture;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every setting a self-hoster has, given as the environment variables of the README's
 * table, takes effect: port, public address, default language, external content and
 * Giscus comments; broken settings or content stop the start with a precise message.
 */
class SettingsTests {

	@TempDir
	Path external;

	@Test
	void everySettingTakesEffect() throws IOException {
		ContentFixture.copyBuiltIn(this.external);
		Path commands = this.external.resolve("content/commands.yml");
		String yaml = Files.readString(commands, StandardCharsets.UTF_8);
		String marker = "Self-hosted wording for EHLO.";
		Files.writeString(commands, replaceFirstSummary(yaml, marker), StandardCharsets.UTF_8);
		int port = freePort();
		Map<String, Object> env = new HashMap<>();
		env.put("SERVER_PORT", Integer.toString(port));
		env.put("SITE_BASE_URL", "https://smtp.example.org/");
		env.put("SITE_DEFAULT_LANGUAGE", "tr");
		env.put("SITE_CONTENT_DIRECTORY", this.external.toString());
		env.put("SITE_MAX_QUERY_LENGTH", "5");
		env.put("SITE_GISCUS_ENABLED", "true");
		env.put("SITE_GISCUS_REPO", "example/smtp-comments");
		env.put("SITE_GISCUS_REPO_ID", "R_kgDOExample");
		env.put("SITE_GISCUS_CATEGORY", "Comments");
		env.put("SITE_GISCUS_CATEGORY_ID", "DIC_kwDOExample");
		env.put("SITE_GISCUS_MAPPING", "pathname");
		try (ConfigurableApplicationContext context = start(env)) {
			SiteClient client = new SiteClient(port);
			// SERVER_PORT: the site answers there.
			HttpResponse<String> home = client.get("/");
			assertThat(home.statusCode()).isEqualTo(200);
			// SITE_DEFAULT_LANGUAGE: a reader who names no language gets Turkish ...
			assertThat(home.body()).contains("<html lang=\"tr\"");
			// ... but one whose browser asks for English still gets English.
			assertThat(client.get("/", "Accept-Language", "en").body()).contains("<html lang=\"en\"");
			// SITE_BASE_URL: canonical, hreflang and sitemap links.
			String ehlo = client.get("/commands/ehlo?lang=en").body();
			assertThat(ehlo)
				.contains("<link rel=\"canonical\" href=\"https://smtp.example.org/commands/ehlo?lang=en\">")
				.contains("hreflang=\"tr\" href=\"https://smtp.example.org/commands/ehlo?lang=tr\"");
			assertThat(client.get("/sitemap.xml").body())
				.contains("<loc>https://smtp.example.org/commands/ehlo?lang=tr</loc>")
				.doesNotContain("localhost");
			assertThat(client.get("/robots.txt").body()).contains("Sitemap: https://smtp.example.org/sitemap.xml");
			// SITE_CONTENT_DIRECTORY: the external content replaces the built-in one.
			assertThat(ehlo).contains(marker);
			// SITE_MAX_QUERY_LENGTH: longer queries are cut.
			assertThat(client.get("/search?q=ehlohelo&lang=en").body()).contains("value=\"ehloh\"");
			// SITE_GISCUS_*: the widget on command pages, and its origin in the policy.
			assertThat(ehlo).contains("src=\"https://giscus.app/client.js\"")
				.contains("data-repo=\"example/smtp-comments\"")
				.contains("data-repo-id=\"R_kgDOExample\"")
				.contains("data-category=\"Comments\"")
				.contains("data-category-id=\"DIC_kwDOExample\"")
				.contains("data-mapping=\"pathname\"")
				.contains("data-lang=\"en\"");
			assertThat(client.get("/faq?lang=en").body()).doesNotContain("giscus");
			String csp = home.headers().firstValue("Content-Security-Policy").orElseThrow();
			assertThat(csp).contains("script-src 'self' https://giscus.app;")
				.contains("style-src 'self' https://giscus.app;")
				.contains("frame-src https://giscus.app;")
				.contains("frame-ancestors 'none'");
			assertThat(csp.replace("https://giscus.app", "")).doesNotContain("http");
		}
	}

	@Test
	void brokenExternalContentStopsTheStartWithAPreciseMessage() throws IOException {
		ContentFixture.copyBuiltIn(this.external);
		Path commands = this.external.resolve("content/commands.yml");
		String yaml = Files.readString(commands, StandardCharsets.UTF_8);
		Files.writeString(commands, yaml.replaceFirst("category: session", "category: nonsense"),
				StandardCharsets.UTF_8);
		Map<String, Object> env = Map.of("SERVER_PORT", "0", "SITE_CONTENT_DIRECTORY", this.external.toString());
		assertThatException().isThrownBy(() -> start(env).close())
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("Broken content in commands.yml")
				.contains("entry '")
				.contains("field 'category'")
				.contains("unknown category 'nonsense'"));
	}

	@Test
	void anExternalFolderWithoutContentStopsTheStart() {
		Map<String, Object> env = Map.of("SERVER_PORT", "0", "SITE_CONTENT_DIRECTORY", this.external.toString());
		assertThatException().isThrownBy(() -> start(env).close())
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("has no content/ folder"));
	}

	@Test
	void incompleteGiscusSettingsStopTheStart() {
		Map<String, Object> env = Map.of("SERVER_PORT", "0", "SITE_GISCUS_ENABLED", "true", "SITE_GISCUS_REPO",
				"example/smtp-comments");
		assertThatException().isThrownBy(() -> start(env).close())
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("site.giscus.").contains("must be set"));
	}

	@Test
	void aBaseUrlThatIsNoAddressStopsTheStart() {
		Map<String, Object> env = Map.of("SERVER_PORT", "0", "SITE_BASE_URL", "smtp.example.org");
		assertThatException().isThrownBy(() -> start(env).close())
			.satisfies((ex) -> assertThat(rootMessage(ex)).contains("site.base-url must be an absolute"));
	}

	/**
	 * Starts the application with settings given as environment variables would be.
	 */
	private static ConfigurableApplicationContext start(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					"test-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		SpringApplication application = new SpringApplication(SmtpReferenceApplication.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.setEnvironment(environment);
		return application.run("--spring.main.banner-mode=off", "--logging.level.root=warn");
	}

	/**
	 * The YAML with the English summary of its first command replaced.
	 */
	private static String replaceFirstSummary(String yaml, String text) {
		int summary = yaml.indexOf("\n    summary:");
		int english = yaml.indexOf("\n      en: ", summary);
		int end = yaml.indexOf('\n', english + 1);
		assertThat(summary).isPositive();
		return yaml.substring(0, english) + "\n      en: " + text + yaml.substring(end);
	}

	private static String rootMessage(Throwable ex) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
