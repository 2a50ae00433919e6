package org.smtpreference.content;

import java.util.List;

/**
 * A paragraph, or a bullet list whose items are runs of inline text.
 *
 * @param list whether this block is a bullet list
 * @param items one item for a paragraph, one per bullet for a list
 */
public record Block(boolean list, List<List<Segment>> items) {

	public Block {
		items = items.stream().map(List::copyOf).toList();
	}

}
