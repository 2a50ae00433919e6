package org.smtpreference.decode;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Reference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What decoding costs, counted in pattern applications rather than time: crafted texts of
 * the largest size the site takes cost work in proportion to their length, within a small
 * multiple of a real bounce of the same size, and a text over the budget is read only in
 * part and says so.
 */
class DecoderWorkTests {

	/** The most a text may hold, as the page and the API take it. */
	private static final int MAX_BYTES = 64 * 1024;

	private static Reference reference;

	private static Decoder decoder;

	@BeforeAll
	static void load() {
		reference = Reference.load("content");
		decoder = new Decoder(reference);
	}

	/**
	 * The texts of the security review that each cost 10 to 23 CPU-seconds (the API's and
	 * the form's largest), and two more built against the continuation of multi-line
	 * replies.
	 */
	static Map<String, String> crafted() {
		return Map.of("550 space (API)", "550 \n".repeat(10_920), "550 5.1.1 (API)", "550 5.1.1\n".repeat(5_956),
				"550 space (form)", "550 \n".repeat(13_107), "multi-line replies that never end", fill("550-5.1.1 a\n"),
				"mixed multi-line, wrapped and lone codes",
				fill("550-5.1.1 a\n    wrapped\n550 5.1.1 b\n5.1.1\n550-c\n421-4.7.0 x\n421 4.7.0 y\n"));
	}

	/**
	 * A real mail log of the largest size: Postfix and Exim deliveries, deferrals and
	 * rejections, a code on every line.
	 */
	static String realisticLog() {
		return fill(
				"""
						Mar 11 08:01:55 mx1 postfix/smtp[4711]: 9A8B7C6D5E: to=<alice@example.org>, \
						relay=mail.example.org[198.51.100.7]:25, delay=301, delays=0.02/0/300/0, dsn=4.7.1, status=deferred \
						(host mail.example.org[198.51.100.7] said: 450 4.7.1 <alice@example.org>: Recipient address \
						rejected: Greylisted (in reply to RCPT TO command))
						Mar 11 08:02:10 mx1 postfix/smtpd[5120]: NOQUEUE: reject: RCPT from unknown[192.0.2.44]: 554 5.7.1 \
						Service unavailable; Client host [192.0.2.44] blocked using zen.spamhaus.org; from=<x@example.net> \
						to=<bob@example.com> proto=ESMTP helo=<example.net>
						Mar 11 08:02:11 mx1 postfix/smtp[4712]: 1B2C3D4E5F: to=<bob@example.com>, \
						relay=mx.example.com[192.0.2.1]:25, delay=0.25, delays=0.1/0/0.05/0.1, dsn=2.0.0, status=sent \
						(250 2.0.0 Ok: queued as 4F2A1C3B12)
						2024-02-05 10:14:20 1rABCe-000456-7Y == carol@example.org R=dnslookup T=remote_smtp defer (-44) \
						H=mx.example.org [198.51.100.20]: SMTP error from remote mail server after RCPT TO:<carol@example.org>: \
						451 4.7.1 Greylisted, please try again later
						""");
	}

	/**
	 * A real bounce of the largest size: Postfix's notice, the delivery status and the
	 * returned message.
	 */
	static String realisticBounce() {
		String head = """
				This is the mail system at host mail.example.net.

				I'm sorry to have to inform you that your message could not
				be delivered to one or more recipients. It's attached below.

				<bob@example.com>: host mx.example.com[192.0.2.1] said: 550-5.1.1 The email
				    account that you tried to reach does not exist. Please try 550-5.1.1
				    double-checking the recipient's email address for typos or 550-5.1.1
				    unnecessary spaces. For more information, go to 550 5.1.1
				    https://support.google.com/mail/?p=NoSuchUser a1si123456qkb.12 - gsmtp
				    (in reply to RCPT TO command)

				Reporting-MTA: dns; mail.example.net
				X-Postfix-Queue-ID: 4F2A1C3B12
				Arrival-Date: Mon,  5 Feb 2024 10:12:13 +0000 (UTC)

				Final-Recipient: rfc822; bob@example.com
				Action: failed
				Status: 5.1.1
				Remote-MTA: dns; mx.example.com
				Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does
				    not exist. Please try 550-5.1.1 double-checking the recipient's email
				    address for typos or 550 5.1.1 https://support.google.com/mail/?p=NoSuchUser

				Received: from laptop.example.net (laptop.example.net [198.51.100.23])
				\tby mail.example.net (Postfix) with ESMTPSA id 4F2A1C3B12
				\tfor <bob@example.com>; Mon,  5 Feb 2024 10:12:12 +0000 (UTC)
				From: Alice <alice@example.net>
				To: Bob <bob@example.com>
				Subject: Quarterly figures
				Date: Mon, 5 Feb 2024 10:12:10 +0000
				Message-ID: <20240205101210.12345@laptop.example.net>

				""";
		return head + fill(
				"Here are the figures for the third quarter, as discussed on the call\n"
						+ "last week: revenue 1250 up 4.2 percent, costs 980, margin 270 at 21.6.\n",
				MAX_BYTES - head.length());
	}

