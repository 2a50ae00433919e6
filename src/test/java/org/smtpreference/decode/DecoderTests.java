package org.smtpreference.decode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Reference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder on real-world replies, log lines and bounces from Postfix, Exim, Sendmail,
 * Exchange and Outlook.com, Gmail, Yahoo and DSNs: the codes it finds, the causes it
 * names, and the numbers it must leave alone (dates, times, ports, addresses, queue ids,
 * sizes, process ids).
 */
class DecoderTests {

	private static Decoder decoder;

	@BeforeAll
	static void load() {
		decoder = new Decoder(Reference.load("content"));
	}

	/**
	 * One real-world text and what the decoder must make of it.
	 *
	 * @param server the kind of server that wrote it
	 * @param text the text
	 * @param codes the codes found, in order
	 * @param causes the ids of the causes named over all findings, in order
	 * @param notCodes numbers in the text that are not codes and must not be reported
	 */
	record Case(String server, String text, List<String> codes, List<String> causes, List<String> notCodes) {
	}

	static final List<Case> CASES = List.of(
			// Postfix
			new Case("postfix", "Feb  5 10:12:13 mail postfix/smtp[23456]: 4F2A1C3B12: to=<bob@example.com>, "
					+ "relay=mx.example.com[192.0.2.1]:25, delay=0.25, delays=0.1/0/0.05/0.1, dsn=5.1.1, "
					+ "status=bounced (host mx.example.com[192.0.2.1] said: 550 5.1.1 <bob@example.com>: "
					+ "Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))",
					List.of("550 5.1.1"), List.of("unknown-user"),
					List.of("10:12:13", "23456", "4F2A1C3B12", "192.0.2.1", ":25", "0.25", "0.05")),
			new Case("postfix", "Mar 11 08:01:55 mx1 postfix/smtp[4711]: 9A8B7C6D5E: to=<alice@example.org>, "
					+ "relay=mail.example.org[198.51.100.7]:25, delay=301, delays=0.02/0/300/0, dsn=4.7.1, "
					+ "status=deferred (host mail.example.org[198.51.100.7] said: 450 4.7.1 <alice@example.org>: "
					+ "Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html "
					+ "(in reply to RCPT TO command))", List.of("450 4.7.1"), List.of("greylisting"),
					List.of("08:01:55", "4711", "198.51.100.7", "301", "0.02")),
			new Case("postfix",
					"Mar 11 08:02:10 mx1 postfix/smtpd[5120]: NOQUEUE: reject: RCPT from unknown[192.0.2.44]: "
							+ "554 5.7.1 Service unavailable; Client host [192.0.2.44] blocked using zen.spamhaus.org; "
							+ "from=<x@example.net> to=<bob@example.com> proto=ESMTP helo=<example.net>",
					List.of("554 5.7.1"), List.of("blocklist"), List.of("08:02:10", "5120", "192.0.2.44")),
			new Case("postfix",
					"Mar 11 08:03:00 relay postfix/smtpd[812]: NOQUEUE: reject: RCPT from client.example.net"
							+ "[203.0.113.9]: 554 5.7.1 <carol@example.org>: Relay access denied; "
							+ "from=<me@example.net> to=<carol@example.org> proto=ESMTP helo=<laptop>",
					List.of("554 5.7.1"), List.of("relay-denied"), List.of("08:03:00", "812", "203.0.113.9")),
			new Case("postfix bounce", """
					<bob@example.com>: host mx.example.com[192.0.2.1] said: 552 5.2.2
					    <bob@example.com>: Recipient address rejected: Mailbox full (in reply to
					    RCPT TO command)
					""", List.of("552 5.2.2"), List.of("mailbox-full"), List.of("192.0.2.1")),
			new Case("postfix", "Mar 11 09:15:42 mail postfix/smtp[3001]: 1B2C3D4E5F: to=<dave@example.com>, "
					+ "relay=mx.example.com[192.0.2.1]:25, delay=1.2, delays=0.1/0/0.5/0.6, dsn=5.3.4, "
					+ "status=bounced (host mx.example.com[192.0.2.1] said: 552 5.3.4 Error: message file too big "
					+ "(in reply to end of DATA command))", List.of("552 5.3.4"), List.of("message-too-big"),
					List.of("09:15:42", "3001", ":25", "1.2")),
			new Case("postfix",
					"Mar 11 09:16:00 mail postfix/smtp[3002]: 2C3D4E5F6A: to=<erin@example.com>, "
							+ "relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred "
							+ "(connect to mx.example.com[192.0.2.1]:25: Connection timed out)",
					List.of("4.4.1"), List.of("connection-timed-out"),
					List.of("09:16:00", "3002", "192.0.2.1", ":25", "30")),
			// Exim
			new Case("exim", "2024-02-05 10:12:13 1rABCd-000123-4X ** bob@example.com R=dnslookup T=remote_smtp "
					+ "H=mx.example.com [192.0.2.1] X=TLS1.3:TLS_AES_256_GCM_SHA384:256 CV=yes: SMTP error from "
					+ "remote mail server after RCPT TO:<bob@example.com>: 550 5.1.1 <bob@example.com>: "
					+ "Recipient address rejected: User unknown", List.of("550 5.1.1"), List.of("unknown-user"),
					List.of("2024-02-05", "10:12:13", "1rABCd-000123-4X", "192.0.2.1", "256", "1.3")),
			new Case("exim",
					"2024-02-05 10:14:20 1rABCe-000456-7Y == carol@example.org R=dnslookup T=remote_smtp "
							+ "defer (-44) H=mx.example.org [198.51.100.20]: SMTP error from remote mail server after "
							+ "RCPT TO:<carol@example.org>: 451 4.7.1 Greylisted, please try again later",
					List.of("451 4.7.1"), List.of("greylisting"),
					List.of("10:14:20", "1rABCe-000456-7Y", "-44", "198.51.100.20")),
			new Case("exim bounce", """
					This message was created automatically by mail delivery software.

					A message that you sent could not be delivered to one or more of its
					recipients. This is a permanent error. The following address(es) failed:

					  dave@example.com
					    host mx.example.com [192.0.2.1]
					    SMTP error from remote mail server after end of data:
					    552 5.3.4 Message size exceeds fixed maximum message size
					""", List.of("552 5.3.4"), List.of("message-too-big"), List.of("192.0.2.1")),
			// Sendmail
			new Case("sendmail", "Feb  5 10:12:13 mail sm-mta[12345]: 41A2B3C4012345: to=<bob@example.com>, "
					+ "delay=00:00:01, xdelay=00:00:01, mailer=esmtp, pri=120385, relay=mx.example.com. [192.0.2.1], "
					+ "dsn=4.2.2, stat=Deferred: 452 4.2.2 Mailbox full", List.of("452 4.2.2"), List.of("mailbox-full"),
					List.of("10:12:13", "12345", "41A2B3C4012345", "00:00:01", "120385", "192.0.2.1")),
			new Case("sendmail bounce", """
					   ----- Transcript of session follows -----
					... while talking to mx.example.com.:
					>>> DATA
					<<< 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using bl.spamcop.net
					554 5.0.0 Service unavailable
					""", List.of("554 5.7.1", "554 5.0.0"), List.of("blocklist"), List.of("203.0.113.5")),
			new Case("sendmail",
					"Feb  5 11:00:01 mail sendmail[2222]: 41A2B3C4099999: to=<frank@example.com>, delay=00:00:02, "
							+ "mailer=esmtp, pri=30321, relay=mx.example.com. [192.0.2.1], dsn=5.1.1, "
							+ "stat=User unknown",
					List.of("5.1.1"), List.of("unknown-user"), List.of("11:00:01", "2222", "30321", "192.0.2.1")),
			// Exchange and Outlook.com
			new Case("exchange",
					"""
							Diagnostic information for administrators:
							Generating server: EX01.corp.example.com
							bob@example.com
							Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
							Original message headers:
							Received: from EX02.corp.example.com (10.0.0.12) by EX01.corp.example.com (10.0.0.11) with Microsoft SMTP Server (version=TLS1_2) id 15.2.1118.40; Mon, 5 Feb 2024 10:12:13 +0000
							""",
					List.of("550 5.1.10"), List.of("unknown-user"),
					List.of("10.0.0.12", "15.2.1118.40", "10:12:13", "+0000", "2024")),
			new Case("exchange online",
					"550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list "
							+ "please visit https://sender.office.com/ and follow the directions. For more information "
							+ "please go to http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430)",
					List.of("550 5.7.606"), List.of("blocklist"), List.of("203.0.113.5", "526655", "1430")),
			new Case("exchange online",
					"Remote Server returned '550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. "
							+ "Please contact your Internet service provider since part of their network is on our "
							+ "block list (S3150). You can also refer your provider to "
							+ "http://mail.live.com/mail/troubleshooting.aspx#errors. "
							+ "[AM1EUR02FT012.eop-EUR02.prod.protection.outlook.com]'",
					List.of("550 5.7.1"), List.of("blocklist"), List.of("203.0.113.5", "S3150")),
			new Case("exchange online", "530 5.7.57 Client not authenticated to send mail. [DB9PR01CA0012.eurprd01]",
					List.of("530 5.7.57"), List.of("authentication-required"), List.of("0012")),
			new Case("exchange", "#< #5.7.1 smtp;550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized> #SMTP#",
					List.of("550 5.7.1"), List.of("restricted-recipient"), List.of()),
			// Gmail
			new Case("gmail", """
					550-5.1.1 The email account that you tried to reach does not exist. Please try
					550-5.1.1 double-checking the recipient's email address for typos or
					550-5.1.1 unnecessary spaces. For more information, go to
					550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1si123456qkb.12 - gsmtp
					""", List.of("550 5.1.1"), List.of("unknown-user"), List.of("123456", ".12")), new Case("gmail", """
					421-4.7.0 [203.0.113.5      15] Our system has detected an unusual rate of
					421-4.7.0 unsolicited mail originating from your IP address. To protect our
					421-4.7.0 users from spam, mail sent from your IP address has been temporarily
					421 4.7.0 rate limited. https://support.google.com/mail/answer/81126 z9si4415qkb.210 - gsmtp
					""", List.of("421 4.7.0"), List.of("rate-limit"), List.of("203.0.113.5", "81126", "4415", "210")),
			new Case("gmail", """
					550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's
					550-5.7.26 DMARC policy. Please contact the administrator of example.com domain
					550-5.7.26 if this was a legitimate mail. To learn about the DMARC initiative, go to
					550 5.7.26  https://support.google.com/mail/?p=DmarcRejection d2si81126qkb.40 - gsmtp
					""", List.of("550 5.7.26"), List.of("dmarc-fail"), List.of("81126", "40")), new Case("gmail", """
					550-5.7.26 This mail is unauthenticated, which poses a security risk to the
					550-5.7.26 sender and Gmail users, and has been blocked. The sender must
					550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,
					550-5.7.26 DKIM checks did not pass and SPF check for [example.com] did not
					550-5.7.26 pass with ip: [203.0.113.5]. The sender should visit
					550-5.7.26  https://support.google.com/mail/answer/81126#authentication for
					550 5.7.26 instructions on setting up authentication. f3si1022qkb.11 - gsmtp
					""", List.of("550 5.7.26"), List.of("spf-fail", "dkim-fail"), List.of("203.0.113.5", "1022")),
			new Case("gmail", "552-5.2.2 The email account that you tried to reach is over quota. Please direct\n"
					+ "552 5.2.2 the recipient to https://support.google.com/mail/?p=OverQuotaPerm b2si.9 - gsmtp",
					List.of("552 5.2.2"), List.of("mailbox-full"), List.of()),
			new Case("gmail", "530 5.7.0 Must issue a STARTTLS command first. x1sm123456wrb.42 - gsmtp",
					List.of("530 5.7.0"), List.of("tls-required"), List.of("123456", "42")),
			new Case("gmail",
					"535-5.7.8 Username and Password not accepted. For more information, go to\n"
							+ "535 5.7.8  https://support.google.com/mail/?p=BadCredentials q8sm37161wrx.61 - gsmtp",
					List.of("535 5.7.8"), List.of("authentication-failed"), List.of("37161", "61")),
			// Yahoo
			new Case("yahoo",
					"421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected "
							+ "volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes",
					List.of("421 4.7.0"), List.of("rate-limit", "complaints"),
					List.of("203.0.113.5", "4.16.55.1", "16.55.1")),
			new Case("yahoo",
					"553 5.7.1 [BL21] Connections will not be accepted from 203.0.113.5, because the ip is in "
							+ "Spamhaus's list; see http://postmaster.yahoo.com/550-bl23.html",
					List.of("553 5.7.1"), List.of("blocklist"), List.of("203.0.113.5", "550-bl23")),
			new Case("yahoo",
					"554 5.7.9 Message not accepted for policy reasons.  "
							+ "See https://postmaster.yahooinc.com/error-codes",
					List.of("554 5.7.9"), List.of(), List.of()),
			// DSN fields
			new Case("dsn", """
					Reporting-MTA: dns; mail.example.net
					X-Postfix-Queue-ID: 4F2A1C3B12
					Arrival-Date: Mon,  5 Feb 2024 10:12:13 +0000 (UTC)

					Final-Recipient: rfc822; bob@example.com
					Original-Recipient: rfc822;bob@example.com
					Action: failed
					Status: 5.1.1
					Remote-MTA: dns; mx.example.com
					Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address
					    rejected: User unknown in local recipient table
					""", List.of("550 5.1.1"), List.of("unknown-user"),
					List.of("4F2A1C3B12", "10:12:13", "+0000", "2024", "rfc822")),
			new Case("dsn", """
					Action: delayed
					Status: 4.2.2
					Diagnostic-Code: smtp; 452 Mailbox full
					Will-Retry-Until: Mon, 12 Feb 2024 10:12:13 +0000
					""", List.of("4.2.2", "452"), List.of("mailbox-full"), List.of("10:12:13", "2024", "+0000")),
			// Others: session transcripts, a plain reply, a list of lines
			new Case("transcript", """
					S: 220 mx.example.com ESMTP ready
					C: EHLO client.example.org
					S: 250-mx.example.com
					S: 250-SIZE 10485760
					S: 250 STARTTLS
					C: MAIL FROM:<a@example.org> SIZE=35882577
					S: 552 5.3.4 Message size exceeds fixed limit
					""", List.of("220", "250", "552 5.3.4"), List.of("message-too-big"),
					List.of("10485760", "35882577")),
			new Case("spf", "550 5.7.23 <bob@example.com>: Recipient address rejected: Message rejected due to: "
					+ "SPF fail - not authorized. Please see http://www.openspf.net/Why?s=mfrom;id=alice@example.org;"
					+ "ip=203.0.113.5;r=bob@example.com", List.of("550 5.7.23"), List.of("spf-fail"),
					List.of("203.0.113.5")),
			new Case("dkim", "550 5.7.20 No passing DKIM signature found", List.of("550 5.7.20"), List.of("dkim-fail"),
					List.of()),
			new Case("rate limit", "421 4.7.0 mx.example.com Error: too many connections from 203.0.113.5",
					List.of("421 4.7.0"), List.of("rate-limit"), List.of("203.0.113.5")),
			new Case("auth", "530 5.7.0 Authentication required", List.of("530 5.7.0"),
					List.of("authentication-required"), List.of()),
			// The per-transaction recipient limit is no rate limit (RFC 5321, section
			// 4.5.3.1.10)
			new Case("postfix", "452 4.5.3 Error: too many recipients", List.of("452 4.5.3"),
					List.of("too-many-recipients"), List.of()),
			new Case("exim", "452 too many recipients", List.of("452"), List.of("too-many-recipients"), List.of()),
			// X.3.1 is the receiving system's storage and 5.3.4 a message too big, not a
			// full mailbox
			new Case("rfc 5321", "452 4.3.1 Insufficient system storage", List.of("452 4.3.1"),
					List.of("system-storage"), List.of()),
			new Case("rfc 5321", "552 5.3.4 Requested mail action aborted: exceeded storage allocation",
					List.of("552 5.3.4"), List.of("message-too-big"), List.of()),
			// Gmail's refusal of a dynamic or residential IP is not an SPF failure
			new Case("gmail",
					"""
							550-5.7.1 [203.0.113.5] The IP you're using to send mail is not authorized to
							550-5.7.1 send email directly to our servers. Please use the SMTP relay at your
							550 5.7.1 service provider instead. For more information, go to https://support.google.com/mail/?p=NotAuthorizedError a1si123456qkb.12 - gsmtp
							""",
					List.of("550 5.7.1"), List.of("direct-to-mx-policy"), List.of("203.0.113.5")),
			new Case("gmail",
					"550 5.7.1 The IP you're using to send mail is not authorized to send email directly "
							+ "to our servers.",
					List.of("550 5.7.1"), List.of("direct-to-mx-policy"), List.of()),
			new Case("exchange online",
					"550 5.7.23 The message was rejected because of Sender Policy Framework violation",
					List.of("550 5.7.23"), List.of("spf-fail"), List.of()),
			// Microsoft 365 refuses SMTP AUTH by tenant policy, whatever the password
			new Case("exchange online",
					"535 5.7.139 Authentication unsuccessful, SmtpClientAuthentication is disabled for the Tenant. "
							+ "Visit https://aka.ms/smtp_auth_disabled for more information.",
					List.of("535 5.7.139"), List.of("smtp-auth-disabled"), List.of()),
			new Case("exchange online", "535 5.7.3 Authentication unsuccessful", List.of("535 5.7.3"),
					List.of("authentication-failed"), List.of()),
			// Exim's bare "Unrouteable address" is mostly a domain that cannot be routed
			// (X.1.2)
			new Case("exim", "550 Unrouteable address", List.of("550"), List.of("unknown-domain"), List.of()));

