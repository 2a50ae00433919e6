package org.smtpreference.decode;

import java.util.List;

import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Provider;
import org.smtpreference.content.ProviderMeaning;
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
 * @param providerMeanings what the provider that wrote the reply means by its code, shown
 * beside the registry's meaning
 * @param causes the well-known causes named: those a provider meaning names, then those
 * the text beside the code names
 */
record Explanation(Finding finding, Reply reply, ReplyClass replyClass, StatusCode status, StatusClass statusClass,
		StatusClass statusSubject, Reply guidance, List<Link> links, List<ProviderNote> providerMeanings,
		List<DecodeRule> causes) {

	Explanation {
		links = List.copyOf(links);
		providerMeanings = List.copyOf(providerMeanings);
		causes = List.copyOf(causes);
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

	/**
	 * What a provider means by a code, with the provider named.
	 *
	 * @param provider who wrote the reply
	 * @param meaning what it means by the code
	 */
	record ProviderNote(Provider provider, ProviderMeaning meaning) {
	}

}
