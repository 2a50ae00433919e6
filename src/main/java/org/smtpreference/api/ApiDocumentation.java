package org.smtpreference.api;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.servers.Server;
import io.swagger.v3.oas.models.tags.Tag;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.search.SearchService;
import org.springdoc.core.customizers.OpenApiCustomizer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.context.ApplicationListener;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The JSON API's OpenAPI 3.1 document, which springdoc builds from the controllers and
 * serves at {@code /api/v1/openapi.json}. What holds for every operation is added here
 * once rather than annotated on each: the {@code lang} parameter, the problems an API
 * address can answer (406 for every one, 404 for a lookup by a path parameter, 400, 413
 * and 415 for a request body), that every field of a response is always present and no
 * other is, and examples in English and Turkish made from the reference itself, so they
 * cannot go stale.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	/** The path prefix of every operation the document describes. */
	static final String PREFIX = "/api/v1/";

	static final String PROBLEM_JSON = "application/problem+json";

	private static final String SCHEMAS = "#/components/schemas/";

	private static final String SPRINGDOC = "org.springdoc.";

	/** Springdoc's bean that every document is built by. */
	static final String DOCUMENT_BUILDER = "openAPIBuilder";

	/**
	 * Springdoc's beans that register something when made: its model converters with
	 * swagger-core, and the extra schemas of its settings.
	 */
	static final List<String> SIDE_EFFECT_BEANS = List.of("modelConverterRegistrar", "initExtraSchemas");

	/**
	 * Springdoc's listeners whose declared type does not say so: the one that hears the
	 * server's port is declared as the context it gives.
	 */
	static final Set<String> LISTENERS = Set.of("webServerPortProvider");

	/**
	 * Springdoc's beans, and the two here that only it uses, are made when the document
	 * is first asked for rather than at every start (issue 21). Made at start, they set
	 * up swagger-core's model converters and its Jackson 2 mapper, which no page of the
	 * site needs. Springdoc declares them {@code @Lazy(false)}, which keeps
	 * {@code spring.main.lazy-initialization} away from them, so they are found here by
	 * the configuration that declares them; the document itself was already built on its
	 * first request.
	 */
	@Bean
	static BeanFactoryPostProcessor openApiOnFirstRequest() {
		return (beanFactory) -> {
			for (String name : beanFactory.getBeanDefinitionNames()) {
				BeanDefinition definition = beanFactory.getBeanDefinition(name);
				if (!fromSpringdoc(name, definition) || LISTENERS.contains(name)) {
					continue;
				}
				// A listener stays as it is: a lazy one would miss the events it is for.
				Class<?> type = beanFactory.getType(name, false);
				if (type == null || !ApplicationListener.class.isAssignableFrom(type)) {
					definition.setLazyInit(true);
				}
			}
			// Beans that act only by being made, which nothing asks for: made with the
			// document's builder, before it builds anything.
			if (beanFactory.containsBeanDefinition(DOCUMENT_BUILDER)) {
				BeanDefinition builder = beanFactory.getBeanDefinition(DOCUMENT_BUILDER);
				Set<String> dependsOn = new LinkedHashSet<>(
						(builder.getDependsOn() != null) ? List.of(builder.getDependsOn()) : List.of());
				SIDE_EFFECT_BEANS.stream().filter(beanFactory::containsBeanDefinition).forEach(dependsOn::add);
				builder.setDependsOn(dependsOn.toArray(String[]::new));
			}
		};
	}

	/**
	 * Whether springdoc declares a bean: its name, its class or the configuration whose
	 * method makes it is one of springdoc's.
	 */
	static boolean fromSpringdoc(String name, BeanDefinition definition) {
		return Stream.of(name, definition.getBeanClassName(), definition.getFactoryBeanName())
			.anyMatch((part) -> part != null && part.startsWith(SPRINGDOC));
	}

	@Bean
	@Lazy
	OpenAPI apiDocument(MessageSource messages) {
		Components components = new Components().addSchemas("Problem", problemSchema())
			.addParameters("lang", languageParameter());
		for (Problem problem : Problem.values()) {
			components.addResponses(problem.name, problem.response(messages));
		}
		return new OpenAPI()
			.info(new Info().title("SMTP Reference API")
				.version("v1")
				.description("The SMTP Reference as JSON: commands, reply codes, enhanced status codes, "
						+ "EHLO extensions, code samples and search, plus the decoder and the playground. "
						+ "Every operation answers in English or Turkish: pass `lang=en` or `lang=tr` "
						+ "(otherwise the `lang` cookie, then `Accept-Language`, decide). Errors are "
						+ "`application/problem+json` (RFC 9457) in the same language."))
			.servers(List.of(new Server().url("/").description("The site serving this document")))
			// Public and read-only: no operation needs credentials.
			.security(List.of())
			.tags(List.of(
					new Tag().name("Reference")
						.description("Commands, reply codes, enhanced status codes, extensions, samples and search."),
					new Tag().name("Decoder")
						.description("Finds and explains every reply code and enhanced status code in a text."),
					new Tag().name("Playground").description("Plays an SMTP session on the simulated server.")))
			.components(components);
	}

	@Bean
	@Lazy
	OpenApiCustomizer apiConventions(Reference reference, SearchService search, JsonMapper json) {
		return (openApi) -> {
			openApi.getPaths().forEach((path, item) -> {
				if (path.startsWith(PREFIX)) {
					item.readOperations().forEach(ApiDocumentation::addSharedParts);
				}
			});
			closeSchemas(openApi);
			new Examples(reference, search, json).addTo(openApi);
		};
	}

	private static void addSharedParts(Operation operation) {
		List<Parameter> parameters = (operation.getParameters() != null) ? operation.getParameters() : List.of();
		boolean lookup = parameters.stream().anyMatch((parameter) -> "path".equals(parameter.getIn()));
		operation.addParametersItem(new Parameter().$ref("#/components/parameters/lang"));
		if (lookup) {
			Problem.NOT_FOUND.addTo(operation);
		}
		if (operation.getRequestBody() != null) {
			Problem.BAD_REQUEST.addTo(operation);
			Problem.TOO_LARGE.addTo(operation);
			Problem.UNSUPPORTED_MEDIA_TYPE.addTo(operation);
		}
		Problem.NOT_ACCEPTABLE.addTo(operation);
	}

	/**
	 * Marks every field of the request and response records as always present (a
	 * {@code null} one is written as {@code null}, as its schema allows), and the
	 * response records as having no other field.
	 */
	private static void closeSchemas(OpenAPI openApi) {
		Set<String> requests = new TreeSet<>();
		Set<String> responses = new TreeSet<>();
		openApi.getPaths().values().forEach((item) -> item.readOperations().forEach((operation) -> {
			if (operation.getRequestBody() != null) {
				operation.getRequestBody().getContent().values().forEach((type) -> requests.add(refName(type)));
			}
			operation.getResponses()
				.values()
				.stream()
				.filter((response) -> response.getContent() != null)
				.forEach((response) -> response.getContent().values().forEach((type) -> {
					collectReferences(type.getSchema(), responses);
				}));
		}));
		Map<String, Schema> schemas = openApi.getComponents().getSchemas();
		Set<String> reached = reachable(schemas, responses);
		reached.remove("Problem");
		for (String name : reachable(schemas, requests)) {
			Schema<?> schema = schemas.get(name);
			if (schema != null && schema.getProperties() != null) {
				schema.setRequired(List.copyOf(schema.getProperties().keySet()));
			}
		}
		for (String name : reached) {
			Schema<?> schema = schemas.get(name);
			if (schema != null && schema.getProperties() != null) {
				schema.setRequired(List.copyOf(schema.getProperties().keySet()));
				schema.setAdditionalProperties(false);
			}
		}
	}

	private static String refName(MediaType type) {
		String ref = (type.getSchema() != null) ? type.getSchema().get$ref() : null;
		return (ref != null && ref.startsWith(SCHEMAS)) ? ref.substring(SCHEMAS.length()) : "";
	}

	private static Set<String> reachable(Map<String, Schema> schemas, Set<String> roots) {
		Set<String> seen = new LinkedHashSet<>();
		Deque<String> todo = new ArrayDeque<>(roots);
		while (!todo.isEmpty()) {
			String name = todo.pop();
			Schema<?> schema = schemas.get(name);
			if (schema != null && seen.add(name)) {
				Set<String> next = new TreeSet<>();
				collectReferences(schema, next);
				todo.addAll(next);
			}
		}
		return seen;
	}

	private static void collectReferences(Schema<?> schema, Set<String> names) {
		if (schema == null) {
			return;
		}
		if (schema.get$ref() != null && schema.get$ref().startsWith(SCHEMAS)) {
			names.add(schema.get$ref().substring(SCHEMAS.length()));
		}
		collectReferences(schema.getItems(), names);
		if (schema.getAdditionalProperties() instanceof Schema<?> values) {
			collectReferences(values, names);
		}
		if (schema.getProperties() != null) {
			schema.getProperties().values().forEach((property) -> collectReferences(property, names));
		}
	}

	private static Parameter languageParameter() {
		return new Parameter().name("lang")
			.in("query")
			.required(false)
			.description("The language of every text in the answer, problems included: `en` (English) or "
					+ "`tr` (Turkish). Without it the `lang` cookie, then `Accept-Language`, decide; "
					+ "any other value is taken as the default, English.")
			.schema(new JsonSchema().types(Set.of("string"))._enum(List.of("en", "tr")))
			.example("en");
	}

	private static Schema<?> problemSchema() {
		return new JsonSchema().types(Set.of("object"))
			.description("A problem (RFC 9457) in the reader's language; no trace or server detail.")
			.addProperty("type", string("A URI naming the kind of problem; absent means `about:blank`."))
			.addProperty("title", string("A short summary of the problem."))
			.addProperty("status",
					new JsonSchema().types(Set.of("integer"))
						.minimum(BigDecimal.valueOf(400))
						.maximum(BigDecimal.valueOf(599))
						.description("The HTTP status code."))
			.addProperty("detail", string("What went wrong and what to send instead."))
			.addProperty("instance", string("The path the request was made to."))
			.required(List.of("title", "status", "detail"))
			.additionalProperties(false);
	}

	/**
	 * A language's name in itself: English, Türkçe.
	 */
	static String named(Language language) {
		return language.locale().getDisplayLanguage(language.locale());
	}

	private static Schema<?> string(String description) {
		return new JsonSchema().types(Set.of("string")).description(description);
	}

	/**
	 * The problems an API operation can answer, each a shared response in the document
	 * with an example in both languages, worded by the same messages the server uses.
	 */
	enum Problem {

		BAD_REQUEST("400", "BadRequest", "The body is not JSON, or not of the documented shape.",
				"api.problem.unreadable.title", "api.problem.unreadable.field", "text"),

		NOT_FOUND("404", "NotFound", "No entry has this name or code.", "error.404.title", "error.404.text"),

		NOT_ACCEPTABLE("406", "NotAcceptable", "The request's `Accept` header does not allow JSON.", "error.4xx.title",
				"error.4xx.text"),

		TOO_LARGE("413", "ContentTooLarge", "The body is over the limit (64 KiB, or 1,000 playground lines).",
				"api.problem.tooLarge.title", "api.problem.tooLarge.detail", RequestBodyTooLargeException.MAX_BYTES,
				RequestBodyTooLargeException.MAX_BYTES / 1024),

		UNSUPPORTED_MEDIA_TYPE("415", "UnsupportedMediaType", "The body was not sent as `application/json`.",
				"api.problem.mediaType.title", "api.problem.mediaType.detail", "application/json");

		private final String status;

		private final String name;

		private final String description;

		private final String titleKey;

		private final String detailKey;

		private final Object[] arguments;

		Problem(String status, String name, String description, String titleKey, String detailKey,
				Object... arguments) {
			this.status = status;
			this.name = name;
			this.description = description;
			this.titleKey = titleKey;
			this.detailKey = detailKey;
			this.arguments = arguments;
		}

		void addTo(Operation operation) {
			if (!operation.getResponses().containsKey(this.status)) {
				operation.getResponses()
					.addApiResponse(this.status, new ApiResponse().$ref("#/components/responses/" + this.name));
			}
		}

		ApiResponse response(MessageSource messages) {
			MediaType type = new MediaType().schema(new JsonSchema().$ref(SCHEMAS + "Problem"));
			for (Language language : Language.values()) {
				Map<String, Object> value = new LinkedHashMap<>();
				Locale locale = language.locale();
				value.put("title", messages.getMessage(this.titleKey, null, locale));
				value.put("status", Integer.parseInt(this.status));
				value.put("detail", messages.getMessage(this.detailKey, this.arguments, locale));
				value.put("instance", (this == NOT_FOUND) ? "/api/v1/commands/nope" : "/api/v1/decode");
				type.addExamples(language.tag(), new Example().summary(named(language)).value(value));
			}
			return new ApiResponse().description(this.description)
				.content(new Content().addMediaType(PROBLEM_JSON, type));
		}

	}

	/**
	 * Examples of every reference operation's answer in both languages, made from the
	 * reference's own entries.
	 */
	private static final class Examples {

		private final Reference reference;

		private final SearchService search;

		private final JsonMapper json;

		Examples(Reference reference, SearchService search, JsonMapper json) {
			this.reference = reference;
			this.search = search;
			this.json = json;
		}

		void addTo(OpenAPI openApi) {
			Map<String, Function<Language, Object>> answers = new LinkedHashMap<>();
			answers.put("commands",
					(language) -> this.reference.commands()
						.stream()
						.limit(2)
						.map((c) -> CommandSummaryResponse.of(c, language))
						.toList());
			answers.put("replies",
					(language) -> this.reference.replies()
						.stream()
						.limit(1)
						.map((r) -> ReplyResponse.of(r, this.reference, language))
						.toList());
			answers.put("statusCodes",
					(language) -> this.reference.statusCodes()
						.stream()
						.limit(1)
						.map((s) -> StatusCodeResponse.of(s, this.reference, language))
						.toList());
			answers.put("extensions",
					(language) -> this.reference.extensions()
						.stream()
						.limit(1)
						.map((e) -> ExtensionResponse.of(e, language))
						.toList());
			answers.put("samples",
					(language) -> this.reference.samples()
						.stream()
						.limit(1)
						.map((s) -> SampleResponse.of(s, language))
						.toList());
			answers.put("search",
					(language) -> SearchResponse.of("ehlo", language.tag(), this.search.search("ehlo", language)));
			Map<String, String> keys = new LinkedHashMap<>();
			this.reference.command("ehlo").or(() -> this.reference.commands().stream().findFirst()).ifPresent((c) -> {
				keys.put("command", c.slug());
				answers.put("command", (language) -> CommandResponse.of(c, language));
			});
			this.reference.reply(550).or(() -> this.reference.replies().stream().findFirst()).ifPresent((r) -> {
				keys.put("reply", String.valueOf(r.code()));
				answers.put("reply", (language) -> ReplyResponse.of(r, this.reference, language));
			});
			this.reference.statusCode("5.1.1")
				.or(() -> this.reference.statusCodes().stream().findFirst())
				.ifPresent((s) -> {
					keys.put("statusCode", s.code());
					answers.put("statusCode", (language) -> StatusCodeResponse.of(s, this.reference, language));
				});
			this.reference.extension("pipelining")
				.or(() -> this.reference.extensions().stream().findFirst())
				.ifPresent((e) -> {
					keys.put("extension", e.keyword());
					answers.put("extension", (language) -> ExtensionResponse.of(e, language));
				});
			this.reference.samples().stream().findFirst().ifPresent((s) -> {
				keys.put("sample", s.id());
				answers.put("sample", (language) -> SampleResponse.of(s, language));
			});
			openApi.getPaths().values().stream().map(PathItem::readOperations).flatMap(List::stream).forEach((op) -> {
				Function<Language, Object> answer = answers.get(op.getOperationId());
				if (answer != null) {
					addExamples(op, answer);
				}
				Optional.ofNullable(keys.get(op.getOperationId()))
					.ifPresent((key) -> op.getParameters()
						.stream()
						.filter((parameter) -> "path".equals(parameter.getIn()))
						.forEach((parameter) -> parameter.setExample(key)));
				if ("search".equals(op.getOperationId())) {
					op.getParameters()
						.stream()
						.filter((parameter) -> "q".equals(parameter.getName()))
						.forEach((parameter) -> parameter.setExample("ehlo"));
				}
			});
		}

		private void addExamples(Operation operation, Function<Language, Object> answer) {
			ApiResponse ok = operation.getResponses().get("200");
			if (ok == null || ok.getContent() == null) {
				return;
			}
			ok.getContent().values().forEach((type) -> {
				for (Language language : Language.values()) {
					type.addExamples(language.tag(), new Example().summary(named(language))
						.value(ApiExample.of(this.json, answer.apply(language))));
				}
			});
		}

	}

}