	@TestFactory
	Stream<DynamicTest> realWorldLines() {
		return CASES.stream().map((c) -> DynamicTest.dynamicTest(c.server() + ": " + abbreviated(c.text()), () -> {
			Decoding decoding = decoder.decode(c.text());
			assertThat(decoding.findings()).extracting(Finding::code).as(c.text()).containsExactlyElementsOf(c.codes());
			Set<String> causes = new LinkedHashSet<>();
			decoding.findings().forEach((f) -> f.causes().forEach((rule) -> causes.add(rule.id())));
			assertThat(causes).as(c.text()).containsExactlyElementsOf(c.causes());
			for (Finding finding : decoding.findings()) {
				String span = c.text().substring(finding.start(), finding.end());
				assertThat(span.replace('-', ' ').replace("#", "")).as(c.text()).isEqualTo(finding.code());
				assertThat(c.text().lines().toList().get(finding.line() - 1)).as(c.text())
					.contains(finding.excerpt().replace("…", ""))
					.contains(finding.code().replace(' ', '-').split("-")[0]);
			}
			for (String number : c.notCodes()) {
				int at = c.text().indexOf(number);
				assertThat(at).as("'%s' is in the text", number).isNotNegative();
				for (; at >= 0; at = c.text().indexOf(number, at + 1)) {
					for (Finding finding : decoding.findings()) {
						assertThat(finding.end() <= at || finding.start() >= at + number.length())
							.as("'%s' reported as the code %s", number, finding.code())
							.isTrue();
					}
				}
			}
		}));
	}

