package org.smtpreference.probe;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a certificate does not verify, as the probe says it: expired (and how long ago),
 * not yet valid, self-signed, or for another name; a wildcard stands for one label only.
 */
class TlsCheckTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private static X509Certificate certificate(String name, Instant notBefore, Instant notAfter) throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		KeyPair keys = generator.generateKeyPair();
		X500Name subject = new X500Name("CN=" + name);
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, BigInteger.ONE,
				Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
		builder.addExtension(Extension.subjectAlternativeName, false,
				new GeneralNames(new GeneralName(GeneralName.dNSName, name)));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
	}

	private static List<String> keys(List<ProbeRun.Note> notes) {
		return notes.stream().map(ProbeRun.Note::key).toList();
	}

	@Test
	void anExpiredSelfSignedCertificateSaysHowLongAgoAndWhy() throws Exception {
		X509Certificate expired = certificate("mail.example.com", NOW.minus(Duration.ofDays(400)),
				NOW.minus(Duration.ofDays(3)).minus(Duration.ofHours(2)));
		List<ProbeRun.Note> problems = TlsCheck.problems(List.of(expired), "mail.example.com", NOW);
		assertThat(keys(problems)).containsExactly("expired", "selfSigned");
		assertThat(problems.get(0).arguments().get(0)).isEqualTo("3");
	}

	@Test
	void aCertificateNotYetValidIsSaidSo() throws Exception {
		X509Certificate future = certificate("mail.example.com",
				NOW.plus(Duration.ofDays(10)).plus(Duration.ofHours(1)), NOW.plus(Duration.ofDays(400)));
		List<ProbeRun.Note> problems = TlsCheck.problems(List.of(future), "mail.example.com", NOW);
		assertThat(keys(problems)).containsExactly("notYetValid", "selfSigned");
		assertThat(problems.get(0).arguments().get(0)).isEqualTo("10");
	}

	@Test
	void anotherNameIsAMismatchNamingWhatTheCertificateCarries() throws Exception {
		X509Certificate valid = certificate("mx.example.net", NOW.minus(Duration.ofDays(1)),
				NOW.plus(Duration.ofDays(90)));
		List<ProbeRun.Note> problems = TlsCheck.problems(List.of(valid), "mail.example.com", NOW);
		assertThat(keys(problems)).containsExactly("selfSigned", "nameMismatch");
		assertThat(problems.get(1).arguments()).containsExactly("mail.example.com", "mx.example.net");
		assertThat(keys(TlsCheck.problems(List.of(valid), "MX.example.net", NOW))).containsExactly("selfSigned");
	}

	@Test
	void aWildcardStandsForExactlyOneLeftMostLabel() {
		assertThat(TlsCheck.dnsMatches("*.example.com", "mail.example.com")).isTrue();
		assertThat(TlsCheck.dnsMatches("*.example.com", "a.mail.example.com")).isFalse();
		assertThat(TlsCheck.dnsMatches("*.example.com", "example.com")).isFalse();
		assertThat(TlsCheck.dnsMatches("mail.example.com", "mail.example.com")).isTrue();
	}

}
