package org.smtpreference.content;

import java.util.List;

/**
 * Where a value stands in a content file (the file, the entry, the field's path, hence
 * its line and column), to report a problem there.
 */
final class Place {

	private final ContentFile file;

	private final String entry;

	private final String pointer;

	private final String prefix;

	private Place(ContentFile file, String entry, String pointer, String prefix) {
		this.file = file;
		this.entry = entry;
		this.pointer = pointer;
		this.prefix = prefix;
	}

	/**
	 * The top of a file.
	 */
	static Place of(ContentFile file) {
		return new Place(file, null, "", "");
	}

	/**
	 * An entry of a list, named for the reader of the message.
	 */
	Place entry(String list, int index, String name) {
		return new Place(this.file, null, this.pointer + "/" + list.replace(".", "/") + "/" + index, "").named(name);
	}

	/**
	 * The same place under another name, once its identifier is known.
	 */
	Place named(String name) {
		this.file.nameEntry(this.pointer, name);
		return new Place(this.file, name, this.pointer, this.prefix);
	}

	/**
	 * A nested mapping, whose fields are named with this field as prefix.
	 */
	Place child(String field) {
		return new Place(this.file, this.entry, path(field), this.prefix + field + ".");
	}

	ContentException fail(String field, String problem) {
		return fail(path(field), this.prefix + field, problem);
	}

	/**
	 * A problem with one item of a list field: the item's line, the field's name.
	 */
	ContentException fail(String field, int index, String problem) {
		return fail(path(field) + "/" + index, this.prefix + field, problem);
	}

	/**
	 * A problem with the entry as a whole.
	 */
	ContentException fail(String problem) {
		return fail(this.pointer, this.prefix.isEmpty() ? null : this.prefix.substring(0, this.prefix.length() - 1),
				problem);
	}

	private ContentException fail(String pointer, String field, String problem) {
		return new ContentException(List.of(this.file.problem(pointer, this.entry, field, problem)));
	}

	private String path(String field) {
		StringBuilder path = new StringBuilder(this.pointer);
		for (String segment : field.split("\\.")) {
			path.append('/').append(ContentFile.escape(segment));
		}
		return path.toString();
	}

}
