package org.smtpreference.api;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes every JSON string the site writes safe to echo: {@code <}, {@code >} and
 * {@code &} are written as {@code \u003c}, {@code \u003e} and {@code \u0026}, so a search
 * query holding markup never comes back as markup, and JSON placed in a page's script
 * element can never close it.
 */
@Configuration(proxyBeanMethods = false)
class HtmlSafeJson {

	@Bean
	JsonMapperBuilderCustomizer htmlSafeStrings() {
		return (builder) -> builder.addModule(
				new SimpleModule("html-safe-strings").addSerializer(String.class, new HtmlSafeStringSerializer()));
	}

	/**
	 * Writes a string with the characters that mean markup escaped.
	 */
	static final class HtmlSafeStringSerializer extends StdSerializer<String> {

		HtmlSafeStringSerializer() {
			super(String.class);
		}

		@Override
		public void serialize(String value, JsonGenerator generator, SerializationContext context) {
			StringBuilder quoted = new StringBuilder(value.length() + 8).append('"');
			JsonStringEncoder.getInstance().quoteAsString(value, quoted);
			String escaped = quoted.append('"')
				.toString()
				.replace("<", "\\u003c")
				.replace(">", "\\u003e")
				.replace("&", "\\u0026");
			generator.writeRawValue(escaped);
		}

	}

}
