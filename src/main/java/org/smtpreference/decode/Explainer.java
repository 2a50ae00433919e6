package org.smtpreference.decode;

import java.util.ArrayList;
import java.util.List;

import org.smtpreference.content.DecodeRule;
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
		return new Result(decoding.findings().stream().map(this::explain).toList(), decoding.causesWithoutCode(),
				decoding.recipients(), decoding.linesRead(), decoding.lines());
	}

	private Explanation explain(Finding finding) {
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
		return new Explanation(finding, reply, (reply != null) ? this.reference.replyClass(reply.classDigit()) : null,
				status, statusClass, subject, guidance, links);
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
