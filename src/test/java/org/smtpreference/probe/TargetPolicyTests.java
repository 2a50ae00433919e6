package org.smtpreference.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The allow-list at the check itself: no test here opens a socket, and every resolver
 * answer is made up, so a broken check can never send a packet anywhere.
 */
class TargetPolicyTests {

	private final TestResolver resolver = new TestResolver().map("mail.example.com", "203.0.113.10")
		.map("evil.example.com", "127.0.0.2")
		.map("meta.example.com", "169.254.169.254")
		.map("private.example.com", "10.1.2.3")
		.map("mixed.example.com", "203.0.113.11", "127.0.0.3")
		.map("mapped.example.com", "::ffff:127.0.0.1")
		.map("v6.example.com", "2001:db8::25")
		.alias("alias.example.com", "hop.example.net")
		.alias("hop.example.net", "loop.example.net")
		.map("loop.example.net", "127.0.0.4")
		.map("localhost", "127.0.0.1");

	private TargetPolicy policy(String... entries) {
		return new TargetPolicy(List.of(entries), this.resolver);
	}

	private static String refusal(TargetPolicy policy, String host, int port) {
		TargetPolicy.Refusal refusal = catchThrowableOfType(TargetPolicy.Refusal.class, () -> policy.check(host, port));
		assertThat(refusal).as("%s:%d is refused", host, port).isNotNull();
		return refusal.reason();
	}

	@Test
	void nothingIsAllowedWithAnEmptyList() {
		assertThat(refusal(policy(), "mail.example.com", 25)).isEqualTo("notAllowed");
		assertThat(refusal(policy(), "203.0.113.10", 25)).isEqualTo("notAllowed");
	}

	@Test
	void anAllowedNameWithAPublicAddressPassesOnItsPortsOnly() throws Exception {
		TargetPolicy policy = policy("mail.example.com:25,587");
		TargetPolicy.Target target = policy.check("Mail.Example.COM.", 587);
		assertThat(target.addresses()).containsExactly(InetAddress.getByName("203.0.113.10"));
		assertThat(refusal(policy, "mail.example.com", 465)).isEqualTo("notAllowed");
	}

	@Test
	void commaSplitItemsOfOneEntryAreMergedBack() throws Exception {
		// site.probe.allowed-targets=mail.example.com:25,587 binds as two items.
		TargetPolicy policy = new TargetPolicy(List.of("mail.example.com:25", "587", ".example.net:26"), this.resolver);
		assertThat(policy.check("mail.example.com", 587).port()).isEqualTo(587);
	}

	@Test
	void anAllowedNameResolvingToLoopbackIsRefused() {
		assertThat(refusal(policy("evil.example.com:25"), "evil.example.com", 25)).isEqualTo("loopback");
		assertThat(refusal(policy(".example.com:25"), "evil.example.com", 25)).isEqualTo("loopback");
	}

	@Test
	void everyResolvedAddressIsCheckedNotOnlyTheFirst() {
		assertThat(refusal(policy("mixed.example.com:25"), "mixed.example.com", 25)).isEqualTo("loopback");
	}

	@Test
	void theMetadataAddressNeedsItsOwnEntry() throws Exception {
		assertThat(refusal(policy("meta.example.com:80", "169.254.0.0/16:80"), "meta.example.com", 80))
			.isEqualTo("metadata");
		assertThat(refusal(policy("0.0.0.0/0:80"), "169.254.169.254", 80)).isEqualTo("metadata");
		assertThat(policy("169.254.169.254/32:80").check("169.254.169.254", 80).port()).isEqualTo(80);
	}

	@Test
	void loopbackAndLinkLocalNeedARangeInsideThemNotAWideOne() throws Exception {
		assertThat(refusal(policy("0.0.0.0/0:25"), "127.0.0.1", 25)).isEqualTo("loopback");
		assertThat(refusal(policy("0.0.0.0/0:25"), "169.254.1.1", 25)).isEqualTo("linkLocal");
		assertThat(refusal(policy("[::]/0:25"), "::1", 25)).isEqualTo("loopback");
		assertThat(refusal(policy("[::]/0:25"), "[fe80::1]", 25)).isEqualTo("linkLocal");
		assertThat(policy("127.0.0.1/32:25").check("127.0.0.1", 25).addresses())
			.containsExactly(InetAddress.getByName("127.0.0.1"));
		assertThat(refusal(policy("127.0.0.1/32:25"), "127.0.0.2", 25)).isEqualTo("loopback");
	}

	@Test
	void privateRangesNeedACoveringEntry() throws Exception {
		assertThat(refusal(policy("private.example.com:25"), "private.example.com", 25)).isEqualTo("private");
		assertThat(refusal(policy(".example.com:25"), "192.168.1.1", 25)).isEqualTo("private");
		assertThat(refusal(policy(".example.com:25"), "[fd00::1]", 25)).isEqualTo("private");
		assertThat(policy("private.example.com:25", "10.0.0.0/8:25").check("private.example.com", 25).addresses())
			.hasSize(1);
	}

