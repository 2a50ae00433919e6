package org.smtpreference.probe;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.smtpreference.SiteClient;
import org.smtpreference.sandbox.SandboxListener;
import org.smtpreference.session.PostfixInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe over HTTP against real servers on loopback: the site's own sandbox listener,
 * a real Postfix, and hand-written servers that misbehave. Every target is a loopback
 * address; the refusals go through the resolver that maps test names to loopback
 * addresses outside the allow-list.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "site.probe.enabled=true",
				"site.probe.allowed-targets=127.0.0.1/32:1-65535,localhost:1-65535,.probe.test:1-65535",
				"site.probe.connect-timeout=2s", "site.probe.reply-timeout=2s", "site.probe.per-client=1000",
				"site.probe.global=1000", "site.probe.max-running=8", "site.probe.ehlo-name=probe.example",
				"site.sandbox.smtp-port=0", "site.sandbox.smtps-port=0", "site.sandbox.bind-address=127.0.0.1",
				"site.sandbox.public-host=localhost" })
@Import(LoopbackProbe.class)
@Timeout(60)
class ProbeTests {

	@LocalServerPort
	int port;

	@Autowired
	SandboxListener sandbox;

	@Autowired
	JsonMapper json;

	private SiteClient client() {
		return new SiteClient(this.port);
	}

