package org.smtpreference.content;

/**
 * The class (first number) or subject (second number) of enhanced status codes.
 *
 * @param digit the number
 * @param title its name
 * @param description what it means
 */
public record StatusClass(int digit, Text title, Text description) {
}
