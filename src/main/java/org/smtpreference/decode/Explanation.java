package org.smtpreference.decode;

import java.util.List;

import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Reply;
import org.smtpreference.content.ReplyClass;
import org.smtpreference.content.StatusClass;
import org.smtpreference.content.StatusCode;

/**
 * A code the decoder found, with everything the reference says about it, ready to show in
 * either language.
 *
 * @param finding the code and where it stood
 * @param reply the basic reply code's entry, or {@code null}
 * @param replyClass the basic code's class, or {@code null}
 * @param status the enhanced code's entry, or {@code null} when there is no enhanced code
 * or the registry does not have its detail
 * @param statusClass the enhanced code's class, or {@code null}
 * @param statusSubject the enhanced code's subject, or {@code null}
 * @param guidance the reply whose advice is shown: the basic code's own, or the one the
 * registry associates with a lone enhanced code; {@code null} when there is none
 * @param links the reference entries to read more in
 */
record Explanation(Finding finding, Reply reply, ReplyClass replyClass, StatusCode status, StatusClass statusClass,
		StatusClass statusSubject, Reply guidance, List<Link> links) {

	Explanation {
		links = List.copyOf(links);
	}

	public List<DecodeRule> causes() {
		return this.finding.causes();
	}

	/**
	 * Whether the sending server should try again later: only a temporary failure.
	 */
	public boolean retry() {
		return this.finding.classDigit() == 4;
	}

	/**
	 * Whether the enhanced code's detail is one the registry does not have, so only its
	 * class and subject explain it.
	 */
	public boolean unknownDetail() {
		return this.finding.status() != null && this.status == null;
	}

	/**
	 * Whether the advice shown comes from a reply that was not in the text.
	 */
	public boolean borrowedGuidance() {
		return this.guidance != null && this.reply == null;
	}

	/**
	 * A reference entry to read more in.
	 *
	 * @param label the code it names
	 * @param path its address
	 */
	record Link(String label, String path) {
	}

}
