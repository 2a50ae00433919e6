package org.smtpreference.probe;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the reader asked to probe: a host, a port, how TLS is used, and optionally a
 * sender and a recipient to try (MAIL FROM and RCPT TO, never DATA).
 *
 * @param host the host name or address
 * @param port the port
 * @param mode how TLS is used
 * @param sender the address for MAIL FROM, or {@code null}
 * @param recipient the address for RCPT TO, or {@code null}
 */
record ProbeRequest(String host, int port, Mode mode, String sender, String recipient) {

	/**
	 * Plain mailbox addresses only: no spaces, brackets or line breaks that could smuggle
	 * a second command.
	 */
	private static final Pattern ADDRESS = Pattern
		.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,190}");

	ProbeRequest {
		mode = (mode != null) ? mode : Mode.PLAIN;
		sender = blankToNull(sender);
		recipient = blankToNull(recipient);
	}

	/**
	 * Whether MAIL FROM and RCPT TO are tried: only with both addresses.
	 */
	boolean triesRecipient() {
		return this.sender != null && this.recipient != null;
	}

	/**
	 * The first field that is wrong, as a message key, or {@code null} when all are fine.
	 */
	String problem() {
		if (this.host == null || this.host.isBlank()) {
			return "probe.invalid.host";
		}
		if (this.port < 1 || this.port > 65535) {
			return "probe.invalid.port";
		}
		if ((this.sender == null) != (this.recipient == null)) {
			return "probe.invalid.both";
		}
		if (this.sender != null && !ADDRESS.matcher(this.sender).matches()
				|| this.recipient != null && !ADDRESS.matcher(this.recipient).matches()) {
			return "probe.invalid.address";
		}
		return null;
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

	/**
	 * How the probe uses TLS.
	 */
	enum Mode {

		/** Plain, with STARTTLS when the server offers it. */
		PLAIN,

		/** STARTTLS, and stop when the server does not offer it. */
		STARTTLS,

		/** TLS from the first byte, as on port 465. */
		TLS;

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

		static Mode of(String id) {
			if (id == null || id.isBlank()) {
				return PLAIN;
			}
			for (Mode mode : values()) {
				if (mode.id().equals(id.strip().toLowerCase(Locale.ROOT))) {
					return mode;
				}
			}
			return null;
		}

	}

}
