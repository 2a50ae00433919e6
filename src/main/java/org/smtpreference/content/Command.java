package org.smtpreference.content;

import java.util.List;

/**
 * An SMTP command.
 *
 * @param slug the address part, lower-case ({@code mail-from})
 * @param verb the command as typed ({@code MAIL FROM})
 * @param category the group it is listed under
 * @param syntax its syntax line
 * @param rfc the defining RFC
 * @param section the section of that RFC
 * @param obsolete whether it is no longer in use
 * @param replacedBy slugs of the commands that replaced it
 * @param related slugs of related commands
 * @param successReplies reply codes meaning success
 * @param errorReplies reply codes meaning failure
 * @param parameters its parameters
 * @param mechanisms its SASL mechanisms (AUTH only)
 * @param summary one line saying what it does
 * @param description the full explanation
 * @param security security notes, or {@code null}
 * @param example an example exchange
 */
public record Command(String slug, String verb, Category category, String syntax, int rfc, String section,
		boolean obsolete, List<String> replacedBy, List<String> related, List<Integer> successReplies,
		List<Integer> errorReplies, List<Parameter> parameters, List<Mechanism> mechanisms, Text summary,
		Text description, Text security, List<ExchangeLine> example) {

	public Command {
		replacedBy = List.copyOf(replacedBy);
		related = List.copyOf(related);
		successReplies = List.copyOf(successReplies);
		errorReplies = List.copyOf(errorReplies);
		parameters = List.copyOf(parameters);
		mechanisms = List.copyOf(mechanisms);
		example = List.copyOf(example);
	}

	public String path() {
		return "/commands/" + this.slug;
	}

	/**
	 * The command's category on the reference page.
	 */
	public String categoryPath() {
		return "/#" + this.category.anchor();
	}

}