	private HttpResponse<String> post(String lang, Map<String, String> form) {
		String body = form.entrySet()
			.stream()
			.map((e) -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return client().send(HttpRequest.newBuilder(URI.create(client().base() + "/probe?lang=" + lang))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	private static Map<String, String> form(String host, int port, String mode, String... addresses) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("host", host);
		form.put("port", String.valueOf(port));
		form.put("mode", mode);
		if (addresses.length == 2) {
			form.put("sender", addresses[0]);
			form.put("recipient", addresses[1]);
		}
		return form;
	}

	private HttpResponse<String> api(String path, String body) {
		return client().send(HttpRequest.newBuilder(URI.create(client().base() + path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	@Test
	void theSandboxOverStartTlsIsExplainedWithItsSelfSignedCertificate() {
		String page = post("en", form("localhost", this.sandbox.smtpPort(), "starttls")).body();
		assertThat(page).contains("data-done=\"true\"")
			.contains("The server greets with 220")
			.contains("The connection is encrypted with TLSv1.")
			.contains("The certificate is self-signed")
			.contains("id=\"probe-ehlo-after\"")
			.contains("href=\"/extensions/pipelining\"");
		// Its name is right: only the self-signed chain stops verification.
		assertThat(page).doesNotContain("The certificate is not for");
		String turkish = post("tr", form("localhost", this.sandbox.smtpPort(), "starttls")).body();
		assertThat(turkish).contains("Sertifika kendinden imzalı").contains("Sunucu 220 ile karşılıyor");
	}

	@Test
	void theSandboxOnImplicitTlsNeedsNoStartTls() {
		String page = post("en", form("127.0.0.1", this.sandbox.smtpsPort(), "tls")).body();
		assertThat(page).contains("The connection is encrypted with TLSv1.")
			.doesNotContain("data-step=\"STARTTLS\"")
			// Asked by address, the certificate (made for localhost, 127.0.0.1 and ::1)
			// matches it.
			.doesNotContain("The certificate is not for");
	}

	@Test
	void aNameTheCertificateDoesNotCarryIsNamedAsTheReason() {
		// mail.probe.test resolves to 127.0.0.1 in these tests: the sandbox's certificate
		// is not for it.
		String page = post("en", form("mail.probe.test", this.sandbox.smtpsPort(), "tls")).body();
		assertThat(page).contains("The certificate is not for mail.probe.test");
	}

	@Test
	void realPostfixOffersAuthOnlyAfterTlsRefusesAnUnknownRecipientAndShowsItsSizeLimit(
			@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
		try (PostfixInstance postfix = PostfixInstance.start(dir)) {
			String page = post("en",
					form("127.0.0.1", postfix.port(), "plain", "alice@example.org", "nobody@example.com"))
				.body();
			assertThat(page).contains("AUTH is offered only after TLS")
				.doesNotContain("offers AUTH before TLS")
				.contains("The server refuses mail for nobody@example.com with 550")
				.contains("The server takes messages up to 10485760 bytes")
				.contains("data-step=\"RSET\"")
				.contains("href=\"/status-codes/5.1.1\"");
			String accepted = post("en",
					form("127.0.0.1", postfix.port(), "plain", "alice@example.org", "bob@example.com"))
				.body();
			assertThat(accepted).contains("The server accepts mail for bob@example.com");
		}
	}

	@Test
	void onlyGreetingEhloMailRcptRsetAndQuitAreSentNeverDataBdatOrAuth() throws Exception {
		try (ScriptedServer server = ScriptedServer.start("220 mx.probe.test ESMTP\r\n", ScriptedServer::ordinary)) {
			String page = post("en", form("127.0.0.1", server.port(), "plain", "a@probe.test", "nobody@probe.test"))
				.body();
			assertThat(server.commands).containsExactly("EHLO probe.example", "MAIL FROM:<a@probe.test>",
					"RCPT TO:<nobody@probe.test>", "RSET", "QUIT");
			assertThat(page).contains("The server offers AUTH before TLS")
				.contains("The server does not offer STARTTLS")
				.contains("Mechanisms offered before TLS: PLAIN LOGIN")
				.contains("<code>X-UNKNOWN-THING</code>")
				.contains("The server refuses mail for nobody@probe.test with 550");
		}
	}

	@Test
	void aServerThatAcceptsAndNeverGreetsTimesOut() throws Exception {
		try (ScriptedServer server = ScriptedServer.start("", null)) {
			String page = post("en", form("127.0.0.1", server.port(), "plain")).body();
			assertThat(page).contains("The server did not complete a reply within 2 s")
				.contains("data-step=\"GREETING\"");
		}
	}

	@Test
	void aPortThatRefusesIsSaidSo() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		String page = post("en", form("127.0.0.1", closed, "plain")).body();
		assertThat(page).contains("The connection to 127.0.0.1 " + closed + " was refused");
	}

	@Test
	void aServerGreeting554IsExplainedAndLeftWithQuit() throws Exception {
		try (ScriptedServer server = ScriptedServer.start("554 5.7.1 No SMTP service here\r\n",
				(command) -> "221 2.0.0 Bye\r\n")) {
			String page = post("en", form("127.0.0.1", server.port(), "plain")).body();
			assertThat(page).contains("The server greets with 554 instead of 220")
				.contains("href=\"/status-codes/5.7.1\"");
			assertThat(server.commands).containsExactly("QUIT");
		}
	}

	@Test
	void aServerDroppingTheConnectionMidReplyIsSaidSo() throws Exception {
		try (ScriptedServer server = ScriptedServer.closingAfter("220-mx.probe.test first line\r\n220-sec")) {
			String page = post("en", form("127.0.0.1", server.port(), "plain")).body();
			assertThat(page).contains("The server closed the connection in the middle of the session")
				.contains("220-mx.probe.test first line");
		}
		try (ScriptedServer server = ScriptedServer.start("220 mx.probe.test\r\n",
				(command) -> command.startsWith("EHLO") ? null : "250 Ok\r\n")) {
			String page = post("en", form("127.0.0.1", server.port(), "plain")).body();
			assertThat(page).contains("The server closed the connection in the middle of the session");
		}
	}

	@Test
	void aHundredKilobyteLineStopsTheReadingAtTheCap() throws Exception {
		try (ScriptedServer server = ScriptedServer.start("220 " + "a".repeat(100 * 1024) + "\r\n", null)) {
			String page = post("en", form("127.0.0.1", server.port(), "plain")).body();
			assertThat(page).contains("The server sent a reply larger than 16384 bytes");
			// At most the shown part of the line reaches the page.
			assertThat(page).doesNotContain("a".repeat(ProbeClient.MAX_SHOWN_LINE + 1));
		}
	}

	@Test
	void markupAndControlCharactersFromTheServerAreShownEscapedAndVisible() throws Exception {
		try (ScriptedServer server = ScriptedServer.start(
				"220 <script>alert(1)</script> \u0007\u001b[31m<img src=x onerror=alert(2)>\r\n",
				ScriptedServer::ordinary)) {
			String page = post("en", form("127.0.0.1", server.port(), "plain")).body();
			assertThat(page).doesNotContain("<script>alert(1)")
				.doesNotContain("<img src=x")
				.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
				.contains("\u2407\u241b[31m")
				.doesNotContain("\u0007")
				.doesNotContain("\u001b");
			JsonNode started = this.json.readTree(api("/api/v1/probe",
					"{\"host\": \"127.0.0.1\", \"port\": " + server.port() + ", \"mode\": \"plain\"}")
				.body());
			JsonNode done = awaitDone(started.get("id").stringValue());
			assertThat(done.at("/steps/1/reply/0").stringValue()).startsWith("220 <script>").contains("\u2407\u241b");
		}
	}

	@Test
	void startTlsRequiredStopsWhenTheServerDoesNotOfferIt() throws Exception {
		try (ScriptedServer server = ScriptedServer.start("220 mx.probe.test\r\n", ScriptedServer::ordinary)) {
			String page = post("en", form("127.0.0.1", server.port(), "starttls", "a@probe.test", "b@probe.test"))
				.body();
			assertThat(page).contains("The server does not offer STARTTLS");
			assertThat(server.commands).containsExactly("EHLO probe.example", "QUIT");
		}
	}

	@Test
	void namesResolvingOutsideTheAllowListAreRefusedBeforeAnyConnection() {
		HttpResponse<String> rebind = post("en", form("rebind.probe.test", 25, "plain"));
		assertThat(rebind.statusCode()).isEqualTo(403);
		assertThat(rebind.body()).contains("127.0.0.2 is a loopback address");
		HttpResponse<String> decimal = api("/api/v1/probe?lang=tr", "{\"host\": \"2130706433\", \"port\": 25}");
		assertThat(decimal.statusCode()).isEqualTo(403);
		assertThat(decimal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(decimal.body()).contains("alışılmadık biçimde");
		assertThat(api("/api/v1/probe", "{\"host\": \"0x7f.1\", \"port\": 25}").statusCode()).isEqualTo(403);
		assertThat(api("/api/v1/probe", "{\"host\": \"::ffff:127.0.0.2\", \"port\": 25}").body())
			.contains("127.0.0.2 is a loopback address");
		assertThat(api("/api/v1/probe", "{\"host\": \"mail.localhost\", \"port\": 25}").body())
			.contains("names this machine itself");
	}

	@Test
	void theApiStartsWith202AndTheStepsArriveUnderItsId() throws Exception {
		try (ScriptedServer server = ScriptedServer.start("220 mx.probe.test\r\n", ScriptedServer::ordinary)) {
			HttpResponse<String> started = api("/api/v1/probe",
					"{\"host\": \"mail.probe.test\", \"port\": " + server.port() + "}");
			assertThat(started.statusCode()).isEqualTo(202);
			String id = this.json.readTree(started.body()).get("id").stringValue();
			assertThat(started.headers().firstValue("Location")).hasValue("/api/v1/probe/" + id);
			JsonNode done = awaitDone(id);
			assertThat(done.get("steps").findValuesAsString("step")).containsExactly("CONNECT", "GREETING", "EHLO",
					"QUIT");
			assertThat(done.at("/steps/1/meaningPath").stringValue()).isEqualTo("/replies/220");
			assertThat(client().get("/probe/" + id + "?lang=en").body()).contains("data-done=\"true\"");
			assertThat(client().get("/api/v1/probe/" + "0".repeat(32)).statusCode()).isEqualTo(404);
		}
	}

	@Test
	void badFormsAreRefusedWithTheirReasonNotAServerError() {
		HttpResponse<String> bothOrNone = post("en", Map.of("host", "127.0.0.1", "port", "25", "sender", "a@b.c"));
		assertThat(bothOrNone.statusCode()).isEqualTo(400);
		assertThat(bothOrNone.body()).contains("Give both a sender and a recipient, or neither.");
		HttpResponse<String> injected = post("en",
				Map.of("host", "127.0.0.1", "port", "25", "sender", "a@b.c>\r\nDATA", "recipient", "b@c.d"));
		assertThat(injected.statusCode()).isEqualTo(400);
		assertThat(post("en", Map.of("host", "127.0.0.1", "port", "x")).statusCode()).isEqualTo(400);
		assertThat(post("en", Map.of("host", "127.0.0.1", "mode", "telnet")).statusCode()).isEqualTo(400);
		assertThat(api("/api/v1/probe", "{\"host\": 5}").statusCode()).isEqualTo(400);
	}

	private JsonNode awaitDone(String id) throws InterruptedException {
		for (int i = 0; i < 200; i++) {
			JsonNode run = this.json.readTree(client().get("/api/v1/probe/" + id).body());
			if (run.get("done").booleanValue()) {
				return run;
			}
			Thread.sleep(50);
		}
		throw new AssertionError("probe " + id + " did not end");
	}

}
