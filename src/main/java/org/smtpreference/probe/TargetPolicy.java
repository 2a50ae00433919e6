package org.smtpreference.probe;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a host and port may be probed: the name against the allow-list, then
 * every address it resolves to, so the probe connects only to an address that was checked
 * (no second lookup, so no DNS rebinding).
 */
class TargetPolicy {

	/** Most addresses of one name that are checked; a name with more is refused. */
	static final int MAX_ADDRESSES = 16;

	private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");

	private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0x[0-9a-f]*");

	private static final Pattern PORTS = Pattern.compile("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*");

	private static final Set<String> LOCALHOST_NAMES = Set.of("localhost", "localhost.localdomain", "localhost4",
			"localhost4.localdomain4", "localhost6", "localhost6.localdomain6", "ip6-localhost", "ip6-loopback");

	private final List<Entry> entries;

	private final ProbeResolver resolver;

	TargetPolicy(List<String> allowedTargets, ProbeResolver resolver) {
		this.entries = parse(allowedTargets);
		this.resolver = resolver;
	}

	/**
	 * Whether anything at all may be probed.
	 */
	boolean allowsAnything() {
		return !this.entries.isEmpty();
	}

	/**
	 * The target checked and resolved, or a refusal saying why not.
	 * @param host the host as the reader typed it: a name or an address literal
	 * @param port the port
	 * @return the addresses to connect to, every one of them checked
	 * @throws Refusal when the target may not be probed
	 */
	Target check(String host, int port) throws Refusal {
		if (port < 1 || port > 65535) {
			throw new Refusal("port", String.valueOf(port));
		}
		String name = normalized(host);
		InetAddress literal = literal(name);
		if (literal != null) {
			checkAddress(literal, port, false);
			return new Target(name, port, List.of(name), List.of(literal));
		}
		if (isLocalhost(name) && this.entries.stream().noneMatch((e) -> e.kind == Kind.NAME && e.name.equals(name))) {
			throw new Refusal("localhost", name);
		}
		boolean nameAllowed = this.entries.stream().anyMatch((e) -> e.matchesName(name) && e.ports.get(port));
		if (!nameAllowed) {
			throw new Refusal("notAllowed", name + ":" + port);
		}
		ProbeResolver.Resolution resolution;
		try {
			resolution = this.resolver.resolve(name);
		}
		catch (UnknownHostException ex) {
			throw new Refusal("unresolved", name);
		}
		if (resolution.addresses().isEmpty()) {
			throw new Refusal("unresolved", name);
		}
		if (resolution.addresses().size() > MAX_ADDRESSES) {
			throw new Refusal("tooManyAddresses", name);
		}
		for (InetAddress address : resolution.addresses()) {
			checkAddress(address, port, true);
		}
		return new Target(name, port, resolution.chain(), resolution.addresses());
	}

	/**
	 * Checks one address: special ones (loopback, link-local, the metadata address) only
	 * when a range inside them is listed, private ones only when a listed range covers
	 * them, public ones when the name was allowed or a listed range covers them.
	 * @param address the address to check
	 * @param port the port
	 * @param nameAllowed whether the address came from a name the allow-list admits
	 * @throws Refusal when the address may not be probed
	 */
	void checkAddress(InetAddress address, int port, boolean nameAllowed) throws Refusal {
		byte[] bytes = unmapped(address.getAddress());
		String shown = address.getHostAddress();
		AddressClass kind = classify(bytes);
		switch (kind) {
			case SPECIAL, EMBEDDED -> throw new Refusal(kind.key, shown);
			case LOOPBACK, LINK_LOCAL, METADATA -> {
				if (this.entries.stream()
					.noneMatch((e) -> e.ports.get(port) && e.covers(bytes) && kind.contains(e.network, e.prefix))) {
					throw new Refusal(kind.key, shown);
				}
			}
			case PRIVATE -> {
				if (this.entries.stream().noneMatch((e) -> e.ports.get(port) && e.covers(bytes))) {
					throw new Refusal(kind.key, shown);
				}
			}
			case PUBLIC -> {
				if (!nameAllowed && this.entries.stream().noneMatch((e) -> e.ports.get(port) && e.covers(bytes))) {
					throw new Refusal("notAllowed", shown + ":" + port);
				}
			}
		}
	}

