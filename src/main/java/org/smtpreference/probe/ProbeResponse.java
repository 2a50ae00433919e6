package org.smtpreference.probe;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.smtpreference.decode.ReplyMeanings;

/**
 * A probe as JSON: the API's own shape, separate from the page's records so that either
 * can change without the other.
 *
 * @param id the probe's id, for {@code GET /api/v1/probe/{id}}
 * @param done whether it has ended; until then, ask again for more steps
 * @param host the host probed
 * @param port the port
 * @param mode {@code plain}, {@code starttls} or {@code tls}
 * @param summary the outcome in plain words, in the reader's language
 * @param steps the steps so far
 * @param ehloBeforeTls the keywords of the first EHLO
 * @param ehloAfterTls the keywords of the EHLO after STARTTLS
 * @param tls the TLS facts; {@code used} is false without TLS
 */
record ProbeResponse(String id, boolean done, String host, int port, String mode, List<Sentence> summary,
		List<StepResponse> steps, List<KeywordResponse> ehloBeforeTls, List<KeywordResponse> ehloAfterTls,
		TlsResponse tls) {

	static ProbeResponse of(ProbeView.Shown shown) {
		return new ProbeResponse(shown.id(), shown.done(), shown.host(), shown.port(), shown.mode(),
				shown.summary().stream().map(Sentence::of).toList(),
				shown.steps().stream().map(StepResponse::of).toList(),
				shown.ehloBeforeTls().stream().map(KeywordResponse::of).toList(),
				shown.ehloAfterTls().stream().map(KeywordResponse::of).toList(), TlsResponse.of(shown.tls()));
	}

	/**
	 * A sentence and how good or bad it is.
	 *
	 * @param level {@code success}, {@code info}, {@code warning} or {@code danger}
	 * @param text the sentence
	 */
	record Sentence(String level, String text) {

		static Sentence of(ProbeView.Line line) {
			return new Sentence(line.level(), line.text());
		}

	}

	/**
	 * One step.
	 *
	 * @param step {@code CONNECT}, {@code TLS}, {@code GREETING}, {@code EHLO},
	 * {@code STARTTLS}, {@code MAIL}, {@code RCPT}, {@code RSET} or {@code QUIT}
	 * @param sent the command line sent, or {@code null}
	 * @param reply the reply's lines, control characters shown as U+2400… pictures and
	 * other bytes as {@code \xNN}
	 * @param code the reply code, {@code 0} without a complete reply
	 * @param millis how long the step took
	 * @param detail the address connected to, or the TLS protocol and cipher
	 * @param problem what went wrong, or {@code null}
	 * @param meaning what the reply means in one line, or {@code null}
	 * @param meaningCode the code the meaning was read by, or {@code null}
	 * @param meaningPath the page explaining that code, or {@code null}
	 */
	record StepResponse(String step, @Schema(types = {
			"string", "null" }) String sent, List<String> reply, int code, long millis,
			@Schema(types = { "string", "null" }) String detail, @Schema(types = { "string", "null" }) String problem,
			@Schema(types = { "string", "null" }) String meaning,
			@Schema(types = { "string", "null" }) String meaningCode,
			@Schema(types = { "string", "null" }) String meaningPath){

		static StepResponse of(ProbeView.StepView step) {
			ReplyMeanings.Meaning meaning = step.meaning();
			return new StepResponse(step.step(), step.sent(), step.reply(), step.code(), step.millis(), step.detail(),
					step.problem(), (meaning != null) ? meaning.text() : null,
					(meaning != null) ? meaning.code() : null, (meaning != null) ? meaning.path() : null);
		}

	}

	/**
	 * One EHLO keyword.
	 *
	 * @param keyword the keyword
	 * @param parameters its parameters
	 * @param path its page, or {@code null} when the reference does not know it
	 * @param note what it means for a sender, or {@code null}
	 * @param warning whether it is a warning (AUTH offered before TLS)
	 */
	record KeywordResponse(String keyword, String parameters, @Schema(types = {
			"string", "null" }) String path, @Schema(types = { "string", "null" }) String note, boolean warning){

		static KeywordResponse of(ProbeView.KeywordView keyword) {
			return new KeywordResponse(keyword.keyword(), keyword.parameters(), keyword.path(),
					(keyword.note() != null) ? keyword.note() : keyword.summary(), keyword.warning());
		}

	}

	/**
	 * The TLS facts.
	 *
	 * @param used whether the session went over TLS
	 * @param protocol the protocol, or {@code null} without TLS
	 * @param cipher the cipher suite, or {@code null} without TLS
	 * @param trusted whether the chain verifies against the default trust store for the
	 * name
	 * @param problems why not
	 * @param chain the certificates, the server's own first
	 */
	record TlsResponse(boolean used, @Schema(types = {
			"string", "null" }) String protocol, @Schema(types = { "string", "null" }) String cipher, boolean trusted,
			List<Sentence> problems, List<CertificateResponse> chain){

		static TlsResponse of(ProbeView.TlsView tls) {
			if (tls == null) {
				return new TlsResponse(false, null, null, false, List.of(), List.of());
			}
			return new TlsResponse(true, tls.protocol(), tls.cipher(), tls.trusted(),
					tls.problems().stream().map(Sentence::of).toList(),
					tls.chain()
						.stream()
						.map((c) -> new CertificateResponse(c.subject(), c.names(), c.issuer(), c.notBefore(),
								c.notAfter()))
						.toList());
		}

	}

	/**
	 * One certificate.
	 *
	 * @param subject the subject
	 * @param names the subject alternative names
	 * @param issuer the issuer
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 */
	record CertificateResponse(String subject, List<String> names, String issuer, String notBefore, String notAfter) {
	}

}
