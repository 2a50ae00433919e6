package org.smtpreference.api;

import java.util.List;

import org.smtpreference.content.Command;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Reply;
import org.smtpreference.content.ReplyClass;

/**
 * A basic reply code, in one language.
 *
 * @param code the three digits
 * @param title a short name
 * @param replyClass the class's name
 * @param retry what the class means for retrying
 * @param meaning what it means
 * @param when when servers send it
 * @param causes common causes
 * @param sender what the sender should do
 * @param admin what the administrator should check
 * @param example an example reply line
 * @param enhanced enhanced status codes seen with it
 * @param commands slugs of commands that can get it
 * @param rfc the defining RFC
 * @param section its section
 * @param url its page
 */
record ReplyResponse(int code, String title, String replyClass, String retry, String meaning, String when,
		String causes, String sender, String admin, String example, List<String> enhanced, List<String> commands,
		int rfc, String section, String url) {

	static ReplyResponse of(Reply reply, Reference reference, Language language) {
		ReplyClass replyClass = reference.replyClass(reply.classDigit());
		return new ReplyResponse(reply.code(), CommandResponse.plain(reply.title(), language),
				CommandResponse.plain(replyClass.title(), language),
				CommandResponse.plain(replyClass.retry(), language), CommandResponse.plain(reply.meaning(), language),
				CommandResponse.plain(reply.when(), language), CommandResponse.plain(reply.causes(), language),
				CommandResponse.plain(reply.sender(), language), CommandResponse.plain(reply.admin(), language),
				reply.example(), reply.enhanced(),
				reference.commandsGetting(reply.code()).stream().map(Command::slug).toList(), reply.rfc(),
				reply.section(), reply.path());
	}

}
