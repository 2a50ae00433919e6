package org.smtpreference.session;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The simulated server's answers, command by command (RFC 5321 section 4.3.2 and the
 * extensions it announces).
 */
class SmtpSessionTests {

	private static final String EHLO = "EHLO client.example.org";

	private final SmtpSession session = SmtpSession.withDefaults();

	private ServerReply send(String line) {
		return this.session.receive(line);
	}

	private void sendAll(String... lines) {
		for (String line : lines) {
			this.session.receive(line);
		}
	}

	private String only(ServerReply reply) {
		assertThat(reply.lines()).hasSize(1);
		return reply.lines().get(0);
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void scriptNoticesAWrongCode() {
		assertThatThrownBy(() -> SessionScript.play(SmtpSession.withDefaults(), """
				C: EHLO client.example.org
				S: 250 mail.example.com
				C: RCPT TO:<bob@example.com>
				S: 250 2.1.5 OK
				""")).isInstanceOf(AssertionError.class).hasMessageContaining("RCPT TO:<bob@example.com>");
	}

	@Test
	void greetsWith220NamingTheServerAndSayingNothingIsSent() {
		String greeting = only(this.session.greeting());
		assertThat(greeting).startsWith("220 mail.example.com ESMTP").contains("nothing is ever relayed or delivered");
	}

	@Test
	void greetingCarriesTheConfiguredNote() {
		SmtpSession noted = new SmtpSession(new SessionSettings("sandbox.example", 1000, 10, 512, false,
				java.util.Set.of(), "watch at /sandbox/abc", 1));
		assertThat(only(noted.greeting())).startsWith("220 sandbox.example ").endsWith("; watch at /sandbox/abc");
	}

	@Test
	void ehloListsTheExtensionsInAMultiLineReply() {
		ServerReply reply = send(EHLO);
		assertThat(reply.lines()).containsExactly("250-mail.example.com Hello client.example.org", "250-PIPELINING",
				"250-SIZE 10485760", "250-8BITMIME", "250-BINARYMIME", "250-SMTPUTF8", "250-ENHANCEDSTATUSCODES",
				"250-STARTTLS", "250-CHUNKING", "250-DSN", "250 HELP");
		assertThat(reply.codes()).containsExactly(250);
	}

	@Test
	void ehloAndHeloTakeADomainOrAnAddressLiteral() {
		assertThat(send("EHLO [192.0.2.10]").code()).isEqualTo(250);
		assertThat(send("EHLO [IPv6:2001:db8::10]").code()).isEqualTo(250);
		assertThat(send("HELO client.example.org").lines())
			.containsExactly("250 mail.example.com Hello client.example.org");
		assertThat(only(send("EHLO"))).startsWith("501 ");
		assertThat(only(send("HELO two words"))).startsWith("501 ");
		assertThat(only(send("EHLO -bad-.example"))).startsWith("501 ");
		assertThat(only(send("EHLO [300.1.1.1]"))).startsWith("501 ");
	}

	@Test
	void enhancedCodesWhetherOrNotEhloIsUsed() {
		// RFC 2034 sections 4 and 5: only the greeting, HELO/EHLO and 3yz go without.
		assertThat(only(send("NOOP"))).isEqualTo("250 2.0.0 OK");
		assertThat(only(send("MAIL FROM:<alice@example.org>"))).startsWith("503 5.5.1 Bad sequence of commands");
		assertThat(only(send("HELO client.example.org"))).isEqualTo("250 mail.example.com Hello client.example.org");
		assertThat(only(send("MAIL FROM:<alice@example.org>"))).isEqualTo("250 2.1.0 Sender <alice@example.org> OK");
		assertThat(only(send("RCPT TO:<nobody@example.com>"))).startsWith("550 5.1.1 <nobody@example.com>");
		assertThat(only(send("RSET"))).isEqualTo("250 2.0.0 Reset OK");
		assertThat(send("HELP").lines()).last()
			.isEqualTo("214 2.0.0 End of HELP info; see the reference for every command");
		send(EHLO);
		assertThat(only(send("MAIL FROM:<alice@example.org>"))).isEqualTo("250 2.1.0 Sender <alice@example.org> OK");
		assertThat(only(send("RCPT TO:<bob@example.com>"))).isEqualTo("250 2.1.5 Recipient <bob@example.com> OK");
		assertThat(only(send("DATA"))).isEqualTo("354 Start mail input; end with <CRLF>.<CRLF>");
	}

	@Test
	void heloOffersNoExtensionsSoParametersAreRefused() {
		send("HELO client.example.org");
		assertThat(only(send("MAIL FROM:<alice@example.org> SIZE=100"))).startsWith("555 ");
		assertThat(only(send("AUTH PLAIN"))).startsWith("503 ");
		assertThat(only(send("STARTTLS"))).startsWith("503 ");
		assertThat(only(send("BDAT 0 LAST"))).startsWith("503 ");
	}

	@Test
	void mailNeedsAGreetingAndOnlyOneSender() {
		assertThat(only(send("MAIL FROM:<alice@example.org>"))).startsWith("503 ");
		send(EHLO);
		assertThat(only(send("MAIL FROM:<alice@example.org>"))).startsWith("250 2.1.0");
		assertThat(only(send("MAIL FROM:<alice@example.org>"))).startsWith("503 5.5.1");
	}

	@Test
	void mailChecksTheReversePathSyntax() {
		send(EHLO);
		assertThat(only(send("MAIL FROM:<>"))).startsWith("250 2.1.0 Sender <> OK");
		send("RSET");
		assertThat(only(send("MAIL FROM:<@relay.example,@hop.example:alice@example.org>"))).startsWith("250 ");
		send("RSET");
		assertThat(only(send("MAIL FROM:<\"alice smith\"@example.org>"))).startsWith("250 ");
		send("RSET");
		for (String bad : List.of("MAIL FROM:alice@example.org", "MAIL FROM:<alice>", "MAIL FROM:<alice@>",
				"MAIL FROM:<a..b@example.org>", "MAIL FROM:<alice@example.org", "MAIL FROM:<alice@exa mple.org>",
				"MAIL FROM:<" + "a".repeat(65) + "@example.org>", "MAIL FROM:<alice@example.org>junk")) {
			assertThat(only(send(bad))).as(bad).startsWith("501 5.1.7");
		}
		assertThat(only(send("MAIL TO:<alice@example.org>"))).startsWith("501 5.5.4");
		assertThat(only(send("MAIL"))).startsWith("501 5.5.4");
	}

	@Test
	void aSpaceAfterTheColonIsRefusedAsTheGrammarSays() {
		// RFC 5321 section 4.1.2: no space on either side of the colon.
		send(EHLO);
		assertThat(only(send("MAIL FROM: <alice@example.org>")))
			.isEqualTo("501 5.5.4 Syntax: MAIL FROM:<address> with no space after the colon");
		assertThat(only(send("MAIL FROM :<alice@example.org>"))).startsWith("501 ");
		assertThat(only(send("MAIL FROM:<alice@example.org>"))).startsWith("250 ");
		assertThat(only(send("RCPT TO: <bob@example.com>")))
			.isEqualTo("501 5.5.4 Syntax: RCPT TO:<address> with no space after the colon");
		assertThat(only(send("RCPT TO:<bob@example.com>"))).startsWith("250 ");
	}

	@Test
	void mailParametersOfTheAnnouncedExtensions() {
		send(EHLO);
		assertThat(only(send("MAIL FROM:<alice@example.org> SIZE=2048 BODY=8BITMIME RET=HDRS ENVID=QQ314159 AUTH=<>")))
			.startsWith("250 ");
		send("RSET");
		assertThat(only(send("MAIL FROM:<alice@example.org> SIZE=10485761")))
			.isEqualTo("552 5.3.4 Message size exceeds fixed maximum message size of 10485760 octets");
		assertThat(only(send("MAIL FROM:<alice@example.org> SIZE=99999999999999999999"))).startsWith("552 5.3.4");
		assertThat(only(send("MAIL FROM:<alice@example.org> SIZE=big"))).startsWith("501 5.5.4");
		assertThat(only(send("MAIL FROM:<alice@example.org> BODY=9BIT"))).startsWith("501 5.5.4");
		assertThat(only(send("MAIL FROM:<alice@example.org> RET=ALL"))).startsWith("501 5.5.4");
		assertThat(only(send("MAIL FROM:<alice@example.org> ENVID=a=b"))).startsWith("501 5.5.4");
		assertThat(only(send("MAIL FROM:<alice@example.org> SMTPUTF8=yes"))).startsWith("501 5.5.4");
		assertThat(only(send("MAIL FROM:<alice@example.org> SIZE=1 SIZE=2"))).startsWith("501 5.5.4");
		assertThat(only(send("MAIL FROM:<alice@example.org> XFORWARD=1"))).startsWith("555 5.5.4");
		assertThat(only(send("MAIL FROM:<alice@example.org> NOTIFY=NEVER"))).startsWith("555 5.5.4");
	}

	@Test
	void internationalAddressesNeedSmtputf8() {
		send(EHLO);
		// RFC 6531 section 3.5: 550 for MAIL, 553 for RCPT.
		assertThat(only(send("MAIL FROM:<ayşe@örnek.example>"))).startsWith("550 5.6.7");
		assertThat(only(send("MAIL FROM:<ayşe@örnek.example> SMTPUTF8"))).startsWith("250 ");
		assertThat(only(send("RCPT TO:<gül@örnek.example>"))).startsWith("250 ");
		send("RSET");
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("RCPT TO:<gül@örnek.example>"))).startsWith("553 5.6.7");
	}

	@Test
	void replyTextIsPrintableUsAsciiEvenWhenItEchoesTheClient() {
		// RFC 5321 section 4.2 (textstring) and RFC 6531 section 3.7.4.2.
		assertThat(only(send("ABCDEFGHIJKLMNOPQRSTUVWXYZ")))
			.isEqualTo("500 5.5.1 Command unrecognized: ABCDEFGHIJKLMNOP...");
		assertThat(only(send("ÇIKIŞ"))).isEqualTo("500 5.5.1 Command unrecognized: ?IKI?");
		send(EHLO);
		assertThat(only(send("MAIL FROM:<dörte@example.org> SMTPUTF8")))
			.isEqualTo("250 2.1.0 Sender <d?rte@example.org> OK");
		assertThat(only(send("RCPT TO:<ünal@örnek.example>"))).isEqualTo("250 2.1.5 Recipient <?nal@?rnek.example> OK");
		send("RSET");
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("RCPT TO:<ünal@example.com>"))).startsWith("553 5.6.7").endsWith(": ?nal@example.com");
		assertThat(only(send("RCPT TO:<bob@example.com> " + "N".repeat(300) + "=")))
			.startsWith("501 5.5.4 Bad value of parameter: NNN")
			.endsWith("...");
	}

	@Test
	void rcptNeedsMailAndChecksItsPath() {
		send(EHLO);
		assertThat(only(send("RCPT TO:<bob@example.com>"))).startsWith("503 5.5.1");
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("RCPT TO:<Postmaster>"))).startsWith("250 ");
		assertThat(only(send("RCPT TO:<>"))).startsWith("501 5.1.3");
		assertThat(only(send("RCPT TO:bob@example.com"))).startsWith("501 5.1.3");
		assertThat(only(send("RCPT FROM:<bob@example.com>"))).startsWith("501 5.5.4");
		assertThat(only(send("RCPT TO:<bob@[192.0.2.1]>"))).startsWith("250 ");
	}

	@Test
	void ipv6AddressLiteralsFollowTheGrammar() {
		// RFC 5321 section 4.1.3: IPv6-full, IPv6-comp, IPv6v4-full, IPv6v4-comp.
		send(EHLO);
		send("MAIL FROM:<alice@example.org>");
		for (String good : List.of("2001:db8:0:0:0:0:0:1", "2001:db8::1", "::1", "::", "1:2:3:4:5:6::",
				"0:0:0:0:0:ffff:192.0.2.1", "::ffff:192.0.2.1", "1:2:3:4::192.0.2.1", "::192.0.2.1")) {
			assertThat(only(send("RCPT TO:<user@[IPv6:" + good + "]>"))).as(good).startsWith("250 ");
		}
		for (String bad : List.of("1:2", ":::::::::::::", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9", "1::2::3",
				"1:2:3:4:5:6:7::", "12345::1", "::g", "1:2:3:4:5::192.0.2.1", "::ffff:300.1.1.1", ":1:2:3:4:5:6:7",
				"1.2.3.4")) {
			assertThat(only(send("RCPT TO:<user@[IPv6:" + bad + "]>"))).as(bad).startsWith("501 5.1.3");
		}
		assertThat(only(send("EHLO [IPv6:1:2]"))).startsWith("501 ");
	}

	@Test
	void rcptDsnParameters() {
		send(EHLO);
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("RCPT TO:<bob@example.com> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;bob@example.com")))
			.startsWith("250 ");
		assertThat(only(send("RCPT TO:<carol@example.com> NOTIFY=NEVER"))).startsWith("250 ");
		assertThat(only(send("RCPT TO:<dan@example.com> NOTIFY=NEVER,SUCCESS"))).startsWith("501 5.5.4");
		assertThat(only(send("RCPT TO:<dan@example.com> NOTIFY=SUCCESS,SUCCESS"))).startsWith("501 5.5.4");
		assertThat(only(send("RCPT TO:<dan@example.com> ORCPT=bob@example.com"))).startsWith("501 5.5.4");
		assertThat(only(send("RCPT TO:<dan@example.com> ORCPT=rfc822;bob+2Bx@example.com"))).startsWith("250 ");
		assertThat(only(send("RCPT TO:<erin@example.com> SIZE=10"))).startsWith("555 5.5.4");
	}

	@Test
	void demoAddressesShowTheFailuresMetInRealLife() {
		send(EHLO);
		assertThat(only(send("MAIL FROM:<blocked@example.net>")))
			.isEqualTo("550 5.7.1 <blocked@example.net>: Sender address rejected by local policy");
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("RCPT TO:<nobody@example.com>"))).startsWith("550 5.1.1 <nobody@example.com>");
		assertThat(only(send("RCPT TO:<NoBody@Example.COM>"))).startsWith("550 5.1.1");
		assertThat(only(send("RCPT TO:<full@example.com>"))).startsWith("452 4.2.2");
		assertThat(only(send("RCPT TO:<bob@relay.invalid>")))
			.isEqualTo("550 5.7.1 <bob@relay.invalid>: Relay access denied");
		assertThat(only(send("RCPT TO:<greylist@example.com>"))).startsWith("450 4.7.1");
		assertThat(only(send("RCPT TO:<greylist@example.com>"))).startsWith("250 2.1.5");
		assertThat(only(send("RCPT TO:<greylist@example.com>"))).startsWith("250 2.1.5");
	}

	@Test
	void greylistingIsRememberedAcrossTransactionsOfTheSession() {
		send(EHLO);
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("RCPT TO:<greylist@example.com>"))).startsWith("450 ");
		assertThat(only(send("DATA"))).startsWith("554 5.5.1 No valid recipients");
		send("RSET");
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("RCPT TO:<greylist@example.com>"))).startsWith("250 ");
	}

	@Test
	void configuredUnknownMailboxesAreRefused() {
		SmtpSession strict = new SmtpSession(
				SessionSettings.defaults().withUnknownMailboxes(java.util.Set.of("Green@foo.com")));
		strict.receive(EHLO);
		strict.receive("MAIL FROM:<alice@example.org>");
		assertThat(strict.receive("RCPT TO:<green@FOO.com>").code()).isEqualTo(550);
		assertThat(strict.receive("RCPT TO:<brown@foo.com>").code()).isEqualTo(250);
	}

	@Test
	void moreThanAHundredRecipientsAreDeferred() {
		send(EHLO);
		send("MAIL FROM:<alice@example.org>");
		for (int i = 1; i <= 100; i++) {
			assertThat(send("RCPT TO:<r" + i + "@example.com>").code()).isEqualTo(250);
		}
		assertThat(only(send("RCPT TO:<r101@example.com>")))
			.isEqualTo("452 4.5.3 Too many recipients: at most 100 per message");
		assertThat(send("DATA").code()).isEqualTo(354);
	}

	@Test
	void dataNeedsSenderAndRecipient() {
		send(EHLO);
		assertThat(only(send("DATA"))).startsWith("503 5.5.1");
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("DATA"))).startsWith("503 5.5.1");
		send("RCPT TO:<nobody@example.com>");
		assertThat(only(send("DATA"))).startsWith("554 5.5.1");
		send("RCPT TO:<bob@example.com>");
		assertThat(only(send("DATA now"))).startsWith("501 5.5.4");
		assertThat(only(send("DATA"))).startsWith("354 ");
	}

	@Test
	void dataReadsContentUntilTheLoneDotAndUndoesDotStuffing() {
		sendAll(EHLO, "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>", "DATA");
		assertThat(this.session.isReadingContent()).isTrue();
		for (String line : List.of("Subject: test", "", "QUIT", "..NET 8", ". not the end", "")) {
			assertThat(send(line).isEmpty()).as(line).isTrue();
		}
		ServerReply queued = send(".");
		assertThat(only(queued)).matches("250 2\\.0\\.0 OK: \\d+ octets queued as [0-9A-F]{10} .*");
		assertThat(this.session.isReadingContent()).isFalse();
		assertThat(this.session.isClosed()).isFalse();
		Delivery delivery = this.session.deliveries().get(0);
		assertThat(delivery.head()).isEqualTo("Subject: test\r\n\r\nQUIT\r\n.NET 8\r\n not the end\r\n\r\n");
		assertThat(delivery.octets()).isEqualTo(delivery.head().getBytes(StandardCharsets.UTF_8).length);
		assertThat(delivery.recipients()).containsExactly("bob@example.com");
		assertThat(queued.lines().get(0)).contains(delivery.queueId()).contains(delivery.octets() + " octets");
		// The transaction is over: a new one needs MAIL again.
		assertThat(send("RCPT TO:<bob@example.com>").code()).isEqualTo(503);
	}

	@Test
	void queueIdsRepeatForTheSameSessionAndDifferForAnotherMessage() {
		List<String> lines = List.of(EHLO, "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>", "DATA", "Hi",
				".", "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>", "DATA", "Hi", ".");
		List<String> first = play(SmtpSession.withDefaults(), lines);
		List<String> second = play(SmtpSession.withDefaults(), lines);
		assertThat(first).isEqualTo(second);
		assertThat(first.get(5)).isNotEqualTo(first.get(10));
	}

	private static List<String> play(SmtpSession session, List<String> lines) {
		return lines.stream().map((line) -> String.join("|", session.receive(line).lines())).toList();
	}

	@Test
	void messagesOverTheSizeLimitAreRefusedAtTheEnd() {
		SmtpSession small = new SmtpSession(SessionSettings.defaults().withMaxMessageSize(20));
		for (String line : List.of(EHLO, "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>", "DATA",
				"0123456789", "0123456789")) {
			small.receive(line);
		}
		assertThat(small.receive(".").lines())
			.containsExactly("552 5.3.4 Message size exceeds fixed maximum message size of 20 octets");
		assertThat(small.deliveries()).isEmpty();
	}

	@Test
	void bdatReadsExactlyTheAnnouncedOctets() {
		sendAll(EHLO, "MAIL FROM:<alice@example.org> BODY=BINARYMIME", "RCPT TO:<bob@example.com>");
		assertThat(send("BDAT 43").isEmpty()).isTrue();
		assertThat(send("Subject: Chunked").isEmpty()).isTrue();
		assertThat(only(send("From: alice@example.org"))).isEqualTo("250 2.0.0 43 octets received");
		assertThat(only(send("DATA"))).startsWith("503 5.5.1");
		assertThat(send("BDAT 15 LAST").isEmpty()).isTrue();
		assertThat(send("").isEmpty()).isTrue();
		assertThat(only(send("Hello, Bob."))).startsWith("250 2.0.0 OK: 58 octets queued as ");
		assertThat(this.session.deliveries().get(0).head())
			.isEqualTo("Subject: Chunked\r\nFrom: alice@example.org\r\n\r\nHello, Bob.\r\n");
	}

	@Test
	void aChunkEndingInsideALineLeavesTheRestAsTheNextCommand() {
		sendAll(EHLO, "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>");
		send("BDAT 5 LAST");
		ServerReply reply = send("HelloNOOP");
		assertThat(reply.codes()).containsExactly(250, 250);
		assertThat(reply.lines().get(1)).isEqualTo("250 2.0.0 OK");
	}

	@Test
	void bdatOctetsAreReadEvenWhenTheCommandIsRefused() {
		send(EHLO);
		assertThat(send("BDAT 6").isEmpty()).isTrue();
		assertThat(only(send("QUIT"))).startsWith("503 5.5.1");
		assertThat(this.session.isClosed()).isFalse();
		assertThat(only(send("BDAT x"))).startsWith("501 5.5.4");
		assertThat(only(send("BDAT 0 LAST"))).startsWith("503 5.5.1");
	}

	@Test
	void bdatTakesRawOctetsFromAByteStream() {
		sendAll(EHLO, "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>", "BDAT 4 LAST");
		assertThat(this.session.pendingChunkOctets()).isEqualTo(4);
		byte[] data = { 0, 1, 2, (byte) 0xff };
		assertThat(this.session.receiveChunk(data, 0, 3).isEmpty()).isTrue();
		assertThat(this.session.receiveChunk(data, 3, 1).code()).isEqualTo(250);
		assertThatThrownBy(() -> this.session.receiveChunk(data, 0, 1)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void binarymimeNeedsBdatAndChunksRespectTheSize() {
		SmtpSession small = new SmtpSession(SessionSettings.defaults().withMaxMessageSize(10));
		small.receive(EHLO);
		small.receive("MAIL FROM:<alice@example.org> BODY=BINARYMIME");
		small.receive("RCPT TO:<bob@example.com>");
		assertThat(small.receive("DATA").lines().get(0)).startsWith("503 5.5.1");
		small.receive("BDAT 11 LAST");
		assertThat(small.receive("012345678").code()).isEqualTo(552);
		assertThat(small.receive("RCPT TO:<bob@example.com>").code()).isEqualTo(503);
	}

	@Test
	void rsetNoopVrfyExpnHelpAndQuit() {
		sendAll(EHLO, "MAIL FROM:<alice@example.org>");
		assertThat(only(send("RSET"))).isEqualTo("250 2.0.0 Reset OK");
		assertThat(only(send("RSET now"))).startsWith("501 5.5.4");
		assertThat(send("RCPT TO:<bob@example.com>").code()).isEqualTo(503);
		assertThat(only(send("NOOP anything"))).isEqualTo("250 2.0.0 OK");
		assertThat(only(send("VRFY bob"))).startsWith("252 2.0.0");
		assertThat(only(send("VRFY"))).startsWith("501 5.5.4");
		assertThat(only(send("EXPN staff"))).startsWith("252 2.0.0");
		// RFC 5321 section 4.1.1.7: EXPN takes an argument, as VRFY does.
		assertThat(only(send("EXPN"))).isEqualTo("501 5.5.4 Syntax: EXPN <list>");
		ServerReply help = send("HELP");
		assertThat(help.codes()).containsExactly(214);
		assertThat(help.lines().get(0)).startsWith("214-2.0.0 Commands: EHLO HELO");
		assertThat(only(send("help rcpt"))).startsWith("214 2.0.0 RCPT TO:<recipient>");
		assertThat(only(send("HELP FOO"))).startsWith("504 5.5.4");
		assertThat(only(send("QUIT now"))).startsWith("501 5.5.4");
		assertThat(only(send("QUIT"))).isEqualTo("221 2.0.0 mail.example.com closing connection");
		assertThat(this.session.isClosed()).isTrue();
		assertThat(send("NOOP").isEmpty()).isTrue();
	}

	@Test
	void unknownObsoleteAndUnimplementedCommands() {
		assertThat(only(send("FOO bar"))).isEqualTo("500 5.5.1 Command unrecognized: FOO");
		assertThat(only(send(""))).startsWith("500 ");
		send(EHLO);
		assertThat(only(send("MAILFROM:<alice@example.org>"))).startsWith("500 5.5.1");
		for (String verb : List.of("SEND FROM:<alice@example.org>", "SOML FROM:<a@b.c>", "SAML FROM:<a@b.c>", "TURN",
				"ETRN example.org", "LHLO x.example")) {
			assertThat(only(send(verb))).as(verb).startsWith("502 5.5.1");
		}
	}

	@Test
	void commandLinesOverFiveHundredTwelveOctetsAreRefused() {
		send(EHLO);
		String line = "NOOP " + "x".repeat(505);
		assertThat(line.length() + 2).isEqualTo(512);
		assertThat(only(send(line))).startsWith("250 ");
		assertThat(only(send(line + "x")))
			.isEqualTo("500 5.5.2 Line too long: command lines are limited to 512 octets");
		// Octets, not characters: 254 two-octet letters and NOOP make 515 octets.
		assertThat(only(send("NOOP " + "ş".repeat(254)))).startsWith("500 5.5.2");
		assertThat(only(send("NOOP a\u0000b"))).startsWith("500 5.5.2");
	}

	@Test
	void mailAndRcptLinesHaveRoomForTheAnnouncedParameters() {
		// RFC 3461 section 5.4 (1036 octets with DSN), RFC 4954 section 3 (AUTH= adds
		// 500), RFC 1870 (26), RFC 3030 (16), RFC 6531 (10).
		send(EHLO);
		String sender = "MAIL FROM:<" + "s".repeat(64) + "@" + label(60) + "." + label(60)
				+ ".example> SIZE=1000 RET=HDRS ENVID=" + "e".repeat(100) + " AUTH=" + "a".repeat(200) + "@example.org";
		assertThat(sender.length() + 2).isGreaterThan(512);
		assertThat(only(send(sender))).startsWith("250 2.1.0");
		String recipient = "RCPT TO:<" + "r".repeat(64) + "@" + label(55) + "." + label(55) + "." + label(55)
				+ ".example> NOTIFY=SUCCESS,FAILURE,DELAY" + " ORCPT=rfc822;" + "o".repeat(300) + "@example.org";
		assertThat(recipient.length() + 2).isBetween(513, 1036);
		assertThat(only(send(recipient))).startsWith("250 2.1.5");
		assertThat(only(send("RCPT TO:<bob@example.com> ORCPT=rfc822;" + "o".repeat(1100))))
			.isEqualTo("500 5.5.2 Line too long: command lines are limited to 1036 octets");
		send("RSET");
		assertThat(only(send("MAIL FROM:<alice@example.org> ENVID=" + "x".repeat(1600))))
			.isEqualTo("500 5.5.2 Line too long: command lines are limited to 1588 octets");
		// Other commands keep the base limit, and so does a session greeted with HELO.
		assertThat(only(send("NOOP " + "x".repeat(600)))).startsWith("500 5.5.2");
		send("HELO client.example.org");
		assertThat(only(send("MAIL FROM:<alice@example.org>" + " ".repeat(600)))).startsWith("500 5.5.2");
	}

	private static String label(int length) {
		return "d".repeat(length);
	}

	@Test
	void aBareLineFeedIsNoLineEndAndClosesTheSession() {
		// RFC 5321 section 2.3.8; as Postfix with smtpd_forbid_bare_newline = reject.
		sendAll(EHLO, "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.com>", "DATA");
		assertThat(send("Subject: smuggled\n.\nMAIL FROM:<mallory@example.org>").lines())
			.containsExactly("550 5.5.2 mail.example.com Error: bare <LF> received");
		assertThat(this.session.isClosed()).isTrue();
		assertThat(this.session.deliveries()).isEmpty();
		assertThat(send("NOOP").isEmpty()).isTrue();
		SmtpSession command = SmtpSession.withDefaults();
		assertThat(command.receive("NOOP\nQUIT").code()).isEqualTo(550);
		assertThat(command.isClosed()).isTrue();
	}

	@Test
	void starttlsResetsTheSessionAndIsNotOfferedAgain() {
		sendAll(EHLO);
		assertThat(only(send("STARTTLS now"))).startsWith("501 5.5.4");
		send("MAIL FROM:<alice@example.org>");
		assertThat(only(send("STARTTLS"))).startsWith("503 5.5.1");
		send("RSET");
		assertThat(only(send("STARTTLS")))
			.isEqualTo("220 2.0.0 Ready to start TLS (simulated: the session continues as if encrypted)");
		assertThat(this.session.isEncrypted()).isTrue();
		assertThat(only(send("MAIL FROM:<alice@example.org>")))
			.isEqualTo("503 5.5.1 Bad sequence of commands: send EHLO or HELO first");
		assertThat(only(send("NOOP"))).isEqualTo("250 2.0.0 OK");
		ServerReply again = send(EHLO);
		assertThat(again.lines()).doesNotContain("250-STARTTLS").contains("250-AUTH PLAIN LOGIN");
		assertThat(only(send("STARTTLS"))).startsWith("503 5.5.1");
	}

	@Test
	void implicitTlsNeverOffersStarttls() {
		SmtpSession smtps = new SmtpSession(SessionSettings.defaults().withImplicitTls(true));
		assertThat(smtps.receive(EHLO).lines()).doesNotContain("250-STARTTLS");
		assertThat(smtps.receive("AUTH PLAIN " + base64("\0alice\0s3cret")).code()).isEqualTo(235);
	}

	@Test
	void authIsOfferedAndTakenOnlyAfterStarttls() {
		// RFC 4954 section 6: a current server does not advertise AUTH before TLS, so 538
		// (historic) never comes up.
		assertThat(send(EHLO).lines()).noneMatch((line) -> line.contains("AUTH"));
		assertThat(only(send("AUTH PLAIN " + base64("\0alice\0s3cret"))))
			.isEqualTo("503 5.5.1 Bad sequence of commands: AUTH is offered only after STARTTLS");
	}

	@Test
	void aLegacySubmissionServerOffersAuthBeforeTlsAndRefusesItWith538() {
		SmtpSession legacy = new SmtpSession(SessionSettings.defaults().withAuthBeforeTls(true));
		assertThat(legacy.receive(EHLO).lines()).contains("250-STARTTLS", "250-AUTH PLAIN LOGIN");
		assertThat(legacy.receive("AUTH PLAIN " + base64("\0alice\0s3cret")).lines().get(0)).startsWith("538 5.7.11");
		assertThat(legacy.receive("AUTH CRAM-MD5").lines().get(0)).startsWith("504 5.5.4");
		legacy.receive("STARTTLS");
		assertThat(legacy.receive(EHLO).lines()).contains("250-AUTH PLAIN LOGIN");
		assertThat(legacy.receive("AUTH PLAIN " + base64("\0alice\0s3cret")).code()).isEqualTo(235);
	}

	@Test
	void authPlainWithTheReferenceExampleAndWithAChallenge() {
		sendAll(EHLO, "STARTTLS", EHLO);
		// The reference's own example: \0alice\0s3cret.
		assertThat(only(send("AUTH PLAIN AGFsaWNlAHMzY3JldA=="))).isEqualTo("235 2.7.0 Authentication successful");
		assertThat(only(send("AUTH PLAIN"))).startsWith("503 5.5.1");
		SmtpSession other = tlsSession();
		assertThat(other.receive("AUTH PLAIN").lines()).containsExactly("334 ");
		assertThat(other.receive("AGFsaWNlAHMzY3JldA==").code()).isEqualTo(235);
	}

	@Test
	void authLoginStepByStep() {
		sendAll(EHLO, "STARTTLS", EHLO);
		assertThat(only(send("AUTH LOGIN"))).isEqualTo("334 VXNlcm5hbWU6");
		assertThat(only(send("YWxpY2U="))).isEqualTo("334 UGFzc3dvcmQ6");
		assertThat(only(send("czNjcmV0"))).startsWith("235 2.7.0");
		SmtpSession initial = tlsSession();
		assertThat(initial.receive("AUTH LOGIN YWxpY2U=").lines()).containsExactly("334 UGFzc3dvcmQ6");
		assertThat(initial.receive(base64("wrong")).lines())
			.containsExactly("535 5.7.8 Authentication credentials invalid");
	}

	@Test
	void authFailuresAndCancellation() {
		SmtpSession wrong = tlsSession();
		assertThat(wrong.receive("AUTH PLAIN " + base64("\0alice\0wrong")).code()).isEqualTo(535);
		assertThat(wrong.receive("AUTH PLAIN " + base64("bob\0alice\0s3cret")).code()).isEqualTo(535);
		assertThat(wrong.receive("AUTH PLAIN " + base64("alice\0alice\0s3cret")).code()).isEqualTo(235);
		SmtpSession malformed = tlsSession();
		assertThat(malformed.receive("AUTH PLAIN !!!").lines().get(0)).startsWith("501 5.5.2");
		// Decodable but not a PLAIN message: a failed exchange, not a decoding error.
		assertThat(malformed.receive("AUTH PLAIN " + base64("no nul here")).lines().get(0)).startsWith("535 5.7.8");
		assertThat(malformed.receive("AUTH LOGIN").code()).isEqualTo(334);
		assertThat(malformed.receive("*").lines()).containsExactly("501 5.0.0 Authentication cancelled");
		assertThat(malformed.receive("AUTH").lines().get(0)).startsWith("501 5.5.4");
		malformed.receive("MAIL FROM:<alice@example.org>");
		assertThat(malformed.receive("AUTH PLAIN").lines().get(0)).startsWith("503 5.5.1");
	}

	@Test
	void anAuthResponseLineOver12288OctetsFailsWith500And556() {
		// RFC 4954 section 4, and the site's AUTH, 500 and 5.5.6 pages.
		SmtpSession session = tlsSession();
		assertThat(session.receive("AUTH PLAIN").code()).isEqualTo(334);
		assertThat(session.receive("A".repeat(12300)).lines())
			.containsExactly("500 5.5.6 Authentication Exchange line is too long");
		assertThat(session.receive("AUTH PLAIN").code()).isEqualTo(334);
		assertThat(session.receive("A".repeat(12288)).code()).isEqualTo(535);
	}

	@Test
	void anEmptyInitialResponseIsAcceptedAsEmpty() {
		// RFC 4954 section 4: "=" is a response that is present but holds no data.
		SmtpSession plain = tlsSession();
		assertThat(plain.receive("AUTH PLAIN =").lines())
			.containsExactly("535 5.7.8 Authentication credentials invalid");
		SmtpSession login = tlsSession();
		assertThat(login.receive("AUTH LOGIN =").lines()).containsExactly("334 UGFzc3dvcmQ6");
		assertThat(login.receive(base64("s3cret")).code()).isEqualTo(535);
	}

	private static SmtpSession tlsSession() {
		SmtpSession session = SmtpSession.withDefaults();
		session.receive(EHLO);
		session.receive("STARTTLS");
		session.receive(EHLO);
		return session;
	}

}
