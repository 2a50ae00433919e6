package org.smtpreference.decode;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.media.Schema;
import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reply;
import org.smtpreference.content.Text;

import org.springframework.context.MessageSource;

/**
 * What {@code POST /api/v1/decode} answers, in one language.
 *
 * @param lang the language of the texts
 * @param findings each code found, in order of appearance
 * @param causesWithoutCode causes the text names although it holds no code
 * @param complete whether the whole text was read; a text too long to read in its budget
 * or holding too many different codes is read only up to where it reached the limit
 * @param linesRead how many of its lines were read, in whole or in part
 * @param lines how many lines the text has
 * @param notice what the reader should know when the text was only partly read, or
 * {@code null}
 * @param recipients the recipients of a delivery-status notification (RFC 3464) in the
 * text, each as its block says; empty when the text holds none
 */
record DecodeResponse(@Schema(allowableValues = {
		"en", "tr" }) String lang, List<FindingResponse> findings, List<CauseResponse> causesWithoutCode,
		boolean complete, int linesRead, int lines, @Schema(types = { "string", "null" }) String notice,
		List<RecipientResponse> recipients){

	static DecodeResponse of(Explainer.Result result, Language language, MessageSource messages) {
		String notice = result.complete() ? null : messages.getMessage("decode.partial",
				new Object[] { result.linesRead(), result.lines(), Decoder.MAX_CODES }, language.locale());
		return new DecodeResponse(language.tag(),
				result.explanations().stream().map((x) -> FindingResponse.of(x, language)).toList(),
				result.causesWithoutCode().stream().map((c) -> CauseResponse.of(c, language)).toList(),
				result.complete(), result.linesRead(), result.lines(), notice,
				result.recipients().stream().map((r) -> RecipientResponse.of(r, language, messages)).toList());
	}

	static String plain(Text text, Language language) {
		return (text != null) ? text.in(language).plain() : null;
	}

	/**
	 * One code found and explained.
	 *
	 * @param code the code as a reply writes it, such as {@code 550 5.1.1}
	 * @param reply the basic reply code, or {@code null}
	 * @param enhanced the enhanced status code, or {@code null}
	 * @param classDigit 2, 4 or 5
	 * @param retry whether the sending server should try again later
	 * @param retryAdvice what the class means for retrying
	 * @param title a short name of the code
	 * @param meaning what the basic code means, or {@code null}
	 * @param enhancedTitle the enhanced code's name, or its subject's when the registry
	 * does not have its detail
	 * @param enhancedMeaning what the enhanced code (or its subject) means, or
	 * {@code null}
	 * @param line the line it stood on, from 1
	 * @param start where it started in the text, in UTF-16 units
	 * @param end where it ended
	 * @param excerpt its line, shortened
	 * @param causes the well-known causes the text beside it names
	 * @param sender what the sender should do
	 * @param admin what the administrator should do
	 * @param links reference entries to read more in
	 * @param providerMeanings what the provider that wrote the reply means by its code,
	 * beside the registry's meaning above, never instead of it
	 */
	record FindingResponse(String code, @Schema(types = {
			"integer", "null" }) Integer reply, @Schema(types = { "string", "null" }) String enhanced,
			@JsonProperty("class") int classDigit, boolean retry, String retryAdvice, String title,
			@Schema(types = { "string", "null" }) String meaning,
			@Schema(types = { "string", "null" }) String enhancedTitle,
			@Schema(types = { "string", "null" }) String enhancedMeaning, int line, int start, int end, String excerpt,
			List<CauseResponse> causes, @Schema(types = { "string", "null" }) String sender,
			@Schema(types = { "string", "null" }) String admin, List<LinkResponse> links,
			List<ProviderMeaningResponse> providerMeanings){

		static FindingResponse of(Explanation x, Language language) {
			Finding f = x.finding();
			Reply guidance = x.guidance();
			String enhancedTitle = (x.status() != null) ? plain(x.status().entry().title(), language)
					: (x.statusSubject() != null) ? plain(x.statusSubject().title(), language) : null;
			String enhancedMeaning = (x.status() != null) ? plain(x.status().entry().description(), language)
					: (x.statusSubject() != null) ? plain(x.statusSubject().description(), language) : null;
			String title = (x.reply() != null) ? plain(x.reply().title(), language) : enhancedTitle;
			String retryAdvice = (x.replyClass() != null) ? plain(x.replyClass().retry(), language)
					: plain(x.statusClass().description(), language);
			List<CauseResponse> causes = x.causes().stream().map((c) -> CauseResponse.of(c, language)).toList();
			String sender = causes.isEmpty() ? ((guidance != null) ? plain(guidance.sender(), language) : null)
					: String.join("\n\n", causes.stream().map(CauseResponse::sender).toList());
			String admin = causes.isEmpty() ? ((guidance != null) ? plain(guidance.admin(), language) : null)
					: String.join("\n\n", causes.stream().map(CauseResponse::admin).toList());
			return new FindingResponse(f.code(), (f.reply() != 0) ? f.reply() : null, f.status(), f.classDigit(),
					x.retry(), retryAdvice, title, (x.reply() != null) ? plain(x.reply().meaning(), language) : null,
					enhancedTitle, enhancedMeaning, f.line(), f.start(), f.end(), f.excerpt(), causes, sender, admin,
					x.links().stream().map((link) -> new LinkResponse(link.label(), link.path())).toList(),
					x.providerMeanings().stream().map((note) -> ProviderMeaningResponse.of(note, language)).toList());
		}

	}

	/**
	 * A well-known cause.
	 *
	 * @param id its stable identifier, such as {@code mailbox-full}
	 * @param title a short name
	 * @param explanation what happened
	 * @param sender what the sender should do
	 * @param admin what the administrator should do
	 */
	record CauseResponse(String id, String title, String explanation, String sender, String admin) {

		static CauseResponse of(DecodeRule rule, Language language) {
			return new CauseResponse(rule.id(), plain(rule.title(), language), plain(rule.explanation(), language),
					plain(rule.sender(), language), plain(rule.admin(), language));
		}

	}

	/**
	 * What a provider means by a code of its own or one it uses with its own meaning.
	 *
	 * @param provider the provider's stable identifier, such as {@code microsoft}
	 * @param providerName the provider's name
	 * @param meaning what the provider means
	 * @param cause the id of the well-known cause it corresponds to, or {@code null}
	 * @param source the provider's public documentation the meaning comes from
	 */
	record ProviderMeaningResponse(String provider, String providerName, String meaning, @Schema(types = {
			"string", "null" }) String cause, String source){

		static ProviderMeaningResponse of(Explanation.ProviderNote note, Language language) {
			return new ProviderMeaningResponse(note.provider().id(), note.provider().name(),
					plain(note.meaning().meaning(), language), note.meaning().cause(), note.meaning().source());
		}

	}

	/**
	 * A reference entry to read more in.
	 *
	 * @param label the code it names
	 * @param url its address
	 */
	record LinkResponse(String label, String url) {
	}

	/**
	 * One recipient of a delivery-status notification.
	 *
	 * @param finalRecipient the address the report is about
	 * @param originalRecipient the address as the sender gave it, or {@code null}
	 * @param action failed, delayed, delivered, relayed or expanded, as written in lower
	 * case, or {@code null}
	 * @param actionMeaning what the action means for the message
	 * @param status the enhanced status code given, or {@code null}
	 * @param statusUrl the reference page of that code, or {@code null}
	 * @param remoteMta the server that gave the reply, or {@code null}
	 * @param diagnosticCode the reply as reported, or {@code null}
	 * @param reply the code of that reply ({@code 550 5.1.1}), explained among the
	 * findings, or {@code null}
	 * @param lastAttemptDate when delivery was last tried, or {@code null}
	 * @param willRetryUntil until when it is tried again, or {@code null}
	 * @param line the line the recipient's block starts on, from 1
	 */
	record RecipientResponse(String finalRecipient, @Schema(types = {
			"string", "null" }) String originalRecipient, @Schema(types = { "string", "null" }) String action,
			String actionMeaning, @Schema(types = { "string", "null" }) String status,
			@Schema(types = { "string", "null" }) String statusUrl,
			@Schema(types = { "string", "null" }) String remoteMta,
			@Schema(types = { "string", "null" }) String diagnosticCode,
			@Schema(types = { "string", "null" }) String reply,
			@Schema(types = { "string", "null" }) String lastAttemptDate,
			@Schema(types = { "string", "null" }) String willRetryUntil, int line){

		static RecipientResponse of(Recipient r, Language language, MessageSource messages) {
			return new RecipientResponse(r.finalRecipient(), r.originalRecipient(), r.action(),
					messages.getMessage(r.actionKey(), null, language.locale()), r.status(), r.statusPath(),
					r.remoteMta(), r.diagnosticCode(), r.reply(), r.lastAttemptDate(), r.willRetryUntil(), r.line());
		}

	}

}
