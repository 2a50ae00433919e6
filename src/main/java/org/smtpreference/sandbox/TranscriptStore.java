package org.smtpreference.sandbox;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.smtpreference.session.Delivery;

/**
 * Where the transcripts of sandbox sessions are kept and how watchers hear of new lines;
 * writes come from the listener's I/O threads and must never block them for long.
 */
public interface TranscriptStore {

	/**
	 * Starts the transcript of a new connection from the given client, whose address
	 * decides its share of the finished sessions kept.
	 */
	void open(String id, long started, InetAddress client);

	/**
	 * Starts the transcript of a new connection whose client is not known.
	 */
	default void open(String id, long started) {
		open(id, started, null);
	}

	/**
	 * Adds one line, unless the transcript is over its limit.
	 */
	void append(String id, TranscriptLine line);

	/**
	 * Records a message the engine accepted.
	 */
	void deliver(String id, Delivery delivery);

	/**
	 * Marks the connection closed; the transcript stays viewable for a while.
	 */
	void close(String id);

	/**
	 * The transcript, or empty when it is unknown or expired.
	 * @throws StoreUnavailableException when the store cannot be read just now
	 */
	Optional<Transcript> find(String id);

	/**
	 * The newest sessions still kept whose client had the given address (IPv6: the same
	 * /64), newest first, at most {@code max}.
	 * @throws StoreUnavailableException when the store cannot be read just now
	 */
	List<RecentSession> recent(InetAddress client, int max);

	/**
	 * One session listed for its client.
	 *
	 * @param id the session id
	 * @param started when it opened, in milliseconds since the epoch
	 * @param open whether it is still open
	 */
	record RecentSession(String id, long started, boolean open) {

	}

	/**
	 * Calls the watcher for every later event of a transcript until the subscription is
	 * closed; the watcher must not block.
	 */
	AutoCloseable subscribe(String id, Consumer<TranscriptEvent> watcher);

}
