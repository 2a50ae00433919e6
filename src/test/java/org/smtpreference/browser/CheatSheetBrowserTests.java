package org.smtpreference.browser;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cheat sheet prints on one A4 page in each language: Chromium's own print to PDF,
 * with the page size the print style sheet asks for, counted page by page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CheatSheetBrowserTests extends BrowserTestSupport {

	private static final Pattern PAGE = Pattern.compile("/Type\\s*/Page(?![s\\w])");

	private static final Pattern MEDIA_BOX = Pattern.compile("/MediaBox\\s*\\[\\s*0 0 ([\\d.]+) ([\\d.]+)\\s*\\]");

	@ParameterizedTest
	@ValueSource(strings = { "en", "tr" })
	void printsOnOneA4Page(String language) {
		open("/cheatsheet?lang=" + language);
		@SuppressWarnings("unchecked")
		Map<String, Object> pdf = (Map<String, Object>) (Map<?, ?>) driver.executeCdpCommand("Page.printToPDF",
				Map.of("preferCSSPageSize", true, "printBackground", false));
		String text = new String(Base64.getDecoder().decode((String) pdf.get("data")), StandardCharsets.ISO_8859_1);
		Matcher pages = PAGE.matcher(text);
		int count = 0;
		while (pages.find()) {
			count++;
		}
		assertThat(count).as("printed pages in %s", language).isEqualTo(1);
		Matcher box = MEDIA_BOX.matcher(text);
		assertThat(box.find()).as("a page size").isTrue();
		// A4 is 595 x 842 points.
		assertThat(Double.parseDouble(box.group(1))).isCloseTo(595.3, org.assertj.core.data.Offset.offset(1.0));
		assertThat(Double.parseDouble(box.group(2))).isCloseTo(841.9, org.assertj.core.data.Offset.offset(1.0));
	}

}
