package org.smtpreference.sandbox;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.smtpreference.SiteProperties;

/**
 * The sandbox's TLS server context: from the operator's PEM files, or from a self-signed
 * certificate made at start-up for the public host name, {@code localhost} and the
 * loopback addresses.
 */
public final class SandboxTls {

	static final String REJECT_RENEGOTIATION = "jdk.tls.rejectClientInitiatedRenegotiation";

	static {
		// Client-initiated renegotiation (TLS 1.2) lets a client make the server do a
		// full handshake as often as it likes; no SMTP client needs it. The JDK has no
		// per-context switch, and reads this property once, when the first server
		// handshake is made, so it is set here, before any sandbox context exists,
		// unless the operator chose otherwise. TLS 1.3 alone would also end it, but
		// would lock out the older clients readers test with the sandbox.
		if (System.getProperty(REJECT_RENEGOTIATION) == null) {
			System.setProperty(REJECT_RENEGOTIATION, "true");
		}
	}

	private final SslContext context;

	private final String certificatePem;

	private SandboxTls(SslContext context, String certificatePem) {
		this.context = context;
		this.certificatePem = certificatePem;
	}

	/**
	 * The context of the configured PEM files, or of a new self-signed certificate.
	 */
	static SandboxTls create(SiteProperties.Tls tls, String publicHost) {
		try {
			if (tls.certificate() != null && !tls.certificate().isBlank()) {
				if (tls.privateKey() == null || tls.privateKey().isBlank()) {
					throw new IllegalStateException("site.sandbox.tls.private-key is needed with a certificate");
				}
				File certificate = new File(tls.certificate());
				SslContext context = SslContextBuilder.forServer(certificate, new File(tls.privateKey())).build();
				return new SandboxTls(context, Files.readString(Path.of(tls.certificate()), StandardCharsets.US_ASCII));
			}
			return selfSigned(publicHost);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static SandboxTls selfSigned(String publicHost) throws SSLException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
			KeyPair keys = generator.generateKeyPair();
			X500Name subject = new X500Name("CN=" + cnSafe(publicHost) + ", O=SMTP Reference sandbox");
			Instant now = Instant.now();
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(128, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
					Date.from(now.plus(Duration.ofDays(397))), subject, keys.getPublic());
			JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
			// The same extensions as "openssl req -x509" adds, so strict verifiers
			// (Python
			// 3.13 sets X509_STRICT) accept it as its own trust anchor.
			builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
			builder.addExtension(Extension.subjectKeyIdentifier, false,
					extensions.createSubjectKeyIdentifier(keys.getPublic()));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					extensions.createAuthorityKeyIdentifier(keys.getPublic()));
			builder.addExtension(Extension.keyUsage, true,
					new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
			builder.addExtension(Extension.extendedKeyUsage, false,
					new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
			builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(publicHost));
			X509Certificate certificate = new JcaX509CertificateConverter()
				.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
			SslContext context = SslContextBuilder.forServer(keys.getPrivate(), certificate).build();
			return new SandboxTls(context, pem(certificate));
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Cannot make the sandbox's self-signed certificate", ex);
		}
	}

	private static GeneralNames alternativeNames(String publicHost) {
		List<GeneralName> names = new ArrayList<>();
		names.add(new GeneralName(GeneralName.dNSName, "localhost"));
		names.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
		names.add(new GeneralName(GeneralName.iPAddress, "::1"));
		if (isIpAddress(publicHost)) {
			if (!publicHost.equals("127.0.0.1") && !publicHost.equals("::1")) {
				names.add(new GeneralName(GeneralName.iPAddress, publicHost));
			}
		}
		else if (!publicHost.equals("localhost") && publicHost.matches("[A-Za-z0-9.-]{1,253}")) {
			names.add(0, new GeneralName(GeneralName.dNSName, publicHost));
		}
		return new GeneralNames(names.toArray(GeneralName[]::new));
	}

	private static boolean isIpAddress(String host) {
		return host.matches("[0-9.]+") || host.contains(":");
	}

	private static String cnSafe(String host) {
		return host.matches("[A-Za-z0-9.:-]{1,64}") ? host : "localhost";
	}

	private static String pem(X509Certificate certificate) throws IOException {
		StringWriter text = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
			writer.writeObject(certificate);
		}
		return text.toString();
	}

	/**
	 * The server context for STARTTLS and the implicit-TLS port.
	 */
	SslContext context() {
		return this.context;
	}

	/**
	 * The certificate in PEM form, for clients that verify it (tests, the reader's own
	 * trust store).
	 */
	public String certificatePem() {
		return this.certificatePem;
	}

}
