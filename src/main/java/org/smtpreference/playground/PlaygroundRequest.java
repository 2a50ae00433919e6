package org.smtpreference.playground;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the playground's JSON endpoint is sent: every client line of the session so far.
 *
 * @param lines the client's lines in order, each without CRLF
 * @param scenario the guided session whose server plays them (its port and policy), or
 * {@code null} for the playground's own
 */
record PlaygroundRequest(List<String> lines, @Schema(types = {
		"string", "null" }) String scenario){
}
