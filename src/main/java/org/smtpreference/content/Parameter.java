package org.smtpreference.content;

/**
 * A parameter of a command.
 *
 * @param name the parameter as written, such as {@code SIZE=<bytes>}
 * @param extension slug of the extension that adds it, or {@code null} for core ones
 * @param extensionKeyword that extension's keyword, or {@code null}
 * @param rfc the RFC defining it, {@code 0} when it is the command's own
 * @param description what it means
 */
public record Parameter(String name, String extension, String extensionKeyword, int rfc, Text description) {
}
