package org.smtpreference.content;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Text in one language, parsed into blocks of inline runs.
 *
 * @param blocks paragraphs and lists, in order
 */
public record RichText(List<Block> blocks) {

	public RichText {
		blocks = List.copyOf(blocks);
	}

	/**
	 * The runs of the first paragraph, for one-line places such as summaries.
	 */
	public List<Segment> inline() {
		return this.blocks.isEmpty() ? List.of() : this.blocks.get(0).items().get(0);
	}

	/**
	 * The words without markup, for search, meta descriptions and JSON.
	 */
	public String plain() {
		return this.blocks.stream()
			.map((block) -> block.items()
				.stream()
				.map((item) -> item.stream().map(Segment::text).collect(Collectors.joining()))
				.collect(Collectors.joining(block.list() ? "\n" : " ")))
			.collect(Collectors.joining("\n\n"));
	}

}
