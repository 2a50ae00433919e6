/**
 * The simulated SMTP server: a state machine fed one client line at a time that answers
 * as RFC 5321 and its extensions say, with no HTTP, servlet or Spring web type, so the
 * playground and the sandbox listener drive the same engine.
 * <p>
 * It is laid out where the protocol splits, one class per phase, so each rule is found
 * under the command it governs: {@code SmtpSession} is the public face and only routes
 * each line (a command, DATA content, a BDAT chunk or an AUTH response) to its phase;
 * {@code GreetingPhase} sends the 220 greeting and answers EHLO (with the extensions it
 * announces), HELO and STARTTLS; {@code MailTransactionPhase} answers MAIL, RCPT and
 * DATA, reads DATA's content and accepts the message, with {@code MailParameters} for the
 * ESMTP parameters of MAIL and RCPT and the line length they allow; {@code AuthPhase}
 * answers AUTH and its challenges; {@code BdatPhase} answers BDAT and reads its chunks;
 * {@code SessionCommands} answers what is allowed at any time (RSET, NOOP, QUIT, VRFY,
 * EXPN, HELP) and what is unknown. The phases share one {@code SessionState} (settings,
 * greeting, encryption, user, closed) and reach the transaction through its phase; every
 * reply they send is an {@code Answer}, the one table of codes and texts.
 */
package org.smtpreference.session;
