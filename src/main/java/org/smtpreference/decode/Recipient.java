package org.smtpreference.decode;

import java.util.Set;

/**
 * One recipient of a delivery-status notification (RFC 3464, section 2.3): what happened
 * to the message for this address, with the reply its Diagnostic-Code carries decoded.
 *
 * @param finalRecipient the address the report is about
 * @param originalRecipient the address as the sender gave it, or {@code null}
 * @param action failed, delayed, delivered, relayed or expanded, in lower case, or
 * {@code null}
 * @param status the enhanced status code given, or {@code null}
 * @param statusPath the reference page of that status code, or {@code null} when the
 * registry does not have it
 * @param remoteMta the server that gave the reply, or {@code null}
 * @param diagnosticCode the reply as reported, without its type, or {@code null}
 * @param reply the code of that reply as the decoder reads it ({@code 550 5.1.1}), or
 * {@code null}
 * @param lastAttemptDate when delivery was last tried, or {@code null}
 * @param willRetryUntil until when it is tried again, or {@code null}
 * @param line the line the recipient's block starts on, from 1
 */
record Recipient(String finalRecipient, String originalRecipient, String action, String status, String statusPath,
		String remoteMta, String diagnosticCode, String reply, String lastAttemptDate, String willRetryUntil,
		int line) {

	/** The actions RFC 3464, section 2.3.3, defines. */
	static final Set<String> ACTIONS = Set.of("failed", "delayed", "delivered", "relayed", "expanded");

	/**
	 * The message key that explains the action: one per action the RFC defines, and one
	 * for any other word.
	 */
	public String actionKey() {
		return "decode.dsn.action." + ((this.action != null && ACTIONS.contains(this.action)) ? this.action : "other");
	}

}
