package org.smtpreference.decode;

import java.util.List;

import org.smtpreference.content.DecodeRule;

/**
 * What the decoder made of a text: the codes found, in order of appearance, and, when
 * there is no code at all, the well-known causes the text names anyway.
 *
 * @param findings the codes found
 * @param causesWithoutCode causes named by a text without any code
 */
record Decoding(List<Finding> findings, List<DecodeRule> causesWithoutCode) {

	Decoding {
		findings = List.copyOf(findings);
		causesWithoutCode = List.copyOf(causesWithoutCode);
	}

}