	@Test
	void casesCoverManyServersAndEveryCause() {
		assertThat(CASES).hasSizeGreaterThanOrEqualTo(25);
		assertThat(CASES.stream().map((c) -> c.server().split(" ")[0]).distinct()).contains("postfix", "exim",
				"sendmail", "exchange", "gmail", "yahoo", "dsn");
		// Every cause is named by some text of the corpus (DecodeCorpusTests); these
		// cases cover the causes the decoder started with.
		Set<String> named = new LinkedHashSet<>();
		CASES.forEach((c) -> named.addAll(c.causes()));
		assertThat(named).contains("unknown-user", "mailbox-full", "greylisting", "blocklist", "spf-fail", "dkim-fail",
				"dmarc-fail", "tls-required", "authentication-required", "authentication-failed", "rate-limit",
				"message-too-big", "relay-denied", "too-many-recipients", "unknown-domain", "smtp-auth-disabled");
	}

	@Test
	void numbersThatAreNotCodesAreNeverReported() {
		String text = """
				Mon, 5 Feb 2024 10:12:13 +0000
				2024-02-05T10:12:13.250Z
				Connected to 192.0.2.10 port 587, then [203.0.113.5]:465 and [2001:db8::250]:25
				relay=mx.example.com[192.0.2.1]:25, size=10485760, nrcpt=1, delay=0.25
				version 1.2.3.4 and 5.7.1.2, Postfix 2.11.3, OpenSSL 3.0.2
				queue 4F2A1C3B 1rABCd-000550-4X pid 550 port 550 size: 552 bytes
				1704449533 250000 (550)
				""";
		Decoding decoding = decoder.decode(text);
		assertThat(decoding.findings()).extracting(Finding::code).isEmpty();
	}

