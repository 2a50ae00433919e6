package org.smtpreference.content;

/**
 * One line of an example exchange.
 *
 * @param client whether the client sent it (otherwise the server did)
 * @param text the line as sent, without the {@code C:}/{@code S:} marker
 * @param note what the line decodes to, or {@code null}
 */
public record ExchangeLine(boolean client, String text, String note) {

	/**
	 * The marker shown before the line.
	 */
	public String marker() {
		return this.client ? "C:" : "S:";
	}

	/**
	 * The reply code a server line starts with, or {@code 0}.
	 */
	public int replyCode() {
		if (this.client || this.text.length() < 3) {
			return 0;
		}
		String digits = this.text.substring(0, 3);
		return digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : 0;
	}

}
