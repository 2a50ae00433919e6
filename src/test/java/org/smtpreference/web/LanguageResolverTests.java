package org.smtpreference.web;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.smtpreference.content.Language;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the order in which the reader's language is chosen.
 */
class LanguageResolverTests {

	@Test
	void parameterWinsOverCookieAndHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setParameter("lang", "tr");
		request.setCookies(new Cookie("lang", "en"));
		request.addHeader("Accept-Language", "en-US");
		assertThat(new LanguageResolver().resolve(request)).isEqualTo(Language.TR);
	}

	@Test
	void cookieWinsOverHeader() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setCookies(new Cookie("lang", "tr"));
		request.addHeader("Accept-Language", "en-US,en;q=0.9");
		assertThat(new LanguageResolver().resolve(request)).isEqualTo(Language.TR);
	}

	@Test
	void headerIsHonouredByWeight() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Accept-Language", "de-DE, tr;q=0.8, en;q=0.5");
		assertThat(new LanguageResolver().resolve(request)).isEqualTo(Language.TR);
	}

	@Test
	void unknownOrGarbageFallsBackToEnglish() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setParameter("lang", "../../x");
		request.addHeader("Accept-Language", ";;;q=zz,\u0000");
		assertThat(new LanguageResolver().resolve(request)).isEqualTo(Language.EN);
		assertThat(LanguageResolver.fromAcceptLanguage("x".repeat(10_000))).isEmpty();
		assertThat(LanguageResolver.fromAcceptLanguage("fr, de")).isEmpty();
	}

	@Test
	void theDefaultLanguageIsTheLastResort() {
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.addHeader("Accept-Language", "fr, de");
		assertThat(new LanguageResolver(Language.TR).resolve(request)).isEqualTo(Language.TR);
		MockHttpServletRequest english = new MockHttpServletRequest();
		english.addHeader("Accept-Language", "en, fr;q=0.5");
		assertThat(new LanguageResolver(Language.TR).resolve(english)).isEqualTo(Language.EN);
	}

	@Test
	void choiceIsRememberedInACookie() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		new LanguageResolver().setLocale(new MockHttpServletRequest(), response, Language.TR.locale());
		assertThat(response.getCookie("lang")).isNotNull();
		assertThat(response.getCookie("lang").getValue()).isEqualTo("tr");
		assertThat(response.getCookie("lang").getMaxAge()).isPositive();
	}

}
