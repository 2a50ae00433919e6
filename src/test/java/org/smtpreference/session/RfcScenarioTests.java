package org.smtpreference.session;

import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The sample sessions of RFC 5321 Appendix D, replayed line by line: the simulated server
 * answers each with the RFC's reply codes.
 */
class RfcScenarioTests {

	/** The scenarios assume that Green has no mailbox at foo.com. */
	private static SmtpSession fooCom() {
		return new SmtpSession(
				SessionSettings.defaults().withHostname("foo.com").withUnknownMailboxes(Set.of("Green@foo.com")));
	}

	@Test
	void d1TypicalTransaction() {
		SessionScript.play(fooCom(), """
				S: 220 foo.com Simple Mail Transfer Service Ready
				C: EHLO bar.com
				S: 250-foo.com greets bar.com
				S: 250-8BITMIME
				S: 250-SIZE
				S: 250-DSN
				S: 250 HELP
				C: MAIL FROM:<Smith@bar.com>
				S: 250 OK
				C: RCPT TO:<Jones@foo.com>
				S: 250 OK
				C: RCPT TO:<Green@foo.com>
				S: 550 No such user here
				C: RCPT TO:<Brown@foo.com>
				S: 250 OK
				C: DATA
				S: 354 Start mail input; end with <CRLF>.<CRLF>
				C: Blah blah blah...
				C: ...etc. etc. etc.
				C: .
				S: 250 OK
				C: QUIT
				S: 221 foo.com Service closing transmission channel
				""");
	}

	@Test
	void d2AbortedTransaction() {
		SessionScript.play(fooCom(), """
				S: 220 foo.com Simple Mail Transfer Service Ready
				C: EHLO bar.com
				S: 250-foo.com greets bar.com
				S: 250-8BITMIME
				S: 250-SIZE
				S: 250-DSN
				S: 250 HELP
				C: MAIL FROM:<Smith@bar.com>
				S: 250 OK
				C: RCPT TO:<Jones@foo.com>
				S: 250 OK
				C: RCPT TO:<Green@foo.com>
				S: 550 No such user here
				C: RSET
				S: 250 OK
				C: QUIT
				S: 221 foo.com Service closing transmission channel
				""");
	}

	@Test
	void d3RelayedMailBothHops() {
		SessionScript.play(fooCom(), """
				S: 220 foo.com Simple Mail Transfer Service Ready
				C: EHLO bar.com
				S: 250-foo.com greets bar.com
				S: 250-8BITMIME
				S: 250-SIZE
				S: 250-DSN
				S: 250 HELP
				C: MAIL FROM:<JQP@bar.com>
				S: 250 OK
				C: RCPT TO:<Jones@XYZ.COM>
				S: 250 OK
				C: DATA
				S: 354 Start mail input; end with <CRLF>.<CRLF>
				C: Date: Thu, 21 May 1998 05:33:29 -0700
				C: From: John Q. Public <JQP@bar.com>
				C: Subject: The Next Meeting of the Board
				C: To: Jones@xyz.com
				C:
				C: Bill:
				C: The next meeting of the board of directors will be
				C: on Tuesday.
				C: John.
				C: .
				S: 250 OK
				C: QUIT
				S: 221 foo.com Service closing transmission channel
				""");
		SessionScript.play(new SmtpSession(SessionSettings.defaults().withHostname("xyz.com")), """
				S: 220 xyz.com Simple Mail Transfer Service Ready
				C: EHLO foo.com
				S: 250 xyz.com is on the air
				C: MAIL FROM:<JQP@bar.com>
				S: 250 OK
				C: RCPT TO:<Jones@XYZ.COM>
				S: 250 OK
				C: DATA
				S: 354 Start mail input; end with <CRLF>.<CRLF>
				C: Received: from bar.com by foo.com ; Thu, 21 May 1998
				C:     05:33:29 -0700
				C: Date: Thu, 21 May 1998 05:33:22 -0700
				C: From: John Q. Public <JQP@bar.com>
				C: Subject:  The Next Meeting of the Board
				C: To: Jones@xyz.com
				C:
				C: Bill:
				C: The next meeting of the board of directors will be
				C: on Tuesday.
				C: John.
				C: .
				S: 250 OK
				C: QUIT
				S: 221 foo.com Service closing transmission channel
				""");
	}

	@Test
	void d4VerifyingAndSending() {
		// The RFC's server discloses Crispin's mailbox (250); like most servers today the
		// simulated one never says whether a mailbox exists and answers 252, which
		// section 3.5.3 allows. Every other line is the RFC's.
		SessionScript.play(fooCom(), """
				S: 220 foo.com Simple Mail Transfer Service Ready
				C: EHLO bar.com
				S: 250-foo.com greets bar.com
				S: 250-8BITMIME
				S: 250-SIZE
				S: 250-DSN
				S: 250-VRFY
				S: 250 HELP
				C: VRFY Crispin
				S: 252 Cannot VRFY user, but will accept message and attempt delivery
				C: MAIL FROM:<EAK@bar.com>
				S: 250 OK
				C: RCPT TO:<Admin.MRC@foo.com>
				S: 250 OK
				C: DATA
				S: 354 Start mail input; end with <CRLF>.<CRLF>
				C: Blah blah blah...
				C: ...etc. etc. etc.
				C: .
				S: 250 OK
				C: QUIT
				S: 221 foo.com Service closing transmission channel
				""");
	}

}
