package org.smtpreference.probe;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Turns a host name into the addresses the probe may connect to: a bean of its own so
 * that tests map names to loopback addresses and the allow-list is proved without a
 * packet leaving the machine.
 */
interface ProbeResolver {

	/**
	 * The name's addresses and the names it was known by on the way (CNAMEs).
	 * @param name a host name, never an address literal
	 * @return what the name resolves to
	 * @throws UnknownHostException when it resolves to nothing
	 */
	Resolution resolve(String name) throws UnknownHostException;

	/**
	 * What a name resolved to.
	 *
	 * @param chain the name asked for, then every alias (CNAME) followed, in order
	 * @param addresses the addresses at the end of the chain
	 */
	record Resolution(List<String> chain, List<InetAddress> addresses) {

		public Resolution {
			chain = List.copyOf(chain);
			addresses = List.copyOf(addresses);
		}

	}

}
