package org.smtpreference.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Language;

import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sandbox lookups are bounded: while as many as {@code site.sandbox.max-lookups} wait on
 * a slow store, one more is refused at once with 503 and {@code Retry-After}, without
 * asking the store, so lookups can never hold all of the web server's threads.
 */
class SandboxLookupBoundTests {

	@Test
	void aLookupOverTheBoundIsRefusedAtOnceWithoutAskingTheStore() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger asked = new AtomicInteger();
		SandboxController controller = new SandboxController(
				new SiteProperties(null, "content", null, 200, Language.EN, null, null, false), null,
				new StalledStore(release, asked), null, null, null, null, 8);
		ExecutorService readers = Executors.newFixedThreadPool(8);
		try {
			List<Future<Object>> waiting = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				waiting.add(readers.submit(() -> controller.session(SessionIds.next(), new ExtendedModelMap(),
						new MockHttpServletResponse(), Locale.ENGLISH)));
			}
			for (int i = 0; i < 300 && asked.get() < 8; i++) {
				Thread.sleep(10);
			}
			assertThat(asked.get()).isEqualTo(8);
			MockHttpServletResponse response = new MockHttpServletResponse();
			Object refused = controller.session(SessionIds.next(), new ExtendedModelMap(), response, Locale.ENGLISH);
			assertThat(asked.get()).isEqualTo(8);
			assertThat(refused).isInstanceOfSatisfying(ModelAndView.class,
					(view) -> assertThat(view.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
			assertThat(response.getHeader("Retry-After")).isEqualTo("5");
			release.countDown();
			for (Future<Object> lookup : waiting) {
				assertThat(lookup.get(30, TimeUnit.SECONDS)).isInstanceOfSatisfying(ModelAndView.class,
						(view) -> assertThat(view.getStatus()).isEqualTo(HttpStatus.NOT_FOUND));
			}
			// Their places are free again.
			controller.session(SessionIds.next(), new ExtendedModelMap(), new MockHttpServletResponse(),
					Locale.ENGLISH);
			assertThat(asked.get()).isEqualTo(9);
		}
		finally {
			release.countDown();
			readers.shutdownNow();
			controller.destroy();
		}
	}

}
