package org.smtpreference.session;

import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.smtpreference.session.Answer.reply;
import static org.smtpreference.session.Answer.shorten;

/**
 * The ESMTP parameters of MAIL FROM and RCPT TO (RFC 5321 section 4.1.2): their grammar,
 * the values each announced extension allows, and the octets they add to a command line.
 */
final class MailParameters {

	/**
	 * What the parameters of the announced extensions add to the base limit of a MAIL
	 * line: DSN's RET and ENVID (RFC 3461 section 5.4 asks for 1036-octet lines, 524
	 * more), AUTH= (RFC 4954 section 3: 500), SIZE= (RFC 1870 section 3: 26),
	 * BODY=BINARYMIME (RFC 3030 section 3: 16) and SMTPUTF8 (RFC 6531 section 3.1: 10).
	 */
	private static final int MAIL_PARAMETER_OCTETS = 524 + 500 + 26 + 16 + 10;

	/** DSN's NOTIFY and ORCPT on a RCPT line: RFC 3461 section 5.4's 1036 octets. */
	private static final int RCPT_PARAMETER_OCTETS = 524;

	private MailParameters() {
	}

	/**
	 * The longest command line accepted, CRLF included: RFC 5321 section 4.5.3.1.4's 512
	 * octets, raised for MAIL and RCPT by the extensions EHLO announced.
	 */
	static int lineLimit(String line, SessionState state) {
		int base = state.settings.maxLineLength();
		if (!state.usedEhlo()) {
			return base;
		}
		if (line.regionMatches(true, 0, "MAIL ", 0, 5)) {
			return base + MAIL_PARAMETER_OCTETS;
		}
		return line.regionMatches(true, 0, "RCPT ", 0, 5) ? base + RCPT_PARAMETER_OCTETS : base;
	}

	/**
	 * Reads ESMTP parameters into upper-case keywords and their values, or answers the
	 * refusal.
	 */
	static ServerReply read(String text, SessionState state, Map<String, String> into) {
		if (text.isEmpty()) {
			return null;
		}
		if (!state.usedEhlo()) {
			return reply(Answer.PARAMETER_UNKNOWN, "no extensions after HELO");
		}
		for (String token : text.split(" +")) {
			int equals = token.indexOf('=');
			String keyword = ((equals < 0) ? token : token.substring(0, equals)).toUpperCase(Locale.ROOT);
			String value = (equals < 0) ? null : token.substring(equals + 1);
			if (!keyword.matches("[A-Z0-9][A-Z0-9-]*") || (value != null
					&& (value.isEmpty() || !value.chars().allMatch((c) -> c >= 33 && c <= 126 && c != '=')))) {
				return reply(Answer.PARAMETER_SYNTAX, shorten(token, 40));
			}
			if (into.containsKey(keyword)) {
				return reply(Answer.PARAMETER_SYNTAX, keyword + " given twice");
			}
			into.put(keyword, value);
		}
		return null;
	}

	/**
	 * Checks MAIL FROM's parameters in the order given, answering the first refusal or
	 * {@code null}: SIZE (RFC 1870), BODY (RFC 6152, RFC 3030), SMTPUTF8 (RFC 6531), RET
	 * and ENVID (RFC 3461), AUTH (RFC 4954).
	 */
	static ServerReply checkMail(Map<String, String> parameters, long maxMessageSize) {
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			String value = parameter.getValue();
			switch (parameter.getKey()) {
				case "SIZE" -> {
					if (value == null || !value.matches("\\d{1,20}")) {
						return reply(Answer.PARAMETER_SYNTAX, "SIZE=<octets>");
					}
					if (value.length() > 18 || Long.parseLong(value) > maxMessageSize) {
						return reply(Answer.TOO_BIG, maxMessageSize);
					}
				}
				case "BODY" -> {
					if (!Set.of("7BIT", "8BITMIME", "BINARYMIME").contains(body(parameters))) {
						return reply(Answer.PARAMETER_SYNTAX, "BODY=7BIT, BODY=8BITMIME or BODY=BINARYMIME");
					}
				}
				case "SMTPUTF8" -> {
					if (value != null) {
						return reply(Answer.PARAMETER_SYNTAX, "SMTPUTF8 takes no value");
					}
				}
				case "RET" -> {
					if (value == null || !Set.of("FULL", "HDRS").contains(value.toUpperCase(Locale.ROOT))) {
						return reply(Answer.PARAMETER_SYNTAX, "RET=FULL or RET=HDRS");
					}
				}
				case "ENVID" -> {
					if (value == null || value.length() > 100 || !isXtext(value)) {
						return reply(Answer.PARAMETER_SYNTAX, "ENVID=<xtext, at most 100 characters>");
					}
				}
				case "AUTH" -> {
					if (value == null || !(value.equals("<>") || isXtext(value))) {
						return reply(Answer.PARAMETER_SYNTAX, "AUTH=<xtext> or AUTH=<>");
					}
				}
				default -> {
					return reply(Answer.PARAMETER_UNKNOWN, parameter.getKey());
				}
			}
		}
		return null;
	}

	/**
	 * The BODY value upper-cased, or an empty string when there is none.
	 */
	static String body(Map<String, String> parameters) {
		String value = parameters.get("BODY");
		return (value != null) ? value.toUpperCase(Locale.ROOT) : "";
	}

	/**
	 * Checks RCPT TO's parameters in the order given, answering the first refusal or
	 * {@code null}: DSN's NOTIFY and ORCPT (RFC 3461 section 4).
	 */
	static ServerReply checkRcpt(Map<String, String> parameters) {
		for (Map.Entry<String, String> parameter : parameters.entrySet()) {
			String value = parameter.getValue();
			switch (parameter.getKey()) {
				case "NOTIFY" -> {
					if (value == null || !validNotify(value.toUpperCase(Locale.ROOT))) {
						return reply(Answer.PARAMETER_SYNTAX, "NOTIFY=NEVER or NOTIFY=SUCCESS,FAILURE,DELAY");
					}
				}
				case "ORCPT" -> {
					if (value == null || !value.matches("[A-Za-z0-9][A-Za-z0-9-]*;.+")
							|| !isXtext(value.substring(value.indexOf(';') + 1))) {
						return reply(Answer.PARAMETER_SYNTAX, "ORCPT=<address type>;<xtext address>");
					}
				}
				default -> {
					return reply(Answer.PARAMETER_UNKNOWN, parameter.getKey());
				}
			}
		}
		return null;
	}

	private static boolean isXtext(String value) {
		// RFC 3461 section 4: printable ASCII but "+" and "=", which are written +XX.
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == '+') {
				if (i + 2 >= value.length() || !isHexDigit(value.charAt(i + 1)) || !isHexDigit(value.charAt(i + 2))) {
					return false;
				}
				i += 2;
			}
			else if (c < 33 || c > 126 || c == '=') {
				return false;
			}
		}
		return !value.isEmpty();
	}

	private static boolean isHexDigit(char c) {
		return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
	}

	private static boolean validNotify(String value) {
		if (value.equals("NEVER")) {
			return true;
		}
		Set<String> seen = new HashSet<>();
		for (String part : value.split(",", -1)) {
			if (!Set.of("SUCCESS", "FAILURE", "DELAY").contains(part) || !seen.add(part)) {
				return false;
			}
		}
		return true;
	}

}