	@Test
	void aBareReplyAndABareStatusAreFound() {
		assertThat(decoder.decode("550").findings()).extracting(Finding::code).containsExactly("550");
		assertThat(decoder.decode("5.7.1").findings()).extracting(Finding::code).containsExactly("5.7.1");
		assertThat(decoder.decode("  250 2.0.0 Ok: queued as 4F2A1C3B").findings()).extracting(Finding::code)
			.containsExactly("250 2.0.0");
	}

	@Test
	void exchangesClassicNdrLineGivesTheReplyWithItsStatus() {
		assertThat(decoder.decode("#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##").findings())
			.extracting(Finding::code)
			.containsExactly("550 5.1.1");
		assertThat(decoder.decode("see ticket#550 and issue #451 for details").findings()).isEmpty();
	}

	@Test
	void codesTheReferenceDoesNotHaveAreLeftOut() {
		// 599 is no reply code; 3.1.1 is no class; 5.9.1 is no subject.
		assertThat(decoder.decode("599 nope\n3.1.1 and 5.9.1\nStatus: 5.9.1").findings()).isEmpty();
	}

	@Test
	void anUnknownDetailIsKeptWhereACodeStands() {
		List<Finding> findings = decoder.decode("Status: 5.7.999\n451 4.7.500 Server busy").findings();
		assertThat(findings).extracting(Finding::code).containsExactly("5.7.999", "451 4.7.500");
	}

