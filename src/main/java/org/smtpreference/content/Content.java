package org.smtpreference.content;

import java.util.List;

/**
 * Everything read from the content files, validated.
 *
 * @param commands SMTP commands in reference order
 * @param replyClasses the four classes of reply codes
 * @param replies basic reply codes in numeric order
 * @param statusClasses classes of enhanced status codes
 * @param statusSubjects subjects of enhanced status codes
 * @param statusEntries entries of the enhanced status code registry
 * @param extensions service extensions
 * @param faq questions and answers
 * @param samples code samples
 * @param flow the phases of the session flow on the reference page
 * @param scenarios the playground's guided sessions
 * @param cheatSheet what the printable cheat sheet adds to the rest
 * @param decodeRules the causes the decoder names
 * @param decodeExamples the texts the decoder page offers to try
 * @param providers the providers whose own meanings of codes the decoder shows
 */
record Content(List<Command> commands, List<ReplyClass> replyClasses, List<Reply> replies,
		List<StatusClass> statusClasses, List<StatusClass> statusSubjects, List<StatusEntry> statusEntries,
		List<Extension> extensions, List<FaqEntry> faq, List<Sample> samples, List<FlowPhase> flow,
		CheatSheet cheatSheet, List<DecodeRule> decodeRules, List<DecodeExample> decodeExamples,
		List<Scenario> scenarios, List<Provider> providers) {
}
