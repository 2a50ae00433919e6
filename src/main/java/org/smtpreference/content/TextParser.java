package org.smtpreference.content;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the content's small text markup: paragraphs, {@code - } bullet lists,
 * {@code `code`} and {@code [[kind:target]]} links.
 */
final class TextParser {

	private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n\\s*\\n");

	private static final Pattern INLINE = Pattern.compile("`([^`]+)`|\\[\\[([a-z]+):([^\\]\\s]+)]]");

	private final LinkResolver links;

	TextParser(LinkResolver links) {
		this.links = links;
	}

	/**
	 * Parses text in one language.
	 * @throws IllegalArgumentException naming a link whose target does not exist
	 */
	RichText parse(String source, Language language) {
		List<Block> blocks = new ArrayList<>();
		for (String paragraph : PARAGRAPH_BREAK.split(source.strip())) {
			List<String> lines = paragraph.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
			if (lines.isEmpty()) {
				continue;
			}
			boolean list = lines.get(0).startsWith("- ");
			List<StringBuilder> items = new ArrayList<>();
			for (String line : lines) {
				if (items.isEmpty() || (list && line.startsWith("- "))) {
					items.add(new StringBuilder(list ? line.substring(2).strip() : line));
				}
				else {
					items.get(items.size() - 1).append(' ').append(line);
				}
			}
			blocks.add(new Block(list, items.stream().map((item) -> inline(item.toString(), language)).toList()));
		}
		return new RichText(blocks);
	}

	private List<Segment> inline(String text, Language language) {
		List<Segment> segments = new ArrayList<>();
		Matcher matcher = INLINE.matcher(text);
		int at = 0;
		while (matcher.find()) {
			if (matcher.start() > at) {
				segments.add(new Segment(Segment.Kind.TEXT, text.substring(at, matcher.start()), null));
			}
			if (matcher.group(1) != null) {
				segments.add(new Segment(Segment.Kind.CODE, matcher.group(1), null));
			}
			else {
				segments.add(this.links.resolve(matcher.group(2), matcher.group(3), language));
			}
			at = matcher.end();
		}
		if (at < text.length()) {
			segments.add(new Segment(Segment.Kind.TEXT, text.substring(at), null));
		}
		return segments;
	}

	/**
	 * Turns a {@code [[kind:target]]} reference into a link.
	 */
	@FunctionalInterface
	interface LinkResolver {

		/**
		 * The link for a reference.
		 * @throws IllegalArgumentException when the target does not exist
		 */
		Segment resolve(String kind, String target, Language language);

	}

}
