package org.smtpreference.decode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Provider;
import org.smtpreference.content.ProviderMeaning;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Reply;
import org.smtpreference.content.StatusClass;
import org.smtpreference.content.StatusCode;

import org.springframework.stereotype.Component;

/**
 * Decodes a text and looks every code it finds up in the reference, for the page and the
 * API alike.
 */
@Component
class Explainer {

	/** How much text after a code its provider meanings are looked for in. */
	private static final int MAX_CONTEXT = 2000;

	private final Reference reference;

	private final Decoder decoder;

	Explainer(Reference reference) {
		this.reference = reference;
		this.decoder = new Decoder(reference);
	}

	/**
	 * What a text holds: each code explained, and the causes named by a text without
	 * codes.
	 */
	Result explain(String text) {
		Decoding decoding = this.decoder.decode(text);
		String lowerCase = text.toLowerCase(Locale.ROOT);
		List<Provider> present = this.reference.providers()
			.stream()
			.filter((provider) -> provider.recognisedIn(lowerCase))
			.toList();
		List<Finding> findings = decoding.findings();
		List<Explanation> explanations = new ArrayList<>();
		for (int i = 0; i < findings.size(); i++) {
			// The text beside a code runs to the next code, as far as the decoder reads
			// it for causes.
			Finding finding = findings.get(i);
			int end = (i + 1 < findings.size()) ? Math.max(findings.get(i + 1).start(), finding.end()) : text.length();
			String context = text.substring(finding.start(), Math.min(end, finding.start() + MAX_CONTEXT))
				.toLowerCase(Locale.ROOT);
			explanations.add(explain(finding, context, providerNotes(finding, context, present)));
		}
		return new Result(explanations, decoding.causesWithoutCode(), decoding.recipients(), decoding.linesRead(),
				decoding.lines());
	}

	/**
	 * What providers mean by a code: only a provider the text names (its host names, its
	 * trailer) is asked, since another server may use the same code or words in the
	 * registry's sense.
	 */
	private List<Explanation.ProviderNote> providerNotes(Finding finding, String context, List<Provider> present) {
		List<Explanation.ProviderNote> notes = new ArrayList<>();
		for (Provider provider : this.reference.providers()) {
			boolean named = present.contains(provider);
			for (ProviderMeaning meaning : provider.meanings()) {
				if (named && meaning.explains(finding.status(), context)) {
					notes.add(new Explanation.ProviderNote(provider, meaning));
				}
			}
		}
		return notes;
	}

	private Explanation explain(Finding finding, String context, List<Explanation.ProviderNote> notes) {
		List<Explanation.Link> links = new ArrayList<>();
		Reply reply = (finding.reply() != 0) ? this.reference.reply(finding.reply()).orElse(null) : null;
		if (reply != null) {
			links.add(new Explanation.Link(String.valueOf(reply.code()), reply.path()));
		}
		StatusCode status = null;
		StatusClass statusClass = null;
		StatusClass subject = null;
		Reply guidance = reply;
		if (finding.status() != null) {
			String[] parts = finding.status().split("\\.");
			statusClass = this.reference.statusClass(Integer.parseInt(parts[0]));
			subject = this.reference.statusSubject(Integer.parseInt(parts[1]));
			status = this.reference.statusCode(finding.status()).orElse(null);
			if (status != null) {
				links.add(new Explanation.Link(status.code(), status.path()));
				if (guidance == null) {
					guidance = this.reference.replies(status.entry().basic())
						.stream()
						.filter((candidate) -> candidate.classDigit() == finding.classDigit())
						.findFirst()
						.orElse(null);
				}
			}
			else {
				links.add(new Explanation.Link(parts[0] + "." + parts[1] + ".x",
						"/status-codes#subject-" + subject.digit()));
			}
		}
		// A provider's own word on its code comes before what the words beside it
		// suggest, and replaces what the code alone would say in the registry's sense
		// (Zoho's 5.2.1 is no disabled mailbox).
		Set<DecodeRule> causes = new LinkedHashSet<>();
		notes.stream()
			.map((note) -> note.meaning().cause())
			.filter((id) -> id != null)
			.forEach((id) -> this.reference.decodeRules()
				.stream()
				.filter((rule) -> rule.id().equals(id))
				.forEach(causes::add));
		boolean providerSaid = !causes.isEmpty();
		finding.causes().stream().filter((rule) -> !providerSaid || rule.matches(context)).forEach(causes::add);
		return new Explanation(finding, reply, (reply != null) ? this.reference.replyClass(reply.classDigit()) : null,
				status, statusClass, subject, guidance, links, notes, List.copyOf(causes));
	}

	/**
	 * What a text holds.
	 *
	 * @param explanations each code found, in order of appearance
	 * @param causesWithoutCode causes named by a text without any code
	 * @param recipients the recipients of a delivery-status notification in the text
	 * @param linesRead how many of its lines were read, in whole or in part
	 * @param lines how many lines the text has
	 */
	record Result(List<Explanation> explanations, List<DecodeRule> causesWithoutCode, List<Recipient> recipients,
			int linesRead, int lines) {

		Result {
			explanations = List.copyOf(explanations);
			causesWithoutCode = List.copyOf(causesWithoutCode);
			recipients = List.copyOf(recipients);
		}

		/**
		 * Whether the whole text was read, not only its beginning.
		 */
		public boolean complete() {
			return this.linesRead >= this.lines;
		}

	}

}
