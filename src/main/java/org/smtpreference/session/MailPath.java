package org.smtpreference.session;

import java.util.Arrays;
import java.util.Locale;

/**
 * A reverse- or forward-path of MAIL FROM or RCPT TO, read by the grammar of RFC 5321
 * section 4.1.2, with the UTF-8 forms of RFC 6531 where the transaction allows them.
 *
 * @param mailbox the mailbox, {@code local@domain}; empty for the null reverse-path
 * {@code <>}; {@code Postmaster} alone for the one mailbox without a domain
 * @param rest what followed the closing {@code >}: the parameters, not yet read
 */
record MailPath(String mailbox, String rest) {

	private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

	/**
	 * The local part, before the last {@code @}.
	 */
	String localPart() {
		int at = this.mailbox.lastIndexOf('@');
		return (at < 0) ? this.mailbox : this.mailbox.substring(0, at);
	}

	/**
	 * The domain, lower-cased, or an empty string.
	 */
	String domain() {
		int at = this.mailbox.lastIndexOf('@');
		return (at < 0) ? "" : this.mailbox.substring(at + 1).toLowerCase(Locale.ROOT);
	}

	boolean isNull() {
		return this.mailbox.isEmpty();
	}

	/**
	 * Whether any character of the mailbox is outside US-ASCII.
	 */
	boolean isInternational() {
		return this.mailbox.chars().anyMatch((c) -> c > 127);
	}

	/**
	 * Reads a path at the start of text, or answers {@code null} when its syntax is
	 * wrong.
	 * @param text what follows {@code FROM:} or {@code TO:}, which the caller has checked
	 * starts without a space
	 * @param allowNull whether {@code <>} is allowed (reverse-path)
	 */
	static MailPath parse(String text, boolean allowNull) {
		String s = text;
		if (s.isEmpty() || s.charAt(0) != '<') {
			return null;
		}
		int end = closingBracket(s);
		if (end < 0) {
			return null;
		}
		String inner = s.substring(1, end);
		String rest = s.substring(end + 1);
		if (!rest.isEmpty() && rest.charAt(0) != ' ') {
			return null;
		}
		rest = rest.strip();
		if (inner.isEmpty()) {
			return allowNull ? new MailPath("", rest) : null;
		}
		// A source route (A-d-l) is allowed by the grammar and ignored, as section
		// 4.1.1.3 asks.
		if (inner.charAt(0) == '@') {
			int colon = inner.indexOf(':');
			if (colon < 0 || !sourceRoute(inner.substring(0, colon))) {
				return null;
			}
			inner = inner.substring(colon + 1);
		}
		if (!allowNull && inner.equalsIgnoreCase("postmaster")) {
			return new MailPath("Postmaster", rest);
		}
		return isMailbox(inner) ? new MailPath(inner, rest) : null;
	}

	private static int closingBracket(String s) {
		boolean quoted = false;
		for (int i = 1; i < s.length(); i++) {
			char c = s.charAt(i);
			if (quoted && c == '\\') {
				i++;
			}
			else if (c == '"') {
				quoted = !quoted;
			}
			else if (!quoted && c == '>') {
				return i;
			}
		}
		return -1;
	}

	private static boolean sourceRoute(String route) {
		for (String hop : route.split(",", -1)) {
			if (hop.length() < 2 || hop.charAt(0) != '@' || !isDomain(hop.substring(1))) {
				return false;
			}
		}
		return true;
	}

	static boolean isMailbox(String mailbox) {
		int at = mailbox.lastIndexOf('@');
		if (at <= 0 || at == mailbox.length() - 1) {
			return false;
		}
		String local = mailbox.substring(0, at);
		String domain = mailbox.substring(at + 1);
		return (isDotString(local) || isQuotedString(local)) && octets(local) <= 64
				&& (isDomain(domain) || isAddressLiteral(domain)) && octets(mailbox) <= 254;
	}

	private static int octets(String s) {
		return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
	}

