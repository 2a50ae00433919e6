package org.smtpreference.probe;

import java.net.InetAddress;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.smtpreference.probe.ProbeRun.Note;
import org.smtpreference.probe.ProbeRun.TlsFacts;

/**
 * Reads the TLS facts of a finished handshake and verifies the chain against the JVM's
 * default trust store and the name the reader gave, saying why it fails: expired, not yet
 * valid, self-signed, issued by an unknown authority, or for another name.
 */
final class TlsCheck {

	private TlsCheck() {
	}

	static TlsFacts facts(SSLSession session, String host, Clock clock) throws SSLPeerUnverifiedException {
		List<X509Certificate> chain = new ArrayList<>();
		for (Certificate certificate : session.getPeerCertificates()) {
			if (certificate instanceof X509Certificate x509) {
				chain.add(x509);
			}
		}
		List<ProbeRun.Certificate> shown = chain.stream().map(TlsCheck::shown).toList();
		List<Note> problems = problems(chain, host, clock.instant());
		return new TlsFacts(session.getProtocol(), session.getCipherSuite(), shown, problems.isEmpty(), problems);
	}

	static List<Note> problems(List<X509Certificate> chain, String host, Instant now) {
		List<Note> problems = new ArrayList<>();
		if (chain.isEmpty()) {
			problems.add(Note.of("danger", "noCertificate"));
			return problems;
		}
		for (X509Certificate certificate : chain) {
			try {
				certificate.checkValidity(Date.from(now));
			}
			catch (CertificateExpiredException ex) {
				long days = Duration.between(certificate.getNotAfter().toInstant(), now).toDays();
				problems.add(Note.of("danger", "expired", days, subject(certificate)));
			}
			catch (CertificateNotYetValidException ex) {
				long days = Duration.between(now, certificate.getNotBefore().toInstant()).toDays();
				problems.add(Note.of("danger", "notYetValid", days, subject(certificate)));
			}
		}
		if (!trusted(chain)) {
			X509Certificate last = chain.get(chain.size() - 1);
			boolean selfSigned = last.getSubjectX500Principal().equals(last.getIssuerX500Principal());
			problems.add(selfSigned ? Note.of("danger", "selfSigned", subject(last))
					: Note.of("danger", "unknownIssuer", last.getIssuerX500Principal().getName()));
		}
		if (!matchesName(chain.get(0), host)) {
			problems.add(Note.of("danger", "nameMismatch", host, String.join(", ", names(chain.get(0)))));
		}
		return problems;
	}

	private static boolean trusted(List<X509Certificate> chain) {
		try {
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init((KeyStore) null);
			for (TrustManager manager : factory.getTrustManagers()) {
				if (manager instanceof X509TrustManager x509) {
					// UNKNOWN is the key exchange name the JDK itself uses for TLS 1.3.
					x509.checkServerTrusted(chain.toArray(X509Certificate[]::new), "UNKNOWN");
					return true;
				}
			}
			return false;
		}
		catch (CertificateException ex) {
			return false;
		}
		catch (java.security.GeneralSecurityException ex) {
			return false;
		}
	}

	/**
	 * Whether the certificate is for the host: an address against the address names, a
	 * name against the DNS names (a wildcard standing for exactly one left-most label).
	 */
	static boolean matchesName(X509Certificate certificate, String host) {
		String name = host.toLowerCase(Locale.ROOT);
		boolean address = name.contains(":") || name.matches("[0-9.]+");
		for (List<?> san : sans(certificate)) {
			int type = (Integer) san.get(0);
			String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
			if (address && type == 7) {
				try {
					if (InetAddress.getByName(value).equals(InetAddress.getByName(name))) {
						return true;
					}
				}
				catch (java.net.UnknownHostException ex) {
					// Not an address: no match.
				}
			}
			if (!address && type == 2 && dnsMatches(value, name)) {
				return true;
			}
		}
		return false;
	}

	static boolean dnsMatches(String pattern, String name) {
		if (pattern.startsWith("*.")) {
			int dot = name.indexOf('.');
			return dot > 0 && name.substring(dot).equals(pattern.substring(1));
		}
		return pattern.equals(name);
	}

	private static ProbeRun.Certificate shown(X509Certificate certificate) {
		return new ProbeRun.Certificate(subject(certificate), names(certificate),
				certificate.getIssuerX500Principal().getName(), certificate.getNotBefore().toInstant().toString(),
				certificate.getNotAfter().toInstant().toString());
	}

	private static String subject(X509Certificate certificate) {
		return certificate.getSubjectX500Principal().getName();
	}

	private static List<String> names(X509Certificate certificate) {
		return sans(certificate).stream()
			.filter((san) -> (Integer) san.get(0) == 2 || (Integer) san.get(0) == 7)
			.map((san) -> String.valueOf(san.get(1)))
			.toList();
	}

	private static List<List<?>> sans(X509Certificate certificate) {
		try {
			Collection<List<?>> names = certificate.getSubjectAlternativeNames();
			return (names != null) ? List.copyOf(names) : List.of();
		}
		catch (CertificateParsingException ex) {
			return List.of();
		}
	}

}