	@Test
	void ipv4MappedAndEmbeddedIpv6FormsAreCheckedAsTheAddressTheyLeadTo() {
		TargetPolicy policy = policy(".example.com:25", "[2001:db8::]/32:25");
		assertThat(refusal(policy, "::ffff:127.0.0.1", 25)).isEqualTo("loopback");
		assertThat(refusal(policy, "[::ffff:7f00:1]", 25)).isEqualTo("loopback");
		assertThat(refusal(policy, "::ffff:169.254.169.254", 25)).isEqualTo("metadata");
		assertThat(refusal(policy, "mapped.example.com", 25)).isEqualTo("loopback");
		assertThat(refusal(policy, "::127.0.0.1", 25)).isEqualTo("embedded");
		assertThat(refusal(policy, "64:ff9b::7f00:1", 25)).isEqualTo("embedded");
		assertThat(refusal(policy, "2002:7f00:1::", 25)).isEqualTo("embedded");
		assertThat(refusal(policy, "::", 25)).isEqualTo("special");
	}

	@Test
	void unusualIpv4SpellingsAreRefusedBeforeAnyLookup() {
		TargetPolicy policy = policy("127.0.0.0/8:25", ".example.com:25");
		for (String spelling : List.of("2130706433", "0177.0.0.1", "0x7f.1", "0x7f000001", "127.1", "127.0.1",
				"017700000001", "127.0.0.01", "1.2.3.4.5", "0x7f.0x0.0x0.0x1", "mail.example.com.1")) {
			assertThat(refusal(policy, spelling, 25)).as(spelling).isEqualTo("unusualAddress");
		}
		assertThat(this.resolver.asked).isEmpty();
	}

	@Test
	void localhostNamesAreRefusedUnlessListedByName() throws Exception {
		TargetPolicy policy = policy(".localhost:25", ".localdomain:25", "127.0.0.0/8:25");
		for (String name : List.of("localhost", "LOCALHOST.", "localhost.localdomain", "mail.localhost",
				"ip6-localhost", "localhost6")) {
			assertThat(refusal(policy, name, 25)).as(name).isEqualTo("localhost");
		}
		assertThat(policy("localhost:25", "127.0.0.1/32:25").check("localhost", 25).addresses()).hasSize(1);
	}

	@Test
	void aCnameChainEndingOnLoopbackIsRefusedAndTheChainIsKept() throws Exception {
		assertThat(refusal(policy("alias.example.com:25"), "alias.example.com", 25)).isEqualTo("loopback");
		TargetPolicy.Target target = policy("alias.example.com:25", "127.0.0.4/32:25").check("alias.example.com", 25);
		assertThat(target.chain()).containsExactly("alias.example.com", "hop.example.net", "loop.example.net");
	}

	@Test
	void malformedNamesAndPortsAreRefused() {
		TargetPolicy policy = policy(".example.com:25");
		assertThat(refusal(policy, "mail.example.com\r\nMAIL FROM:<x>", 25)).isEqualTo("badName");
		assertThat(refusal(policy, "mail example.com", 25)).isEqualTo("badName");
		assertThat(refusal(policy, "[::1%lo]", 25)).isEqualTo("badName");
		assertThat(refusal(policy, "m\u00e4il.example.com", 25)).isEqualTo("badName");
		assertThat(refusal(policy, "", 25)).isEqualTo("badName");
		assertThat(refusal(policy, "mail.example.com", 0)).isEqualTo("port");
		assertThat(refusal(policy, "mail.example.com", 65536)).isEqualTo("port");
		assertThat(refusal(policy, "nowhere.example.com", 25)).isEqualTo("unresolved");
	}

	@Test
	void aSuffixDoesNotMatchANameThatOnlyEndsWithItsLetters() {
		assertThat(refusal(policy(".example.com:25"), "mail.badexample.com", 25)).isEqualTo("notAllowed");
	}

	@Test
	void publicAddressLiteralsNeedARange() throws Exception {
		assertThat(refusal(policy("mail.example.com:25"), "203.0.113.10", 25)).isEqualTo("notAllowed");
		assertThat(policy("203.0.113.0/24:25").check("203.0.113.10", 25).addresses()).hasSize(1);
		assertThat(policy("[2001:db8::]/32:25").check("[2001:db8::25]", 25).addresses()).hasSize(1);
	}

	@Test
	void invalidEntriesStopTheStart() {
		for (String entry : List.of("mail.example.com", "mail.example.com:0", "mail.example.com:70000",
				"10.0.0.0/33:25", "0177.0.0.1:25", ".:25", "[::1:25")) {
			assertThatIllegalArgumentException().as(entry).isThrownBy(() -> policy(entry));
		}
	}

	/**
	 * Names mapped to made-up addresses and aliases, recording what was asked.
	 */
	static final class TestResolver implements ProbeResolver {

		private final java.util.Map<String, List<InetAddress>> addresses = new java.util.HashMap<>();

		private final java.util.Map<String, String> aliases = new java.util.HashMap<>();

		final List<String> asked = new ArrayList<>();

		TestResolver map(String name, String... literals) {
			List<InetAddress> list = new ArrayList<>();
			for (String literal : literals) {
				try {
					list.add(InetAddress.getByName(literal));
				}
				catch (UnknownHostException ex) {
					throw new IllegalArgumentException(ex);
				}
			}
			this.addresses.put(name, list);
			return this;
		}

		TestResolver alias(String name, String target) {
			this.aliases.put(name, target);
			return this;
		}

		@Override
		public Resolution resolve(String name) throws UnknownHostException {
			this.asked.add(name);
			List<String> chain = new ArrayList<>(List.of(name));
			String current = name;
			for (int hops = 0; this.aliases.containsKey(current); hops++) {
				if (hops > 8) {
					throw new UnknownHostException(name);
				}
				current = this.aliases.get(current);
				chain.add(current);
			}
			List<InetAddress> found = this.addresses.get(current);
			if (found == null) {
				throw new UnknownHostException(name);
			}
			return new Resolution(chain, found);
		}

	}

}