	/**
	 * The host lower-cased (as an identifier), without one trailing dot or the brackets
	 * of an IPv6 literal, checked to be a host name or address at all.
	 */
	static String normalized(String host) throws Refusal {
		if (host == null || host.isBlank()) {
			throw new Refusal("badName", "");
		}
		String name = host.strip().toLowerCase(Locale.ROOT);
		if (name.startsWith("[") && name.endsWith("]")) {
			name = name.substring(1, name.length() - 1);
		}
		if (name.endsWith(".") && !name.contains(":")) {
			name = name.substring(0, name.length() - 1);
		}
		if (name.isEmpty() || name.length() > 253 || !name.chars().allMatch((c) -> c > 32 && c < 127)) {
			throw new Refusal("badName", Refusal.shown(host));
		}
		return name;
	}

	/**
	 * The address a host names literally, or {@code null} for a host name. Numbers
	 * written any other way than four plain decimal parts ({@code 2130706433},
	 * {@code 0177.0.0.1}, {@code 0x7f.1}, {@code 127.1}) are refused: resolvers read them
	 * differently, and no real host name ends in a number.
	 */
	static InetAddress literal(String name) throws Refusal {
		if (name.contains(":")) {
			if (!name.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
				throw new Refusal("badName", Refusal.shown(name));
			}
			try {
				// Only hex digits, colons and dots: parsed as a literal, never looked up.
				return InetAddress.getByName("[" + name + "]");
			}
			catch (UnknownHostException ex) {
				throw new Refusal("badName", Refusal.shown(name));
			}
		}
		String[] labels = name.split("\\.", -1);
		if (labels.length == 4 && name.matches("[0-9.]+")) {
			byte[] bytes = new byte[4];
			for (int i = 0; i < 4; i++) {
				if (!labels[i].matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(labels[i]) > 255) {
					throw new Refusal("unusualAddress", name);
				}
				bytes[i] = (byte) Integer.parseInt(labels[i]);
			}
			try {
				return InetAddress.getByAddress(bytes);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}
		for (String label : labels) {
			if (!LABEL.matcher(label).matches()) {
				throw new Refusal("badName", Refusal.shown(name));
			}
		}
		if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
			throw new Refusal("unusualAddress", name);
		}
		return null;
	}

	private static boolean isLocalhost(String name) {
		return LOCALHOST_NAMES.contains(name) || name.endsWith(".localhost");
	}

