package org.smtpreference.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import org.smtpreference.content.Language;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a request for a page that another request is rendering does when that rendering
 * does not give it a stored copy ({@link RenderedPageFilter}): when its wait runs out, or
 * when the rendering is not stored, it renders the page itself. The filter is the real
 * one over the site's real pages, with a store of its own and a chain that renders on
 * cue.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RenderedPageWaitTests {

	private static final String PAGE = "/commands/ehlo";

	@Autowired
	SitePages sitePages;

	@Test
	void aReaderWhoseWaitRunsOutRendersThePageItself() throws Exception {
		RenderedPageFilter filter = filter(Duration.ofMillis(300));
		SlowFirstRendering chain = new SlowFirstRendering(HttpServletResponse.SC_OK);
		CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> get(filter, chain));
		assertThat(chain.firstStarted.await(30, TimeUnit.SECONDS)).as("first rendering started").isTrue();

		MockHttpServletResponse second = get(filter, chain);

		assertThat(second.getStatus()).isEqualTo(200);
		assertThat(second.getContentAsString(StandardCharsets.UTF_8)).contains("rendering 2");
		assertThat(first).as("the first rendering, still held").isNotDone();
		chain.releaseFirst.countDown();
		assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(200);
		assertThat(filter.renders()).isEqualTo(2);
		assertThat(chain.calls.get()).isEqualTo(2);
	}

	@Test
	void aRenderingThatIsNotStoredLetsTheWaitingReaderRenderAtOnce() throws Exception {
		// The full ten-second wait: a reader still waiting for it when the first
		// rendering
		// ends would not answer within the five seconds below.
		RenderedPageFilter filter = filter(RenderedPageFilter.WAIT_FOR_RENDERING);
		SlowFirstRendering chain = new SlowFirstRendering(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
		CompletableFuture<MockHttpServletResponse> first = CompletableFuture.supplyAsync(() -> get(filter, chain));
		assertThat(chain.firstStarted.await(30, TimeUnit.SECONDS)).as("first rendering started").isTrue();
		CompletableFuture<MockHttpServletResponse> second = CompletableFuture.supplyAsync(() -> get(filter, chain));
		// Let the second reader reach its wait; if it has not, it renders straight away,
		// which the assertions below accept as well.
		Thread.sleep(200);
		chain.releaseFirst.countDown();

		assertThat(first.get(30, TimeUnit.SECONDS).getStatus()).isEqualTo(503);
		MockHttpServletResponse answer = second.get(5, TimeUnit.SECONDS);
		assertThat(answer.getStatus()).isEqualTo(200);
		assertThat(answer.getContentAsString(StandardCharsets.UTF_8)).contains("rendering 2");
		assertThat(filter.renders()).isEqualTo(2);
	}

	private RenderedPageFilter filter(Duration wait) {
		return new RenderedPageFilter(this.sitePages, new LanguageResolver(Language.EN), new SiteAddress(null),
				new StoredPages(), wait);
	}

	private static MockHttpServletResponse get(RenderedPageFilter filter, FilterChain chain) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", PAGE);
		MockHttpServletResponse response = new MockHttpServletResponse();
		try {
			filter.doFilter(request, response, chain);
		}
		catch (IOException | ServletException ex) {
			throw new IllegalStateException(ex);
		}
		return response;
	}

	/**
	 * Renders a numbered page; the first rendering waits to be let go and answers the
	 * given status, the others answer 200 at once.
	 */
	private static final class SlowFirstRendering implements FilterChain {

		final AtomicInteger calls = new AtomicInteger();

		final CountDownLatch firstStarted = new CountDownLatch(1);

		final CountDownLatch releaseFirst = new CountDownLatch(1);

		private final int firstStatus;

		SlowFirstRendering(int firstStatus) {
			this.firstStatus = firstStatus;
		}

		@Override
		public void doFilter(jakarta.servlet.ServletRequest request, jakarta.servlet.ServletResponse response)
				throws IOException {
			int call = this.calls.incrementAndGet();
			HttpServletResponse http = (HttpServletResponse) response;
			if (call == 1) {
				this.firstStarted.countDown();
				try {
					this.releaseFirst.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				http.setStatus(this.firstStatus);
			}
			http.setContentType("text/html;charset=UTF-8");
			http.getWriter().write("<!doctype html><title>t</title><p>rendering " + call);
			http.getWriter().flush();
		}

	}

}
