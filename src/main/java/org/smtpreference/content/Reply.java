package org.smtpreference.content;

import java.util.List;

/**
 * A basic SMTP reply code.
 *
 * @param code the three digits
 * @param rfc the defining RFC
 * @param section the section of that RFC
 * @param enhanced enhanced status codes typically seen with it
 * @param example an example reply line
 * @param title a short name
 * @param meaning what it means
 * @param when when servers send it
 * @param causes common causes
 * @param sender what the sender should do
 * @param admin what the administrator should check
 */
public record Reply(int code, int rfc, String section, List<String> enhanced, String example, Text title, Text meaning,
		Text when, Text causes, Text sender, Text admin) {

	public Reply {
		enhanced = List.copyOf(enhanced);
	}

	public int classDigit() {
		return this.code / 100;
	}

	public String path() {
		return "/replies/" + this.code;
	}

	/**
	 * The code's class on the list of replies.
	 */
	public String classPath() {
		return "/replies#class-" + classDigit() + "xx";
	}

}
