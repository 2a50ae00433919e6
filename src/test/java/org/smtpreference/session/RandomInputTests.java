package org.smtpreference.session;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Arbitrary lines and bytes never make the engine throw, and never leave it answering
 * nothing to a command; every reply line is well formed and fits a command line.
 */
class RandomInputTests {

	private static final List<String> WORDS = List.of("EHLO client.example.org", "HELO x", "MAIL FROM:<a@b.example>",
			"MAIL FROM:<>", "RCPT TO:<bob@example.com>", "RCPT TO:<nobody@example.com>", "RCPT TO:<greylist@x.example>",
			"DATA", ".", "..", "BDAT 5", "BDAT 0 LAST", "BDAT 3 LAST", "RSET", "NOOP", "QUIT", "VRFY bob", "EXPN x",
			"HELP", "HELP MAIL", "STARTTLS", "AUTH PLAIN", "AUTH LOGIN", "AUTH PLAIN AGFsaWNlAHMzY3JldA==", "*",
			"YWxpY2U=", "czNjcmV0", "", " ", "MAIL FROM:<ş@ö.example> SMTPUTF8", "RCPT TO:<\"q\\\"x\"@example.com>",
			"MAIL FROM:<a@b.example> SIZE=", "MAIL FROM:<a@b.example> =", "RCPT TO:<a@b.example> NOTIFY=,",
			"RCPT TO:<a@b.example> ORCPT=;", "AUTH PLAIN =", "MAIL FROM:<@:a@b>", "EHLO [IPv6:]", "EHLO []");

	@RepeatedTest(200)
	void neverThrowsAndAlwaysAnswersACommand(RepetitionInfo repetition) {
		Random random = new Random(repetition.getCurrentRepetition() * 7919L);
		SmtpSession session = SmtpSession.withDefaults();
		assertThat(session.greeting().code()).isEqualTo(220);
		for (int i = 0; i < 300 && !session.isClosed(); i++) {
			String line = nextLine(random);
			boolean command = !session.isReadingContent();
			ServerReply reply = session.receive(line);
			// A command is answered at once, unless it opens content (DATA's 354 answers;
			// BDAT waits for its chunk).
			if (command && !session.isReadingContent()) {
				assertThat(reply.isEmpty()).as("no answer to %s (try %d)", line, repetition.getCurrentRepetition())
					.isFalse();
			}
			for (String answer : reply.lines()) {
				assertThat(answer).matches("[2-5][0-9]{2}[ -].*");
				// RFC 5321 section 4.2 and RFC 6531 section 3.7.4.2: printable US-ASCII.
				assertThat(answer).as("reply to %s", line).matches("[\\x20-\\x7E]*");
				assertThat(answer.getBytes(StandardCharsets.UTF_8).length).as(answer).isLessThanOrEqualTo(510);
			}
		}
	}

	private static String nextLine(Random random) {
		return switch (random.nextInt(6)) {
			case 0, 1, 2 -> WORDS.get(random.nextInt(WORDS.size()));
			case 3 -> {
				byte[] bytes = new byte[random.nextInt(40)];
				random.nextBytes(bytes);
				yield new String(bytes, StandardCharsets.ISO_8859_1);
			}
			case 4 -> {
				byte[] bytes = new byte[random.nextInt(700)];
				random.nextBytes(bytes);
				yield new String(bytes, StandardCharsets.UTF_8);
			}
			default -> WORDS.get(random.nextInt(WORDS.size())) + " " + "x".repeat(random.nextInt(600));
		};
	}

}