	@Test
	void repeatedCodesAreReportedOnceInOrderOfAppearance() {
		String text = "451 4.7.1 Greylisted\n550 5.1.1 User unknown\n451 4.7.1 Greylisted again\n";
		List<Finding> findings = decoder.decode(text).findings();
		assertThat(findings).extracting(Finding::code).containsExactly("451 4.7.1", "550 5.1.1");
		assertThat(findings).extracting(Finding::line).containsExactly(1, 2);
	}

	@Test
	void theCodeAloneNamesItsCauseWhenTheTextSaysNothing() {
		List<Finding> findings = decoder.decode("550 5.1.1 Requested action not taken").findings();
		assertThat(findings.get(0).causes()).extracting(DecodeRule::id).containsExactly("unknown-user");
		assertThat(decoder.decode("550 5.7.1 Requested action not taken").findings().get(0).causes()).isEmpty();
	}

	@Test
	void aTextWithoutCodesCanStillNameACause() {
		Decoding decoding = decoder.decode("Mar 11 09:15:42 mail postfix/smtp[3001]: 1B2C3D4E5F: to=<d@example.com>, "
				+ "status=bounced (message size 35882577 exceeds size limit 10240000 of server mx.example.com"
				+ "[192.0.2.1])");
		assertThat(decoding.findings()).isEmpty();
		assertThat(decoding.causesWithoutCode()).extracting(DecodeRule::id).containsExactly("message-too-big");
	}

