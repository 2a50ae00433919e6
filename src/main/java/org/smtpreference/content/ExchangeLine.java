package org.smtpreference.content;

/**
 * One line of an example exchange.
 *
 * @param client whether the client sent it (otherwise the server did)
 * @param text the line as sent, without the {@code C:}/{@code S:} marker
 * @param note what the line decodes to, or {@code null}
 * @param replyCode the reference's reply code a server line starts with, or {@code 0}
 */
public record ExchangeLine(boolean client, String text, String note, int replyCode) {

	/**
	 * The marker shown before the line.
	 */
	public String marker() {
		return this.client ? "C:" : "S:";
	}

	/**
	 * Whether the line stands for something rather than being sent as written:
	 * {@code <TLS handshake>}, {@code <65536 octets>}.
	 */
	public boolean isPlaceholder() {
		return this.client && this.text.length() > 2 && this.text.startsWith("<") && this.text.endsWith(">")
				&& this.text.indexOf(' ') > 0 && !this.text.contains("@");
	}

	/**
	 * The three digits a server line starts with, or {@code 0}.
	 */
	static int leadingCode(boolean client, String text) {
		if (client || text.length() < 3) {
			return 0;
		}
		String digits = text.substring(0, 3);
		return digits.chars().allMatch((c) -> c >= '0' && c <= '9') ? Integer.parseInt(digits) : 0;
	}

}