	@Test
	void craftedTextsOfTheLargestSizeCostWorkInProportionToTheirLength() {
		Decoding bounce = decoder.decode(realisticBounce());
		assertThat(bounce.findings()).extracting(Finding::code).containsExactly("550 5.1.1");
		Decoding log = decoder.decode(realisticLog());
		assertThat(log.findings()).extracting(Finding::code)
			.containsExactly("450 4.7.1", "554 5.7.1", "250 2.0.0", "451 4.7.1");
		assertThat(bounce.complete() && log.complete()).isTrue();
		crafted().forEach((name, text) -> {
			assertThat(text.length()).as(name).isBetween(MAX_BYTES * 4 / 5, MAX_BYTES);
			Decoding decoding = decoder.decode(text);
			assertThat(decoding.complete()).as(name).isTrue();
			// Before, each line re-ran every pattern over up to 2,000 following lines: 56
			// million applications for 8,000 lines of "550 ". Now less than one per
			// character: about 40,000, 15 times a log of the same size (which has 50
			// times fewer lines) and 26 times a quiet bounce (14 times fewer lines, most
			// of them without a digit).
			assertThat(decoding.steps()).as(name).isLessThan(MAX_BYTES);
			assertThat(decoding.steps()).as(name).isLessThan(20 * log.steps());
			assertThat(decoding.steps()).as(name).isLessThan(30 * bounce.steps());
			Decoding half = decoder.decode(text.substring(0, text.lastIndexOf('\n', text.length() / 2) + 1));
			assertThat((double) decoding.steps() / half.steps()).as(name).isBetween(1.8, 2.2);
		});
	}

	@Test
	void theCostOfACraftedTextGrowsLinearly() {
		long small = decoder.decode("550 \n".repeat(2_000)).steps();
		long large = decoder.decode("550 \n".repeat(8_000)).steps();
		assertThat((double) large / small).isBetween(3.8, 4.2);
	}

	@Test
	void aReplyEndsAtItsLastLine() {
		// Two replies with the same code: the second line's text is not the first's.
		List<Finding> two = decoder.decode("550 5.7.1 Mailbox\n550 5.7.1 full\n").findings();
		assertThat(two).extracting(Finding::code).containsExactly("550 5.7.1");
		assertThat(two.get(0).causes()).isEmpty();
		// One reply on two lines: its text is read as one.
		List<Finding> one = decoder.decode("550-5.7.1 Mailbox\n550 5.7.1 full\n").findings();
		assertThat(one.get(0).causes()).extracting(DecodeRule::id).containsExactly("mailbox-full");
		// Wrapped text after the last line still belongs to it.
		List<Finding> wrapped = decoder.decode("said: 552 5.7.1 Mailbox\n    full\n").findings();
		assertThat(wrapped.get(0).causes()).extracting(DecodeRule::id).containsExactly("mailbox-full");
	}

	@Test
	void aTextOverTheBudgetIsReadOnlyInPartAndSaysHowFar() {
		String text = "550 5.1.1 User unknown\n" + "noise 250 words\n".repeat(2_000) + "452 4.2.2 Mailbox full\n";
		Decoding whole = decoder.decode(text);
		assertThat(whole.complete()).isTrue();
		assertThat(whole.findings()).extracting(Finding::code).containsExactly("550 5.1.1", "452 4.2.2");
		long budget = whole.steps() / 2;
		Decoding part = new Decoder(reference, budget).decode(text);
		assertThat(part.complete()).isFalse();
		assertThat(part.lines()).isEqualTo(2_002);
		assertThat(part.linesRead()).isBetween(1, 2_001);
		assertThat(part.findings()).extracting(Finding::code).containsExactly("550 5.1.1");
		// It stops where the budget runs out, give or take one line and the cause rules.
		int causePatterns = reference.decodeRules().stream().mapToInt((rule) -> rule.patterns().size()).sum();
		assertThat(part.steps()).isBetween(budget, budget + 100 + causePatterns);
	}

	@Test
	void aTextWithTooManyDifferentCodesIsReadUpToTheLastOneItTakes() {
		StringBuilder text = new StringBuilder();
		for (int detail = 0; detail < 200; detail++) {
			text.append("550 5.1.").append(detail).append(" x\n");
		}
		Decoding decoding = decoder.decode(text.toString());
		assertThat(decoding.findings()).hasSize(Decoder.MAX_CODES);
		assertThat(decoding.complete()).isFalse();
		assertThat(decoding.linesRead()).isEqualTo(Decoder.MAX_CODES + 1);
		assertThat(decoding.lines()).isEqualTo(200);
	}

	private static String fill(String unit) {
		return fill(unit, MAX_BYTES);
	}

	private static String fill(String unit, int bytes) {
		return unit.repeat(bytes / unit.length());
	}

}
