package org.smtpreference.content;

/**
 * A concrete enhanced status code such as {@code 5.7.1}: a registry entry in one class.
 *
 * @param classDigit the class, 2, 4 or 5
 * @param entry the registry entry
 */
public record StatusCode(int classDigit, StatusEntry entry) {

	public String code() {
		return this.classDigit + "." + this.entry.subject() + "." + this.entry.detail();
	}

	public String path() {
		return "/status-codes/" + code();
	}

	/**
	 * The code's subject on the list of status codes.
	 */
	public String subjectPath() {
		return "/status-codes#subject-" + this.entry.subject();
	}

}
