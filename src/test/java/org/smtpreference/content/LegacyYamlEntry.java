package org.smtpreference.content;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One entry of a content file, with typed reads that fail naming file, entry and field.
 */
class LegacyYamlEntry {

	private final String file;

	private final String name;

	private final Map<?, ?> values;

	LegacyYamlEntry(String file, String name, Object values) {
		this.file = file;
		this.name = name;
		if (!(values instanceof Map<?, ?> map)) {
			throw fail(null, "must be a mapping of fields");
		}
		this.values = map;
	}

	String file() {
		return this.file;
	}

	String name() {
		return this.name;
	}

	LegacyYamlEntry named(String name) {
		return new LegacyYamlEntry(this.file, name, this.values);
	}

	/**
	 * Refuses fields other than the given ones, so a misspelt field is not silently
	 * ignored.
	 */
	void onlyFields(String... known) {
		List<String> names = List.of(known);
		for (Object field : this.values.keySet()) {
			if (!names.contains(String.valueOf(field))) {
				throw fail(String.valueOf(field),
						"is an unknown field (known fields: " + String.join(", ", names) + ")");
			}
		}
	}

	boolean has(String field) {
		return this.values.get(field) != null;
	}

	Object raw(String field) {
		return this.values.get(field);
	}

	String string(String field) {
		Object value = this.values.get(field);
		if (value == null) {
			throw fail(field, "is missing");
		}
		if (value instanceof Map || value instanceof List) {
			throw fail(field, "must be a single value");
		}
		String text = String.valueOf(value).strip();
		if (text.isEmpty()) {
			throw fail(field, "is empty");
		}
		return text;
	}

	String quoted(String field) {
		if (has(field) && !(this.values.get(field) instanceof String)) {
			throw fail(field, "must be a quoted string");
		}
		return string(field);
	}

	String optionalString(String field) {
		return has(field) ? string(field) : null;
	}

	int integer(String field) {
		Object value = this.values.get(field);
		if (value == null) {
			throw fail(field, "is missing");
		}
		if (!(value instanceof Integer number)) {
			throw fail(field, "must be a whole number");
		}
		return number;
	}

	int optionalInteger(String field) {
		return has(field) ? integer(field) : 0;
	}

	boolean bool(String field) {
		Object value = this.values.get(field);
		if (value == null) {
			return false;
		}
		if (!(value instanceof Boolean flag)) {
			throw fail(field, "must be true or false");
		}
		return flag;
	}

	List<Object> list(String field) {
		Object value = this.values.get(field);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> items)) {
			throw fail(field, "must be a list");
		}
		return new ArrayList<>(items);
	}

	List<String> strings(String field) {
		return list(field).stream().map((item) -> {
			if (item == null || item instanceof Map || item instanceof List) {
				throw fail(field, "must be a list of single values");
			}
			return String.valueOf(item).strip();
		}).toList();
	}

	List<Integer> integers(String field) {
		return list(field).stream().map((item) -> {
			if (!(item instanceof Integer number)) {
				throw fail(field, "must be a list of whole numbers, found '" + item + "'");
			}
			return number;
		}).toList();
	}

	LegacyYamlEntry child(String field) {
		Object value = this.values.get(field);
		if (value == null) {
			throw fail(field, "is missing");
		}
		if (!(value instanceof Map)) {
			throw fail(field, "must be a mapping");
		}
		return new ChildEntry(this, field, value);
	}

	Map<?, ?> map(String field) {
		Object value = this.values.get(field);
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?> map)) {
			throw fail(field, "must be a mapping");
		}
		return map;
	}

	String fieldPath(String field) {
		return field;
	}

	ContentException fail(String field, String problem) {
		return new ContentException(this.file, this.name, (field != null) ? fieldPath(field) : null, problem);
	}

	/**
	 * A nested mapping, which names its fields with the parent's field as prefix.
	 */
	private static final class ChildEntry extends LegacyYamlEntry {

		private final LegacyYamlEntry parent;

		private final String prefix;

		ChildEntry(LegacyYamlEntry parent, String prefix, Object values) {
			super(parent.file(), parent.name(), values);
			this.parent = parent;
			this.prefix = prefix;
		}

		@Override
		String fieldPath(String field) {
			return this.parent.fieldPath(this.prefix) + "." + field;
		}

	}

}
