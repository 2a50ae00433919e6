package org.smtpreference.decode;

import java.util.List;

import org.smtpreference.content.DecodeRule;

/**
 * What the decoder made of a text: the codes found, in order of appearance, and, when
 * there is no code at all, the well-known causes the text names anyway.
 *
 * @param findings the codes found
 * @param causesWithoutCode causes named by a text without any code
 * @param recipients the recipients of a delivery-status notification in the text, each as
 * its block says
 * @param linesRead how many of its lines were read, in whole or in part
 * @param lines how many lines the text has
 * @param steps the work it cost, in pattern applications
 */
record Decoding(List<Finding> findings, List<DecodeRule> causesWithoutCode, List<Recipient> recipients, int linesRead,
		int lines, long steps) {

	Decoding {
		findings = List.copyOf(findings);
		causesWithoutCode = List.copyOf(causesWithoutCode);
		recipients = List.copyOf(recipients);
	}

	/**
	 * Whether every line was read: a text that costs more than its budget or holds too
	 * many different codes is read only up to where it reached the limit.
	 */
	boolean complete() {
		return this.linesRead >= this.lines;
	}

}
