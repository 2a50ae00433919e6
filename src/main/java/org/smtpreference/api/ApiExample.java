package org.smtpreference.api;

import io.swagger.v3.core.util.Json31;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a response record into an example value for the OpenAPI document, written by the
 * same JSON mapper as the real answer, so the example has exactly its field names and
 * nulls.
 */
public final class ApiExample {

	private ApiExample() {
	}

	/**
	 * The answer as the document's writer (a separate JSON library) can print it.
	 */
	public static Object of(JsonMapper json, Object answer) {
		try {
			return Json31.mapper().readTree(json.writeValueAsString(answer));
		}
		catch (com.fasterxml.jackson.core.JacksonException ex) {
			throw new IllegalStateException("The example " + answer + " cannot be read back", ex);
		}
	}

}
