package org.smtpreference.content;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.smtpreference.content.ContentException.Location;
import org.smtpreference.content.ContentException.Problem;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.SerializableString;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.DeserializationProblemHandler;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.util.ClassUtil;
import tools.jackson.dataformat.yaml.YAMLMapper;

import org.springframework.core.io.Resource;

/**
 * One content file bound by Jackson into its {@link ContentFiles} record, with the line
 * and column of every field and list item, so that a problem found at any depth, while
 * binding or when checking later, is reported where it stands.
 * <p>
 * Places are JSON pointers ({@code /commands/3/replies/success/0}). Binding goes on past
 * a wrong type or an unknown field, noting it, so that one start reports every problem.
 */
final class ContentFile {

	private static final YAMLMapper MAPPER = YAMLMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		// A number where a whole number belongs is an error, not rounded down.
		.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
		// `rfc:` left empty reads as a missing optional number, as before.
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		// A list or mapping left out or empty is an empty one; the loader says which
		// must not be empty.
		.withConfigOverride(List.class,
				(override) -> override.setNullHandling(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
		.withConfigOverride(Map.class,
				(override) -> override.setNullHandling(JsonSetter.Value.forValueNulls(Nulls.AS_EMPTY)))
		.addHandler(new Collector())
		.build();

	private final String name;

	private final Map<String, Location> locations = new HashMap<>();

	private final Map<String, String> entries = new HashMap<>();

	private final List<Found> found = new ArrayList<>();

	private Recording recording;

	private boolean bound;

	private ContentFile(String name) {
		this.name = name;
	}

	/**
	 * Reads a file into a record of the given type; the value is {@code null} when the
	 * file is not YAML or does not fit the type at all.
	 */
	static <T> Bound<T> read(Resource folder, String name, Class<T> type) {
		ContentFile file = new ContentFile(name);
		try (InputStream in = folder.createRelative(name).getInputStream();
				Recording parser = file.new Recording(MAPPER.createParser(in))) {
			file.recording = parser;
			T value = MAPPER.readerFor(type).withAttribute(ContentFile.class, file).readValue(parser);
			if (value == null) {
				file.found.add(new Found("", null, "is empty"));
			}
			file.bound = value != null;
			return new Bound<>(file, value);
		}
		catch (IOException ex) {
			throw new ContentException(name, null, null, "cannot be read");
		}
		catch (StreamReadException ex) {
			// What was bound before the YAML broke off says nothing more.
			file.found.clear();
			file.found.add(new Found("", location(ex.getLocation()), "is not valid YAML: " + ex.getOriginalMessage()));
		}
		catch (JacksonException ex) {
			StringBuilder pointer = new StringBuilder();
			for (JacksonException.Reference reference : ex.getPath()) {
				pointer.append('/')
					.append((reference.getPropertyName() != null) ? escape(reference.getPropertyName())
							: String.valueOf(reference.getIndex()));
			}
			file.found.add(new Found(pointer.toString(), location(ex.getLocation()), ex.getOriginalMessage()));
		}
		return new Bound<>(file, null);
	}

	String name() {
		return this.name;
	}

	/**
	 * Whether the file was read into its record, so that its entries can be checked.
	 */
	boolean bound() {
		return this.bound;
	}

	/**
	 * Names the entry at a place, for the problems found in it while binding.
	 */
	void nameEntry(String pointer, String entry) {
		this.entries.put(pointer, entry);
	}

	/**
	 * A problem at a place, with the nearest line and column known: a missing field is
	 * reported where the mapping that lacks it stands.
	 */
	Problem problem(String pointer, String entry, String field, String text) {
		return new Problem(this.name, locate(pointer), entry, field, text, pointer);
	}

	/**
	 * The problems noted while binding, each naming the entry it is in.
	 */
	List<Problem> bindingProblems() {
		return this.found.stream().map((found) -> {
			String entryPointer = found.pointer();
			while (!entryPointer.isEmpty() && !this.entries.containsKey(entryPointer)) {
				entryPointer = entryPointer.substring(0, entryPointer.lastIndexOf('/'));
			}
			String rest = found.pointer().substring(entryPointer.length());
			String field = rest.isEmpty() ? null
					: String.join(".", rest.substring(1).split("/")).replace("~1", "/").replace("~0", "~");
			Location location = (found.location() != null) ? found.location() : locate(found.pointer());
			return new Problem(this.name, location, this.entries.get(entryPointer), field, found.text(),
					found.pointer());
		}).toList();
	}

	private Location locate(String pointer) {
		String place = pointer;
		while (true) {
			Location location = this.locations.get(place);
			if (location != null || place.isEmpty()) {
				return location;
			}
			place = place.substring(0, place.lastIndexOf('/'));
		}
	}

	static String escape(String segment) {
		return segment.replace("~", "~0").replace("/", "~1");
	}

	private static Location location(TokenStreamLocation location) {
		return (location != null && location.getLineNr() > 0)
				? new Location(location.getLineNr(), location.getColumnNr()) : null;
	}

	/**
	 * The place of the value the parser is at: for a mapping or list, the field or item
	 * that holds it.
	 */
	private static String pointerOf(JsonParser parser) {
		TokenStreamContext context = parser.streamReadContext();
		if (parser.currentToken() != null && parser.currentToken().isStructStart() && context.getParent() != null) {
			context = context.getParent();
		}
		return context.pathAsPointer().toString();
	}

	private static ContentFile of(DeserializationContext context) {
		return (ContentFile) context.getAttribute(ContentFile.class);
	}

	/**
	 * Notes an unknown field. A record meets it before all its values are known, so
	 * Jackson keeps it aside and hands it over once the mapping has ended: the YAML
	 * parser then stands just past that mapping.
	 */
	private void noteUnknown(JsonParser parser, String field, String text) {
		if (parser == this.recording || !this.recording.hasToken(JsonToken.END_OBJECT)) {
			note(parser, text);
		}
		else {
			this.found
				.add(new Found(this.recording.streamReadContext().pathAsPointer() + "/" + escape(field), null, text));
		}
	}

	private void note(JsonParser parser, String text) {
		this.found.add(new Found(pointerOf(parser), null, text));
	}

	/**
	 * A file's record, or {@code null} when it could not be bound.
	 *
	 * @param file the file, with its places and binding problems
	 * @param value the bound record, or {@code null}
	 * @param <T> the record's type
	 */
	record Bound<T>(ContentFile file, T value) {
	}

	/**
	 * A problem noted while binding.
	 *
	 * @param pointer where it is
	 * @param location its line and column when the parser gave them, else {@code null}
	 * @param text what is wrong
	 */
	private record Found(String pointer, Location location, String text) {
	}

	/**
	 * Passes the tokens on, noting where each field and list item starts, and that a
	 * field is given twice (YAML lets the last one win silently).
	 */
	private final class Recording extends JsonParserDelegate {

		Recording(JsonParser parser) {
			super(parser);
		}

		@Override
		public JsonToken nextToken() {
			JsonToken token = super.nextToken();
			if (token == JsonToken.PROPERTY_NAME) {
				String pointer = streamReadContext().pathAsPointer().toString();
				if (ContentFile.this.locations.putIfAbsent(pointer, here()) != null) {
					ContentFile.this.found.add(new Found(pointer, here(), "is given twice"));
				}
			}
			else if (token != null && (token.isScalarValue() || token.isStructStart())) {
				TokenStreamContext context = token.isStructStart() ? streamReadContext().getParent()
						: streamReadContext();
				if (context.inArray() || context.inRoot()) {
					ContentFile.this.locations.putIfAbsent(context.pathAsPointer().toString(), here());
				}
			}
			return token;
		}

		// The delegate hands these straight to the YAML parser, which would skip the
		// noting above.

		@Override
		public JsonToken nextValue() {
			JsonToken token = nextToken();
			return (token == JsonToken.PROPERTY_NAME) ? nextToken() : token;
		}

		@Override
		public String nextName() {
			return (nextToken() == JsonToken.PROPERTY_NAME) ? currentName() : null;
		}

		@Override
		public boolean nextName(SerializableString name) {
			return (nextToken() == JsonToken.PROPERTY_NAME) && name.getValue().equals(currentName());
		}

		@Override
		public int nextNameMatch(PropertyNameMatcher matcher) {
			String name = nextName();
			if (name != null) {
				return matcher.matchName(name);
			}
			return hasToken(JsonToken.END_OBJECT) ? PropertyNameMatcher.MATCH_END_OBJECT
					: PropertyNameMatcher.MATCH_ODD_TOKEN;
		}

		private Location here() {
			return location(currentTokenLocation());
		}

	}

	/**
	 * Notes a binding problem and steps over the value, so that binding goes on and the
	 * checks after it still run.
	 */
	private static final class Collector extends DeserializationProblemHandler {

		@Override
		public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
				ValueDeserializer<?> deserializer, Object beanOrClass, String propertyName) {
			Collection<Object> known = deserializer.getKnownPropertyNames();
			of(context).noteUnknown(parser, propertyName, "is an unknown field (known fields: "
					+ String.join(", ", known.stream().map(Objects::toString).sorted().toList()) + ")");
			parser.skipChildren();
			return true;
		}

		@Override
		public Object handleUnexpectedToken(DeserializationContext context, JavaType targetType, JsonToken token,
				JsonParser parser, String failureMsg) {
			of(context).note(parser, "must be " + expected(targetType.getRawClass()) + ", found " + found(token));
			parser.skipChildren();
			return empty(targetType.getRawClass());
		}

		@Override
		public Object handleMissingInstantiator(DeserializationContext context, Class<?> instClass,
				ValueInstantiator instantiator, JsonParser parser, String msg) {
			of(context).note(parser, "must be " + expected(instClass) + ", found " + found(parser.currentToken()));
			parser.skipChildren();
			return null;
		}

		@Override
		public Object handleWeirdStringValue(DeserializationContext context, Class<?> targetType, String value,
				String failureMsg) {
			of(context).note(context.getParser(), "must be " + expected(targetType) + ", found '" + value + "'");
			return empty(targetType);
		}

		@Override
		public Object handleWeirdNumberValue(DeserializationContext context, Class<?> targetType, Number value,
				String failureMsg) {
			of(context).note(context.getParser(), "must be " + expected(targetType) + ", found " + value);
			return empty(targetType);
		}

		private static Object empty(Class<?> type) {
			if (List.class.isAssignableFrom(type)) {
				return new ArrayList<>();
			}
			if (Map.class.isAssignableFrom(type)) {
				return new LinkedHashMap<>();
			}
			return type.isPrimitive() ? ClassUtil.defaultValue(type) : null;
		}

		private static String expected(Class<?> type) {
			if (Collection.class.isAssignableFrom(type)) {
				return "a list";
			}
			if (type == String.class) {
				return "a single value";
			}
			if (type == int.class || type == Integer.class) {
				return "a whole number";
			}
			if (type == boolean.class || type == Boolean.class) {
				return "true or false";
			}
			if (type == ContentFiles.Bilingual.class) {
				return "a mapping with en and tr";
			}
			return "a mapping of fields";
		}

		private static String found(JsonToken token) {
			if (token == null) {
				return "nothing";
			}
			return switch (token) {
				case START_ARRAY -> "a list";
				case START_OBJECT -> "a mapping";
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
				case VALUE_TRUE, VALUE_FALSE -> "true or false";
				case VALUE_NULL -> "nothing";
				default -> "text";
			};
		}

	}

}
