package org.smtpreference.probe;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import org.smtpreference.SiteProperties;

import org.springframework.beans.factory.DisposableBean;

/**
 * Starts probes in the background within the limits, and keeps them viewable by their id
 * (128 random bits) for a while after they end.
 */
class ProbeService implements DisposableBean {

	/** Most probes kept for viewing; the oldest finished go first. */
	static final int MAX_KEPT = 1000;

	private final SiteProperties.Probe settings;

	private final TargetPolicy policy;

	private final ProbeClient client;

	private final ProbeLimits limits;

	private final ExecutorService executor;

	private final Map<String, ProbeRun> runs = new ConcurrentHashMap<>();

	private final SecureRandom random = new SecureRandom();

	ProbeService(SiteProperties.Probe settings, String ehloName, ProbeResolver resolver, Clock clock) {
		this.settings = settings;
		this.policy = new TargetPolicy(settings.allowedTargets(), resolver);
		this.client = new ProbeClient(new ProbeClient.Settings(ehloName,
				(int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()),
				settings.replyTimeout().toMillis(), settings.maxReplyBytes().toBytes(), settings.maxReplyLines()),
				clock);
		this.limits = new ProbeLimits(settings.perClient(), settings.global(), settings.window().toMillis(),
				settings.maxRunning(), clock);
		AtomicInteger count = new AtomicInteger();
		this.executor = Executors.newFixedThreadPool(settings.maxRunning(), (task) -> {
			Thread thread = new Thread(task, "probe-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	boolean enabled() {
		return this.settings.enabled();
	}

	TargetPolicy policy() {
		return this.policy;
	}

	/**
	 * Checks the target and starts the probe.
	 * @param request what to probe, already valid
	 * @param clientAddress who asks, for the limits
	 * @return the run, going on in the background
	 * @throws TargetPolicy.Refusal when the target may not be probed
	 * @throws Limited when a limit stops it
	 */
	ProbeRun start(ProbeRequest request, String clientAddress) throws TargetPolicy.Refusal, Limited {
		TargetPolicy.Target target = this.policy.check(request.host(), request.port());
		String limit = this.limits.tryStart(clientAddress);
		if (limit != null) {
			throw new Limited(limit);
		}
		byte[] bytes = new byte[16];
		this.random.nextBytes(bytes);
		ProbeRun run = new ProbeRun(HexFormat.of().formatHex(bytes), request);
		forgetOld();
		this.runs.put(run.id(), run);
		try {
			this.executor.execute(() -> {
				try {
					this.client.run(target, run);
				}
				finally {
					this.limits.finished(clientAddress);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.limits.finished(clientAddress);
			this.runs.remove(run.id());
			throw new Limited("global");
		}
		return run;
	}

	Optional<ProbeRun> find(String id) {
		return (id != null && id.matches("[0-9a-f]{32}")) ? Optional.ofNullable(this.runs.get(id)) : Optional.empty();
	}

	private void forgetOld() {
		long now = System.nanoTime();
		long keep = this.settings.keepFor().toNanos();
		this.runs.values().removeIf((run) -> run.done() && now - run.finishedAt() > keep);
		if (this.runs.size() >= MAX_KEPT) {
			Iterator<ProbeRun> oldest = this.runs.values()
				.stream()
				.filter(ProbeRun::done)
				.sorted(java.util.Comparator.comparingLong(ProbeRun::finishedAt))
				.iterator();
			while (this.runs.size() >= MAX_KEPT && oldest.hasNext()) {
				this.runs.remove(oldest.next().id());
			}
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/**
	 * A limit stops the probe: a key under {@code probe.limited.}.
	 */
	static final class Limited extends Exception {

		Limited(String key) {
			super(key, null, false, false);
		}

		String key() {
			return "probe.limited." + getMessage();
		}

	}

}