	private static boolean isDotString(String s) {
		if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
			return false;
		}
		return s.codePoints().allMatch((c) -> c == '.' || isAtext(c));
	}

	private static boolean isAtext(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| ATEXT_SPECIALS.indexOf(c) >= 0 || isNonAscii(c);
	}

	private static boolean isNonAscii(int c) {
		return c > 127 && !Character.isISOControl(c) && !Character.isWhitespace(c);
	}

	private static boolean isQuotedString(String s) {
		if (s.length() < 2 || s.charAt(0) != '"' || s.charAt(s.length() - 1) != '"') {
			return false;
		}
		for (int i = 1; i < s.length() - 1; i++) {
			char c = s.charAt(i);
			if (c == '\\') {
				i++;
				if (i >= s.length() - 1 || s.charAt(i) < 32 || s.charAt(i) > 126) {
					return false;
				}
			}
			else if (c == '"' || (c < 32 || c == 127) || (c > 127 && !isNonAscii(c))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a string is a domain: dot-separated labels of letters, digits and inner
	 * hyphens (or UTF-8 U-labels), at most 255 octets.
	 */
	static boolean isDomain(String s) {
		if (s.isEmpty() || octets(s) > 255) {
			return false;
		}
		for (String label : s.split("\\.", -1)) {
			if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
				return false;
			}
			if (!label.codePoints()
				.allMatch((c) -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
						|| isNonAscii(c))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a string is an address literal: {@code [192.0.2.1]}, {@code [IPv6:…]} or a
	 * general literal {@code [tag:content]}.
	 */
	static boolean isAddressLiteral(String s) {
		if (s.length() < 3 || s.charAt(0) != '[' || s.charAt(s.length() - 1) != ']') {
			return false;
		}
		String inner = s.substring(1, s.length() - 1);
		if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
			return isIpv6(inner.substring(5));
		}
		if (inner.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
			return isIpv4(inner);
		}
		int colon = inner.indexOf(':');
		return colon > 0 && inner.substring(0, colon).matches("[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
				&& inner.substring(colon + 1).matches("[\\x21-\\x5a\\x5e-\\x7e]+");
	}

	private static boolean isIpv4(String s) {
		if (!s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
			return false;
		}
		for (String part : s.split("\\.")) {
			if (Integer.parseInt(part) > 255) {
				return false;
			}
		}
		return true;
	}

	/**
	 * RFC 5321 section 4.1.3: IPv6-full (8 groups), IPv6-comp (one "::", at most 6
	 * groups), IPv6v4-full (6 groups and an IPv4 address) and IPv6v4-comp (one "::", at
	 * most 4 groups, and an IPv4 address).
	 */
	static boolean isIpv6(String address) {
		if (address.isEmpty() || address.length() > 45) {
			return false;
		}
		int lastColon = address.lastIndexOf(':');
		if (lastColon < 0) {
			return false;
		}
		String tail = address.substring(lastColon + 1);
		if (!tail.contains(".")) {
			return hexGroups(address, 8, 6);
		}
		if (!isIpv4(tail)) {
			return false;
		}
		String head = address.substring(0, lastColon + 1);
		// "::" just before the IPv4 part belongs to the hex part; a single ":" separates.
		return hexGroups(head.endsWith("::") ? head : head.substring(0, head.length() - 1), 6, 4);
	}

	private static boolean hexGroups(String s, int full, int compressedMax) {
		int gap = s.indexOf("::");
		if (gap < 0) {
			String[] groups = s.split(":", -1);
			return groups.length == full && Arrays.stream(groups).allMatch(MailPath::isHexGroup);
		}
		if (s.indexOf("::", gap + 1) >= 0) {
			return false;
		}
		int count = 0;
		for (String side : new String[] { s.substring(0, gap), s.substring(gap + 2) }) {
			if (side.isEmpty()) {
				continue;
			}
			String[] groups = side.split(":", -1);
			if (!Arrays.stream(groups).allMatch(MailPath::isHexGroup)) {
				return false;
			}
			count += groups.length;
		}
		return count <= compressedMax;
	}

	private static boolean isHexGroup(String group) {
		return group.matches("[0-9A-Fa-f]{1,4}");
	}

}
