package org.smtpreference.content;

/**
 * A real-world text the decoder page offers to try.
 *
 * @param id a stable identifier, lower-case with hyphens
 * @param label the button's words
 * @param text the text to decode
 */
public record DecodeExample(String id, Text label, String text) {
}
