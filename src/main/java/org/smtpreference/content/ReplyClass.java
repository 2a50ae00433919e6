package org.smtpreference.content;

/**
 * A class of basic reply codes (the first digit).
 *
 * @param digit the first digit, 2 to 5
 * @param title the class name
 * @param retry what the class means for retrying
 * @param description what the class means
 */
public record ReplyClass(int digit, Text title, Text retry, Text description) {

	/**
	 * The class's section on the list of reply codes.
	 */
	public String path() {
		return "/replies#class-" + this.digit + "xx";
	}

}
