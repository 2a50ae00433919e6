package org.smtpreference.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.smtpreference.content.Extension;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.decode.ReplyMeanings;
import org.smtpreference.probe.ProbeRun.Keyword;
import org.smtpreference.probe.ProbeRun.Note;
import org.smtpreference.probe.ProbeRun.Step;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns a run into what the page and the API show in the reader's language: each reply
 * with its meaning from the decoder's knowledge, each EHLO keyword with its page, the
 * summary and TLS problems as sentences.
 */
@Component
class ProbeView {

	private final ReplyMeanings meanings;

	private final Reference reference;

	private final MessageSource messages;

	ProbeView(ReplyMeanings meanings, Reference reference, MessageSource messages) {
		this.meanings = meanings;
		this.reference = reference;
		this.messages = messages;
	}

	Shown of(ProbeRun run, Language language) {
		Locale locale = language.locale();
		List<Line> summary = run.summary()
			.stream()
			.map((note) -> line(note, note.key().startsWith("tls.") ? "probe." : "probe.summary.", locale))
			.toList();
		List<StepView> steps = new ArrayList<>();
		for (Step step : run.steps()) {
			Optional<ReplyMeanings.Meaning> meaning = step.reply().isEmpty() ? Optional.empty()
					: this.meanings.of(String.join("\n", step.reply()), language);
			String problem = (step.problem() != null) ? this.messages.getMessage("probe.problem." + step.problem(),
					new Object[] { (step.detail() != null) ? step.detail() : "" }, locale) : null;
			String detail = (step.problem() == null) ? step.detail() : null;
			steps.add(new StepView(step.action().name(),
					this.messages.getMessage("probe.step." + step.action().name().toLowerCase(Locale.ROOT), null,
							locale),
					step.sent(), step.reply(), step.code(), step.millis(), detail, problem, meaning.orElse(null)));
		}
		boolean clearAuthPossible = run.request().mode() != ProbeRequest.Mode.TLS;
		List<KeywordView> before = keywords(run.ehloBefore(), clearAuthPossible, language);
		List<KeywordView> after = keywords(run.ehloAfter(), false, language);
		TlsView tls = null;
		if (run.tls() != null) {
			ProbeRun.TlsFacts facts = run.tls();
			tls = new TlsView(facts.protocol(), facts.cipher(), facts.chain(), facts.trusted(),
					facts.problems().stream().map((note) -> line(note, "probe.tls.", locale)).toList());
		}
		ProbeRequest request = run.request();
		return new Shown(run.id(), run.done(), request.host(), request.port(), request.mode().id(), request.sender(),
				request.recipient(), summary, steps, before, after, tls);
	}

	private List<KeywordView> keywords(List<Keyword> keywords, boolean inClear, Language language) {
		Locale locale = language.locale();
		List<KeywordView> shown = new ArrayList<>();
		for (Keyword keyword : keywords) {
			Optional<Extension> extension = this.reference.extension(keyword.keyword());
			String note = switch (keyword.keyword()) {
				case "SIZE" -> keyword.parameters().matches("[0-9]{1,12}") ? this.messages.getMessage("probe.ehlo.size",
						new Object[] { keyword.parameters(), Long.parseLong(keyword.parameters()) / (1024 * 1024) },
						locale) : null;
				case "AUTH" -> this.messages.getMessage(inClear ? "probe.ehlo.authClear" : "probe.ehlo.auth",
						new Object[] { keyword.parameters() }, locale);
				case "PIPELINING", "SMTPUTF8", "REQUIRETLS", "STARTTLS", "CHUNKING", "8BITMIME" ->
					this.messages.getMessage("probe.ehlo." + keyword.keyword().toLowerCase(Locale.ROOT), null, locale);
				default -> null;
			};
			shown.add(new KeywordView(keyword.keyword(), keyword.parameters(),
					extension.map(Extension::path).orElse(null),
					extension.map((e) -> e.summary().in(language).plain()).orElse(null), note,
					inClear && keyword.keyword().equals("AUTH")));
		}
		return shown;
	}

	private Line line(Note note, String prefix, Locale locale) {
		return new Line(note.level(),
				this.messages.getMessage(prefix + note.key(), note.arguments().toArray(), locale));
	}

	/**
	 * A run as shown.
	 *
	 * @param id the run's id
	 * @param done whether it has ended
	 * @param host the host probed
	 * @param port the port
	 * @param mode {@code plain}, {@code starttls} or {@code tls}
	 * @param sender the MAIL FROM address, or {@code null}
	 * @param recipient the RCPT TO address, or {@code null}
	 * @param summary the outcome in plain words
	 * @param steps the steps so far
	 * @param ehloBeforeTls the EHLO keywords of the first EHLO
	 * @param ehloAfterTls the EHLO keywords after STARTTLS
	 * @param tls the TLS facts, or {@code null} without TLS
	 */
	record Shown(String id, boolean done, String host, int port, String mode, String sender, String recipient,
			List<Line> summary, List<StepView> steps, List<KeywordView> ehloBeforeTls, List<KeywordView> ehloAfterTls,
			TlsView tls) {
	}

	/**
	 * A sentence with its level ({@code success}, {@code info}, {@code warning},
	 * {@code danger}).
	 *
	 * @param level how good or bad it is
	 * @param text the sentence
	 */
	record Line(String level, String text) {
	}

	/**
	 * One step as shown.
	 *
	 * @param step the step's identifier, such as {@code EHLO}
	 * @param label the step's name in the reader's language
	 * @param sent the command sent, or {@code null}
	 * @param reply the reply's lines, control characters made visible
	 * @param code the reply code, {@code 0} without one
	 * @param millis how long it took
	 * @param detail the address connected to or the TLS protocol and cipher, or
	 * {@code null}
	 * @param problem what went wrong, or {@code null}
	 * @param meaning what the reply means, or {@code null}
	 */
	record StepView(String step, String label, String sent, List<String> reply, int code, long millis, String detail,
			String problem, ReplyMeanings.Meaning meaning) {
	}

	/**
	 * One EHLO keyword as shown.
	 *
	 * @param keyword the keyword
	 * @param parameters its parameters
	 * @param path its page in the reference, or {@code null}
	 * @param summary what it is, or {@code null}
	 * @param note what it means for a sender, or {@code null}
	 * @param warning whether it is a warning (AUTH offered in clear)
	 */
	record KeywordView(String keyword, String parameters, String path, String summary, String note, boolean warning) {
	}

	/**
	 * The TLS facts as shown.
	 *
	 * @param protocol the protocol
	 * @param cipher the cipher suite
	 * @param chain the certificates
	 * @param trusted whether the chain verifies for the name
	 * @param problems why it does not
	 */
	record TlsView(String protocol, String cipher, List<ProbeRun.Certificate> chain, boolean trusted,
			List<Line> problems) {
	}

}
