package org.smtpreference.api;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.smtpreference.content.Command;
import org.smtpreference.content.Language;
import org.smtpreference.content.Text;

/**
 * A command in full, in one language.
 *
 * @param slug the address part
 * @param verb the command as typed
 * @param category session, auth or message
 * @param syntax the syntax line
 * @param summary one line saying what it does
 * @param description the full explanation
 * @param security security notes, or {@code null}
 * @param rfc the defining RFC
 * @param section the section of that RFC
 * @param obsolete whether it is no longer in use
 * @param replacedBy slugs of what replaced it
 * @param related slugs of related commands
 * @param replies the reply codes it can get
 * @param parameters its parameters
 * @param mechanisms its SASL mechanisms
 * @param example an example exchange
 * @param url its page
 */
record CommandResponse(String slug, String verb, @Schema(allowableValues = {
		"session", "auth", "message" }) String category, String syntax, String summary, String description,
		@Schema(types = { "string", "null" }) String security, int rfc, String section, boolean obsolete,
		List<String> replacedBy, List<String> related, Replies replies, List<ParameterResponse> parameters,
		List<MechanismResponse> mechanisms, List<ExchangeLineResponse> example, String url){

	static CommandResponse of(Command command, Language language) {
		return new CommandResponse(command.slug(), command.verb(), command.category().id(), command.syntax(),
				plain(command.summary(), language), plain(command.description(), language),
				plain(command.security(), language), command.rfc(), command.section(), command.obsolete(),
				command.replacedBy(), command.related(),
				new Replies(command.successReplies(), command.intermediateReplies(), command.errorReplies()),
				command.parameters()
					.stream()
					.map((parameter) -> new ParameterResponse(parameter.name(), parameter.extension(),
							(parameter.rfc() != 0) ? parameter.rfc() : null, plain(parameter.description(), language)))
					.toList(),
				command.mechanisms()
					.stream()
					.map((mechanism) -> new MechanismResponse(mechanism.name(),
							(mechanism.rfc() != 0) ? mechanism.rfc() : null, plain(mechanism.summary(), language),
							ExchangeLineResponse.of(mechanism.exchange())))
					.toList(),
				ExchangeLineResponse.of(command.example()), command.path());
	}

	static String plain(Text text, Language language) {
		return (text != null) ? text.in(language).plain() : null;
	}

	/**
	 * The reply codes a command can get.
	 *
	 * @param success codes meaning success
	 * @param intermediate codes asking for more input
	 * @param error codes meaning failure
	 */
	record Replies(List<Integer> success, List<Integer> intermediate, List<Integer> error) {
	}

	/**
	 * A parameter of a command.
	 *
	 * @param name as written
	 * @param extension keyword slug of the extension adding it, or {@code null}
	 * @param rfc the RFC defining it, or {@code null} when it is the command's own
	 * @param description what it means
	 */
	record ParameterResponse(String name, @Schema(types = {
			"string", "null" }) String extension, @Schema(types = { "integer", "null" }) Integer rfc,
			String description){
	}

	/**
	 * A SASL mechanism with a worked exchange.
	 *
	 * @param name the mechanism
	 * @param rfc the defining RFC, or {@code null}
	 * @param summary what it does
	 * @param exchange a worked exchange
	 */
	record MechanismResponse(String name, @Schema(types = {
			"integer", "null" }) Integer rfc, String summary, List<ExchangeLineResponse> exchange){
	}

}
