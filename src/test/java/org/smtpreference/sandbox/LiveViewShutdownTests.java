package org.smtpreference.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.smtpreference.SmtpReferenceApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reader watching a live session when the site stops: the stream ends at once with a
 * last event the page understands, instead of holding the web server's graceful shutdown
 * for its whole length and ending without a word.
 */
class LiveViewShutdownTests {

	@Test
	void anOpenLiveStreamEndsWithAStoppingEventWhenTheSiteStops() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SmtpReferenceApplication.class)
			.run("--server.port=0", "--spring.main.banner-mode=off");
		try {
			int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
			// A session still open, as one held by another replica's listener: nothing
			// closes it when this site stops.
			String id = SessionIds.next();
			TranscriptStore store = context.getBean(TranscriptStore.class);
			store.open(id, System.currentTimeMillis());
			store.append(id, new TranscriptLine(TranscriptLine.Direction.CLIENT, 0, "EHLO watcher.example"));
			HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
			HttpResponse<java.util.stream.Stream<String>> response = http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sandbox/" + id + "/events"))
					.timeout(Duration.ofSeconds(60))
					.build(), HttpResponse.BodyHandlers.ofLines());
			assertThat(response.statusCode()).isEqualTo(200);
			List<String> lines = new CopyOnWriteArrayList<>();
			CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> response.body().forEach(lines::add));
			for (int i = 0; i < 100 && !lines.contains("event:line"); i++) {
				Thread.sleep(50);
			}
			assertThat(lines).contains("event:line");
			CompletableFuture<Void> closed = CompletableFuture.runAsync(context::close);
			// Hang guards only: the stream would otherwise last until the graceful
			// shutdown gives up (20 s) and end without its event.
			ended.get(15, TimeUnit.SECONDS);
			assertThat(lines).contains("event:stopping").doesNotContain("event:closed");
			closed.get(30, TimeUnit.SECONDS);
		}
		finally {
			context.close();
		}
	}

}
