package org.smtpreference.api;

import io.swagger.v3.oas.annotations.media.Schema;
import org.smtpreference.content.Command;
import org.smtpreference.content.Language;

/**
 * A command as listed, in one language.
 *
 * @param slug the address part
 * @param verb the command as typed
 * @param category session, auth or message
 * @param syntax the syntax line
 * @param summary one line saying what it does
 * @param obsolete whether it is no longer in use
 * @param url its page
 */
record CommandSummaryResponse(String slug, String verb, @Schema(allowableValues = {
		"session", "auth", "message" }) String category, String syntax, String summary, boolean obsolete, String url){

	static CommandSummaryResponse of(Command command, Language language) {
		return new CommandSummaryResponse(command.slug(), command.verb(), command.category().id(), command.syntax(),
				command.summary().in(language).plain(), command.obsolete(), command.path());
	}

}
