package org.smtpreference.session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulated server's answers, command by command.
 */
class SmtpSessionTests {

	@Test
	void plainDelivery() {
		SessionScript.play(SmtpSession.withDefaults(), """
				S: 220 greeting
				C: EHLO client.example.org
				S: 250-mail.example.com
				S: 250 HELP
				C: MAIL FROM:<alice@example.org>
				S: 250 2.1.0
				C: RCPT TO:<bob@example.com>
				S: 250 2.1.5
				C: DATA
				S: 354
				C: Subject: hi
				C:
				C: ..dot
				C: .
				S: 250 2.0.0
				C: QUIT
				S: 221
				""");
	}

}
