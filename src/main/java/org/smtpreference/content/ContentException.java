package org.smtpreference.content;

import java.util.List;

/**
 * Thrown at start-up when the content is broken; the message names the file, the line and
 * column, the entry and the field of each problem found.
 */
public class ContentException extends RuntimeException {

	ContentException(String file, String entry, String field, String problem) {
		this(List.of(new Problem(file, null, entry, field, problem, "")));
	}

	private final transient List<Problem> problems;

	ContentException(List<Problem> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	List<Problem> problems() {
		return this.problems;
	}

	private static String message(List<Problem> problems) {
		StringBuilder message = new StringBuilder("Broken content in ").append(problems.get(0));
		if (problems.size() > 1) {
			// Every problem at once, so that one edit fixes them all rather than one per
			// start.
			message.append("\n").append(problems.size() - 1).append(" more:");
			problems.subList(1, problems.size()).forEach((problem) -> message.append("\n  in ").append(problem));
		}
		return message.toString();
	}

	/**
	 * One problem: where it is and what is wrong.
	 *
	 * @param file the file's name
	 * @param location the line and column, or {@code null} when the file cannot be read
	 * @param entry the entry's name, or {@code null} for the file itself
	 * @param field the field's path with dots ({@code summary.tr}), or {@code null}
	 * @param text what is wrong
	 * @param pointer where it is as a JSON pointer, to tell problems at the same place
	 */
	record Problem(String file, Location location, String entry, String field, String text, String pointer) {

		@Override
		public String toString() {
			return this.file + ((this.location != null) ? " at " + this.location : "")
					+ ((this.entry != null) ? ", entry '" + this.entry + "'" : "")
					+ ((this.field != null) ? ", field '" + this.field + "'" : "") + ": " + this.text;
		}

	}

	/**
	 * A place in a file, counted from 1 as editors show it.
	 *
	 * @param line the line
	 * @param column the column
	 */
	record Location(int line, int column) {

		@Override
		public String toString() {
			return "line " + this.line + ", column " + this.column;
		}

	}

}
