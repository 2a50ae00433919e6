package org.smtpreference.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One probe as it runs and after: the steps as they happen, the TLS facts and the
 * summary, read by the page and the API while the client writes them.
 */
final class ProbeRun {

	private final String id;

	private final ProbeRequest request;

	private final List<Step> steps = new CopyOnWriteArrayList<>();

	private final CountDownLatch done = new CountDownLatch(1);

	private volatile TlsFacts tls;

	private volatile List<Keyword> ehloBefore = List.of();

	private volatile List<Keyword> ehloAfter = List.of();

	private volatile List<Note> summary = List.of();

	private volatile long finishedAt;

	ProbeRun(String id, ProbeRequest request) {
		this.id = id;
		this.request = request;
	}

	String id() {
		return this.id;
	}

	ProbeRequest request() {
		return this.request;
	}

	List<Step> steps() {
		return List.copyOf(this.steps);
	}

	void add(Step step) {
		this.steps.add(step);
	}

	TlsFacts tls() {
		return this.tls;
	}

	void tls(TlsFacts tls) {
		this.tls = tls;
	}

	/**
	 * The EHLO keywords before TLS (or of the only EHLO).
	 */
	List<Keyword> ehloBefore() {
		return this.ehloBefore;
	}

	/**
	 * The EHLO keywords after STARTTLS, empty without it.
	 */
	List<Keyword> ehloAfter() {
		return this.ehloAfter;
	}

	void ehlo(List<Keyword> keywords, boolean afterTls) {
		if (afterTls) {
			this.ehloAfter = List.copyOf(keywords);
		}
		else {
			this.ehloBefore = List.copyOf(keywords);
		}
	}

	List<Note> summary() {
		return this.summary;
	}

	boolean done() {
		return this.done.getCount() == 0;
	}

	void finish(List<Note> summary) {
		this.summary = List.copyOf(summary);
		this.finishedAt = System.nanoTime();
		this.done.countDown();
	}

	long finishedAt() {
		return this.finishedAt;
	}

	boolean await(long millis) throws InterruptedException {
		return this.done.await(millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * What the client did in one step.
	 */
	enum Action {

		CONNECT, TLS, GREETING, EHLO, STARTTLS, MAIL, RCPT, RSET, QUIT

	}

	/**
	 * One step: what was sent, what came back, how long it took and what went wrong.
	 *
	 * @param action the step
	 * @param sent the command line sent (without CRLF), or {@code null}
	 * @param reply the reply's lines, shown safe (control characters made visible)
	 * @param code the reply code, {@code 0} without a complete reply
	 * @param millis how long the step took
	 * @param problem what went wrong, a key under {@code probe.problem.}, or {@code null}
	 * @param detail the address or figure the problem is about, or {@code null}
	 */
	record Step(Action action, String sent, List<String> reply, int code, long millis, String problem, String detail) {

		Step {
			reply = List.copyOf(reply);
		}

	}

	/**
	 * One EHLO keyword with its parameters.
	 *
	 * @param keyword the keyword, upper case
	 * @param parameters the rest of its line
	 */
	record Keyword(String keyword, String parameters) {
	}

	/**
	 * One line of the summary: a message key under {@code probe.summary.} and its values.
	 *
	 * @param level {@code success}, {@code warning} or {@code danger}
	 * @param key the message key's last part
	 * @param arguments its values
	 */
	record Note(String level, String key, List<String> arguments) {

		Note {
			arguments = List.copyOf(arguments);
		}

		static Note of(String level, String key, Object... arguments) {
			List<String> shown = new ArrayList<>();
			for (Object argument : arguments) {
				shown.add(String.valueOf(argument));
			}
			return new Note(level, key, shown);
		}

	}

	/**
	 * What the TLS handshake showed.
	 *
	 * @param protocol such as {@code TLSv1.3}
	 * @param cipher the cipher suite
	 * @param chain the certificates the server sent, its own first
	 * @param trusted whether the chain verifies against the default trust store for the
	 * name
	 * @param problems why not: keys under {@code probe.tls.} with their values
	 */
	record TlsFacts(String protocol, String cipher, List<Certificate> chain, boolean trusted, List<Note> problems) {

		TlsFacts {
			chain = List.copyOf(chain);
			problems = List.copyOf(problems);
		}

	}

	/**
	 * One certificate of the chain.
	 *
	 * @param subject the subject's distinguished name
	 * @param names the subject alternative names (DNS names and addresses)
	 * @param issuer the issuer's distinguished name
	 * @param notBefore start of validity, ISO-8601
	 * @param notAfter end of validity, ISO-8601
	 */
	record Certificate(String subject, List<String> names, String issuer, String notBefore, String notAfter) {

		Certificate {
			names = List.copyOf(names);
		}

	}

}
