package org.smtpreference.content;

/**
 * A question and its answer.
 *
 * @param id the stable anchor
 * @param question the question
 * @param answer the answer
 */
public record FaqEntry(String id, Text question, Text answer) {

	public String path() {
		return "/faq#" + this.id;
	}

}
