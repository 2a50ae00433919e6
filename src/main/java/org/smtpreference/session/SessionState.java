package org.smtpreference.session;

/**
 * What every phase of one session knows about its client: the server's settings, which
 * greeting the client used, whether the channel counts as encrypted, who authenticated
 * and whether the session is over.
 */
final class SessionState {

	/** The greeting the client last sent; STARTTLS forgets it (RFC 3207 section 4.2). */
	enum Greeting {

		NONE, HELO, EHLO

	}

	final SessionSettings settings;

	Greeting greeting = Greeting.NONE;

	boolean encrypted;

	/** The authenticated user, or {@code null}. */
	String user;

	boolean closed;

	SessionState(SessionSettings settings) {
		this.settings = settings;
		this.encrypted = settings.implicitTls();
	}

	/**
	 * Whether the client greeted with EHLO, and so may use the extensions it announced.
	 */
	boolean usedEhlo() {
		return this.greeting == Greeting.EHLO;
	}

}
