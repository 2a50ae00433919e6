package org.smtpreference.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feed behind one reader's event stream: the lines the store already had and the live
 * ones arriving meanwhile reach the reader once each, in order, whichever thread gets
 * there first.
 */
class LiveFeedTests {

	private static final Pattern EVENT = Pattern.compile("event:(\\w+)\\n(?:id:(\\d+)\\n)?");

	private static TranscriptEvent line(int index) {
		return TranscriptEvent.line(index, new TranscriptLine(TranscriptLine.Direction.CLIENT, 0, "NOOP " + index));
	}

	private static LiveFeed feed(Recorder recorder, int next) {
		return feed(recorder, next, List.of());
	}

	/**
	 * A feed whose store holds the given number of lines when read again.
	 */
	private static LiveFeed feed(Recorder recorder, int next, List<TranscriptEvent> stored) {
		List<TranscriptLine> lines = stored.stream().map(TranscriptEvent::line).toList();
		return new LiveFeed(recorder, Runnable::run, next,
				(event) -> new ExchangeRow(event.index(), "C", "00:00:00", "", null, "", "", null, event.line().text(),
						null, null),
				() -> Optional.of(new Transcript("0".repeat(32), 0, true, false, lines, List.of())));
	}

	private static List<TranscriptEvent> lines(int count) {
		return IntStream.range(0, count).mapToObj(LiveFeedTests::line).toList();
	}

	@Test
	void aMissedLiveLineIsReadAgainFromTheStore() {
		Recorder recorder = new Recorder();
		LiveFeed feed = feed(recorder, 2, lines(6));
		feed.backlog(line(2));
		feed.caughtUp();
		// Line 3 was published before the subscription took hold.
		feed.accept(line(4));
		feed.accept(line(5));
		assertThat(recorder.events).containsExactly("line 2", "line 3", "line 4", "line 5");
	}

	@Test
	void theEndBringsTheLastMissedLines() {
		Recorder recorder = new Recorder();
		LiveFeed feed = feed(recorder, 1, lines(4));
		feed.caughtUp();
		feed.accept(line(1));
		feed.accept(TranscriptEvent.CLOSED);
		assertThat(recorder.events).containsExactly("line 1", "line 2", "line 3", "closed");
	}

	@Test
	void aLiveLineArrivingBeforeTheBacklogDoesNotHideIt() {
		Recorder recorder = new Recorder();
		LiveFeed feed = feed(recorder, 2);
		// The store's listener hears line 4 while the page's backlog (2 and 3) is still
		// being read.
		feed.accept(line(4));
		feed.backlog(line(2));
		feed.backlog(line(3));
		feed.backlog(line(4));
		feed.caughtUp();
		feed.accept(line(5));
		feed.accept(TranscriptEvent.CLOSED);
		assertThat(recorder.events).containsExactly("line 2", "line 3", "line 4", "line 5", "closed");
	}

	@Test
	void linesTheReaderHasAreNotSentAgainAndNothingFollowsTheEnd() {
		Recorder recorder = new Recorder();
		LiveFeed feed = feed(recorder, 3);
		feed.accept(line(3));
		feed.accept(TranscriptEvent.CLOSED);
		feed.backlog(line(1));
		feed.backlog(line(2));
		feed.backlog(line(3));
		feed.backlog(TranscriptEvent.CLOSED);
		feed.caughtUp();
		assertThat(recorder.events).containsExactly("line 3", "closed");
	}

	/**
	 * Keeps the name and id of every event sent instead of writing it out.
	 */
	static final class Recorder extends SseEmitter {

		final List<String> events = new ArrayList<>();

		@Override
		public void send(SseEventBuilder builder) {
			StringBuilder text = new StringBuilder();
			builder.build().forEach((part) -> text.append(part.getData()));
			Matcher matcher = EVENT.matcher(text);
			assertThat(matcher.find()).as(text.toString()).isTrue();
			this.events.add((matcher.group(2) != null) ? matcher.group(1) + " " + matcher.group(2) : matcher.group(1));
		}

	}

}