	/**
	 * The IPv4 address inside an IPv4-mapped IPv6 address, else the bytes as they are.
	 */
	static byte[] unmapped(byte[] bytes) {
		if (bytes.length == 16 && prefixZero(bytes, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
			return new byte[] { bytes[12], bytes[13], bytes[14], bytes[15] };
		}
		return bytes;
	}

	private static boolean prefixZero(byte[] bytes, int count) {
		for (int i = 0; i < count; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	static AddressClass classify(byte[] bytes) {
		if (bytes.length == 4) {
			int a = bytes[0] & 0xff;
			int b = bytes[1] & 0xff;
			if (a == 0 || a >= 224) {
				return AddressClass.SPECIAL;
			}
			if (a == 127) {
				return AddressClass.LOOPBACK;
			}
			if (a == 169 && b == 254) {
				return ((bytes[2] & 0xff) == 169 && (bytes[3] & 0xff) == 254) ? AddressClass.METADATA
						: AddressClass.LINK_LOCAL;
			}
			if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
					|| (a == 100 && b >= 64 && b <= 127) || (a == 198 && (b == 18 || b == 19))) {
				return AddressClass.PRIVATE;
			}
			return AddressClass.PUBLIC;
		}
		if (prefixZero(bytes, 15)) {
			return (bytes[15] == 1) ? AddressClass.LOOPBACK : AddressClass.SPECIAL;
		}
		if (matches(bytes, AddressClass.AWS_METADATA_V6, 128)) {
			return AddressClass.METADATA;
		}
		int first = bytes[0] & 0xff;
		int second = bytes[1] & 0xff;
		if (first == 0xff) {
			return AddressClass.SPECIAL;
		}
		if (first == 0xfe && (second & 0xc0) == 0x80) {
			return AddressClass.LINK_LOCAL;
		}
		if ((first & 0xfe) == 0xfc || (first == 0xfe && (second & 0xc0) == 0xc0)) {
			return AddressClass.PRIVATE;
		}
		// IPv4 carried inside IPv6 (compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4
		// 2002::/16): the address it leads to is not the one checked, so refused.
		if (prefixZero(bytes, 12) || (first == 0x20 && second == 0x02)
				|| matches(bytes, new byte[] { 0, 0x64, (byte) 0xff, (byte) 0x9b }, 32)) {
			return AddressClass.EMBEDDED;
		}
		return AddressClass.PUBLIC;
	}

	static boolean matches(byte[] address, byte[] network, int prefix) {
		if (address.length != network.length && !(network.length < address.length && prefix <= network.length * 8)) {
			return false;
		}
		for (int bit = 0; bit < prefix; bit++) {
			int mask = 0x80 >> (bit % 8);
			if ((address[bit / 8] & mask) != (network[bit / 8] & mask)) {
				return false;
			}
		}
		return true;
	}

	static List<Entry> parse(List<String> allowedTargets) {
		List<Entry> entries = new ArrayList<>();
		List<String> merged = new ArrayList<>();
		for (String raw : allowedTargets) {
			String item = raw.strip().toLowerCase(Locale.ROOT);
			if (item.isEmpty()) {
				continue;
			}
			// A comma-separated property splits one entry's ports into items of their
			// own.
			if (PORTS.matcher(item).matches() && !merged.isEmpty()) {
				merged.set(merged.size() - 1, merged.get(merged.size() - 1) + "," + item);
			}
			else {
				merged.add(item);
			}
		}
		for (String item : merged) {
			entries.add(Entry.of(item));
		}
		return List.copyOf(entries);
	}

	/**
	 * What kind of address an address is, for the allow-list.
	 */
	enum AddressClass {

		PUBLIC("notAllowed"), PRIVATE("private"), LOOPBACK("loopback"), LINK_LOCAL("linkLocal"), METADATA("metadata"),
		SPECIAL("special"), EMBEDDED("embedded");

		static final byte[] AWS_METADATA_V6 = { (byte) 0xfd, 0, 0x0e, (byte) 0xc2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
				0x02, };

		final String key;

		AddressClass(String key) {
			this.key = key;
		}

		/**
		 * Whether a listed range lies wholly inside this kind's own range: listing it
		 * admits these addresses explicitly (a wide range such as {@code 0.0.0.0/0} does
		 * not).
		 */
		boolean contains(byte[] network, int prefix) {
			return switch (this) {
				case LOOPBACK -> (network.length == 4) ? prefix >= 8 && (network[0] & 0xff) == 127
						: prefix == 128 && classify(network) == LOOPBACK;
				case LINK_LOCAL ->
					(network.length == 4) ? prefix >= 16 && (network[0] & 0xff) == 169 && (network[1] & 0xff) == 254
							: prefix >= 10 && classify(network) == LINK_LOCAL;
				case METADATA -> prefix == network.length * 8 && classify(network) == METADATA;
				default -> false;
			};
		}

	}

	enum Kind {

		NAME, SUFFIX, RANGE

	}

	/**
	 * One allow-list entry: a name, a domain suffix or an address range, with its ports.
	 */
	record Entry(Kind kind, String name, byte[] network, int prefix, BitSet ports) {

		static Entry of(String item) {
			String target;
			String ports;
			if (item.startsWith("[")) {
				int close = item.indexOf(']');
				int colon = item.indexOf(':', Math.max(close, 0));
				if (close < 0 || colon < 0 || item.lastIndexOf(':') != colon) {
					throw invalid(item);
				}
				target = item.substring(1, close) + item.substring(close + 1, colon);
				ports = item.substring(colon + 1);
			}
			else {
				int colon = item.lastIndexOf(':');
				if (colon < 0) {
					throw invalid(item);
				}
				target = item.substring(0, colon);
				ports = item.substring(colon + 1);
			}
			BitSet portSet = ports(ports, item);
			try {
				if (target.contains("/") || target.contains(":")) {
					String[] parts = target.split("/", 2);
					InetAddress network = literal(parts[0]);
					if (network == null) {
						throw invalid(item);
					}
					byte[] bytes = unmapped(network.getAddress());
					int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : bytes.length * 8;
					if (prefix < 0 || prefix > bytes.length * 8) {
						throw invalid(item);
					}
					return new Entry(Kind.RANGE, null, bytes, prefix, portSet);
				}
				if (target.startsWith(".")) {
					if (literal(target.substring(1)) != null) {
						throw invalid(item);
					}
					return new Entry(Kind.SUFFIX, target, null, 0, portSet);
				}
				InetAddress address = literal(target);
				if (address != null) {
					byte[] bytes = unmapped(address.getAddress());
					return new Entry(Kind.RANGE, null, bytes, bytes.length * 8, portSet);
				}
				return new Entry(Kind.NAME, target, null, 0, portSet);
			}
			catch (Refusal | NumberFormatException ex) {
				throw invalid(item);
			}
		}

		private static BitSet ports(String ports, String item) {
			if (!PORTS.matcher(ports).matches()) {
				throw invalid(item);
			}
			BitSet set = new BitSet(65536);
			for (String part : ports.split(",")) {
				String[] range = part.split("-");
				int from = Integer.parseInt(range[0]);
				int to = (range.length == 2) ? Integer.parseInt(range[1]) : from;
				if (from < 1 || to > 65535 || from > to) {
					throw invalid(item);
				}
				set.set(from, to + 1);
			}
			return set;
		}

		private static IllegalArgumentException invalid(String item) {
			return new IllegalArgumentException("site.probe.allowed-targets: '" + item
					+ "' is not name:ports, .suffix:ports or range:ports (such as mail.example.com:25,587, "
					+ ".example.com:25 or 10.0.0.0/8:25)");
		}

		boolean matchesName(String host) {
			return switch (this.kind) {
				case NAME -> this.name.equals(host);
				case SUFFIX -> host.endsWith(this.name);
				case RANGE -> false;
			};
		}

		boolean covers(byte[] address) {
			return this.kind == Kind.RANGE && address.length == this.network.length
					&& matches(address, this.network, this.prefix);
		}

	}

	/**
	 * A target that passed: the name and every address it resolved to were checked.
	 *
	 * @param host the host as checked
	 * @param port the port
	 * @param chain the names it was known by (CNAMEs)
	 * @param addresses the checked addresses, tried in order
	 */
	record Target(String host, int port, List<String> chain, List<InetAddress> addresses) {
	}

	/**
	 * Why a target may not be probed: a message key under {@code probe.refused.} and the
	 * name or address it is about.
	 */
	static final class Refusal extends Exception {

		private final String reason;

		private final String subject;

		Refusal(String reason, String subject) {
			super(reason + ": " + subject, null, false, false);
			this.reason = reason;
			this.subject = subject;
		}

		String reason() {
			return this.reason;
		}

		String subject() {
			return this.subject;
		}

		String key() {
			return "probe.refused." + this.reason;
		}

		static String shown(String text) {
			StringBuilder shown = new StringBuilder();
			text.codePoints().limit(100).forEach((c) -> {
				if (c < 32 || c == 127) {
					shown.append(String.format(Locale.ROOT, "\\x%02X", c));
				}
				else {
					shown.appendCodePoint(c);
				}
			});
			return shown.toString();
		}

	}

}