	@Test
	void eximsUnrouteableAddressIsTheDomainNotTheMailbox() {
		// Exim logs it without a code when the domain has no MX or address record (X.1.2)
		Decoding decoding = decoder
			.decode("2024-02-05 10:20:00 1rABCf-000789-1Z ** dave@example.invalid: Unrouteable address");
		assertThat(decoding.findings()).isEmpty();
		assertThat(decoding.causesWithoutCode()).extracting(DecodeRule::id).containsExactly("unknown-domain");
	}

	@Test
	void longAndRepetitiveTextIsDecodedOnce() {
		String oneLine = "550 unavailable " + "550 ".repeat(3000) + "x".repeat(50_000);
		assertThat(decoder.decode(oneLine).findings()).extracting(Finding::code).containsExactly("550");
		assertThat(decoder.decode("5.1.1 ".repeat(10_000)).findings()).extracting(Finding::code)
			.containsExactly("5.1.1");
		assertThat(decoder.decode("said: ".repeat(10_000)).findings()).isEmpty();
		assertThat(decoder.decode("\n".repeat(60_000)).findings()).isEmpty();
		List<Finding> gmail = decoder.decode("550-5.1.1 does not exist\n".repeat(2000)).findings();
		assertThat(gmail).extracting(Finding::code).containsExactly("550 5.1.1");
		assertThat(gmail.get(0).causes()).extracting(DecodeRule::id).containsExactly("unknown-user");
	}

	private static String abbreviated(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > 60) ? line.substring(0, 60) + "…" : line;
	}

}
