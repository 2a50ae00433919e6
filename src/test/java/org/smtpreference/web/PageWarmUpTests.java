package org.smtpreference.web;

import org.junit.jupiter.api.Test;
import org.smtpreference.SiteProperties;
import org.smtpreference.content.Language;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pages} health indicator, part of readiness, is out of service until the
 * pages are warm and up afterwards.
 */
class PageWarmUpTests {

	@Test
	void outOfServiceBeforeTheWarmUpAndUpAfterIt() {
		PageWarmUp warmUp = new PageWarmUp(
				new SiteProperties(null, "content", null, 200, Language.EN, null, null, false));
		assertThat(warmUp.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
		// Without a web server there is nothing to warm: ready at once.
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			warmUp.onApplicationEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0], context, null));
		}
		assertThat(warmUp.health().getStatus()).isEqualTo(Status.UP);
	}

}
