package org.smtpreference.content;

import java.util.List;

/**
 * What the printable cheat sheet shows beyond the other content: the enhanced status
 * codes readers meet most and the ports mail is sent on.
 *
 * @param statusCodes the codes in the order printed, written in full ({@code 5.1.1})
 * @param ports the ports with what each is for
 */
public record CheatSheet(List<String> statusCodes, List<Port> ports) {

	public CheatSheet {
		statusCodes = List.copyOf(statusCodes);
		ports = List.copyOf(ports);
	}

	/**
	 * A port and what it is for.
	 *
	 * @param number the TCP port
	 * @param use one line saying what it is for
	 */
	public record Port(int number, Text use) {
	}

}
