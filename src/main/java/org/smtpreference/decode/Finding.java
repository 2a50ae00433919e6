package org.smtpreference.decode;

import java.util.List;

import org.smtpreference.content.DecodeRule;

/**
 * One code the decoder found: a basic reply code, an enhanced status code or both
 * together, where it first stood and the causes the text beside it names.
 *
 * @param reply the basic reply code, or 0 when only an enhanced code was found
 * @param status the enhanced status code such as {@code 5.1.1}, or {@code null}
 * @param start where the code first starts in the text
 * @param end where it ends
 * @param line the line it stands on, from 1
 * @param excerpt that line, shortened
 * @param causes the well-known causes named, most specific first
 */
record Finding(int reply, String status, int start, int end, int line, String excerpt, List<DecodeRule> causes) {

	Finding {
		causes = List.copyOf(causes);
	}

	/**
	 * The code as written in a reply: {@code 550 5.1.1}, {@code 550} or {@code 5.1.1}.
	 */
	public String code() {
		if (this.reply == 0) {
			return this.status;
		}
		return (this.status != null) ? this.reply + " " + this.status : String.valueOf(this.reply);
	}

	/**
	 * The class digit: 2 success, 4 temporary failure, 5 permanent failure.
	 */
	public int classDigit() {
		return (this.reply != 0) ? this.reply / 100 : this.status.charAt(0) - '0';
	}

}
