package org.smtpreference.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Session ids: 128 random bits from {@link SecureRandom}, written as 32 lower-case hex
 * digits, so only someone told the id can find the session.
 */
final class SessionIds {

	private static final Pattern FORM = Pattern.compile("[0-9a-f]{32}");

	private static final SecureRandom RANDOM = new SecureRandom();

	private SessionIds() {
	}

	static String next() {
		byte[] bits = new byte[16];
		RANDOM.nextBytes(bits);
		return HexFormat.of().formatHex(bits);
	}

	/**
	 * Whether a string has the form of an id; anything else is not looked up.
	 */
	static boolean isWellFormed(String id) {
		return id != null && FORM.matcher(id).matches();
	}

}
