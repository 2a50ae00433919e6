package org.smtpreference.sandbox;

import java.net.URI;

import org.smtpreference.SiteProperties;

/**
 * What the {@code /sandbox} page says: whether the listener is on, where, and the
 * commands that connect to it.
 *
 * @param enabled whether at least one port is open
 * @param host the host name readers connect to
 * @param smtpPort the STARTTLS port, or -1
 * @param smtpsPort the implicit-TLS port, or -1
 * @param telnet a plain telnet session
 * @param openssl an openssl session with STARTTLS
 * @param opensslImplicit an openssl session on the implicit-TLS port, or {@code null}
 * @param swaks a swaks run with STARTTLS and AUTH
 * @param certificate the download of the listener's certificate, for clients that verify
 * it
 * @param python the Python sample, with its settings
 * @param java the Java sample, with its settings
 */
public record SandboxGuide(boolean enabled, String host, int smtpPort, int smtpsPort, String telnet, String openssl,
		String opensslImplicit, String swaks, String certificate, String python, String java) {

	/**
	 * The guide for a reader who asked for the page at {@code origin} (the site's base
	 * URL, or the address the request came to as the proxy forwarded it): the SMTP host
	 * is the configured public host, else that origin's host.
	 */
	static SandboxGuide of(SiteProperties properties, SandboxListener listener, String origin) {
		String host = properties.publicHost().orElseGet(() -> hostOf(origin));
		int smtp = listener.smtpPort();
		int smtps = listener.smtpsPort();
		boolean enabled = smtp > 0 || smtps > 0;
		int port = (smtp > 0) ? smtp : 587;
		String environment = "SMTP_HOST=" + host + " SMTP_PORT=" + port + " SMTP_USER=alice SMTP_PASSWORD=s3cret \\\n"
				+ "  MAIL_FROM=me@example.com MAIL_TO=you@example.com";
		return new SandboxGuide(enabled, host, smtp, smtps, "telnet " + host + " " + port,
				"openssl s_client -starttls smtp -crlf -connect " + host + ":" + port,
				(smtps > 0) ? "openssl s_client -crlf -connect " + host + ":" + smtps : null,
				"swaks --server " + host + " --port " + port + " --tls --auth LOGIN \\\n"
						+ "  --auth-user alice --auth-password s3cret \\\n"
						+ "  --from me@example.com --to you@example.com",
				"curl -o sandbox.pem " + origin + "/sandbox/certificate.pem",
				environment + " \\\n  SSL_CERT_FILE=sandbox.pem python3 send_email.py",
				"keytool -importcert -noprompt -alias sandbox -file sandbox.pem \\\n"
						+ "  -keystore sandbox.p12 -storepass changeit\n" + environment + " \\\n"
						+ "  java -Djavax.net.ssl.trustStore=sandbox.p12 -Djavax.net.ssl.trustStorePassword=changeit \\\n"
						+ "  -cp angus-mail.jar:jakarta.mail-api.jar SendEmail.java");
	}

	private static String hostOf(String origin) {
		try {
			String host = URI.create(origin).getHost();
			if (host == null) {
				return "localhost";
			}
			// An IPv6 literal is written without brackets after telnet and -connect.
			return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		}
		catch (IllegalArgumentException ex) {
			return "localhost";
		}
	}

}
