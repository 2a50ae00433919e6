package org.smtpreference.content;

import java.util.List;

/**
 * One step of a guided session: the lines the client sends, the reply codes the server is
 * expected to answer and what the step shows. The replies themselves come from the
 * simulated server, never from the content.
 *
 * @param client the client's lines, without CRLF; several for a pipelined batch or a
 * message's content
 * @param expect the basic reply codes the server answers to these lines, in order
 * @param explanation what happens and why
 */
public record ScenarioStep(List<String> client, List<Integer> expect, Text explanation) {

	public ScenarioStep {
		client = List.copyOf(client);
		expect = List.copyOf(expect);
	}

}
