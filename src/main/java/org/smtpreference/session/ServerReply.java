package org.smtpreference.session;

import java.util.List;

/**
 * What the server answers to one client line: the lines of one or more replies, without
 * their CRLF, or none while the line was message content.
 *
 * @param lines the reply lines in the order sent
 */
public record ServerReply(List<String> lines) {

	/**
	 * The answer to a line of message content: nothing until the content ends.
	 */
	public static final ServerReply NONE = new ServerReply(List.of());

	public ServerReply {
		lines = List.copyOf(lines);
	}

	/**
	 * Whether the server said nothing.
	 */
	public boolean isEmpty() {
		return this.lines.isEmpty();
	}

	/**
	 * The basic reply code of the last reply, or 0 when the server said nothing.
	 */
	public int code() {
		return this.lines.isEmpty() ? 0 : codeOf(this.lines.get(this.lines.size() - 1));
	}

	/**
	 * The basic reply codes of every complete reply, in order: one for a single reply,
	 * more when a line both ended a chunk and carried a command.
	 */
	public List<Integer> codes() {
		return this.lines.stream()
			.filter((line) -> line.length() < 4 || line.charAt(3) != '-')
			.map(ServerReply::codeOf)
			.toList();
	}

	private static int codeOf(String line) {
		return Integer.parseInt(line.substring(0, 3));
	}

	ServerReply and(ServerReply other) {
		if (other.isEmpty()) {
			return this;
		}
		if (isEmpty()) {
			return other;
		}
		return new ServerReply(java.util.stream.Stream.concat(this.lines.stream(), other.lines.stream()).toList());
	}

}
