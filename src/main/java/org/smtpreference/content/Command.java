package org.smtpreference.content;

import java.util.ArrayList;
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
 * @param successReplies reply codes meaning success (2yz)
 * @param intermediateReplies reply codes asking for more input (3yz)
 * @param errorReplies reply codes meaning failure (4yz, 5yz)
 * @param parameters its parameters
 * @param mechanisms its SASL mechanisms (AUTH only)
 * @param summary one line saying what it does
 * @param description the full explanation
 * @param security security notes, or {@code null}
 * @param example an example exchange
 * @param trial how the example is tried in the playground
 */
public record Command(String slug, String verb, Category category, String syntax, int rfc, String section,
		boolean obsolete, List<String> replacedBy, List<String> related, List<Integer> successReplies,
		List<Integer> intermediateReplies, List<Integer> errorReplies, List<Parameter> parameters,
		List<Mechanism> mechanisms, Text summary, Text description, Text security, List<ExchangeLine> example,
		Trial trial) {

	public Command {
		replacedBy = List.copyOf(replacedBy);
		related = List.copyOf(related);
		successReplies = List.copyOf(successReplies);
		intermediateReplies = List.copyOf(intermediateReplies);
		errorReplies = List.copyOf(errorReplies);
		parameters = List.copyOf(parameters);
		mechanisms = List.copyOf(mechanisms);
		example = List.copyOf(example);
	}

	/**
	 * The client lines that try this command in the playground: the setup, then the
	 * example's client lines (or the trial's own), without placeholders such as
	 * {@code <TLS handshake>} that stand for no line typed.
	 */
	public List<String> trialLines() {
		List<String> lines = new ArrayList<>(this.trial.setup());
		if (!this.trial.lines().isEmpty()) {
			lines.addAll(this.trial.lines());
		}
		else {
			this.example.stream()
				.filter((line) -> line.client() && !line.isPlaceholder())
				.forEach((line) -> lines.add(line.text()));
		}
		return List.copyOf(lines);
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
