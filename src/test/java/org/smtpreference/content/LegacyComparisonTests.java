package org.smtpreference.content;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Temporary: the bound content equals what the hand mapping built.
 */
class LegacyComparisonTests {

	private static final Pattern NONE = Pattern.compile("");

	@Test
	void bindingYieldsTheSameContent() {
		Content now = new ContentLoader("content").load();
		Content before = new LegacyContentLoader("content").load();
		Content a = comparable(now);
		Content b = comparable(before);
		for (java.lang.reflect.RecordComponent component : Content.class.getRecordComponents()) {
			Object x = invoke(component, a);
			Object y = invoke(component, b);
			if (x instanceof List<?> xs && y instanceof List<?> ys) {
				assertThat(xs).as(component.getName()).hasSameSizeAs(ys);
				for (int i = 0; i < xs.size(); i++) {
					if (!xs.get(i).equals(ys.get(i))) {
						String sx = xs.get(i).toString();
						String sy = ys.get(i).toString();
						int at = 0;
						while (at < Math.min(sx.length(), sy.length()) && sx.charAt(at) == sy.charAt(at)) {
							at++;
						}
						throw new AssertionError(component.getName() + " #" + i + ": now ..."
								+ sx.substring(Math.max(0, at - 150), Math.min(sx.length(), at + 150)) + "\nbefore ..."
								+ sy.substring(Math.max(0, at - 150), Math.min(sy.length(), at + 150)));
					}
				}
			}
			assertThat(x).as(component.getName()).isEqualTo(y);
		}
		assertThat(a).isEqualTo(b);
		assertThat(now.decodeRules()).hasSameSizeAs(before.decodeRules());
		for (int i = 0; i < now.decodeRules().size(); i++) {
			assertThat(now.decodeRules().get(i).patterns().stream().map(LegacyComparisonTests::describe).toList())
				.isEqualTo(
						before.decodeRules().get(i).patterns().stream().map(LegacyComparisonTests::describe).toList());
		}
	}

	private static Object invoke(java.lang.reflect.RecordComponent component, Content content) {
		try {
			return component.getAccessor().invoke(content);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String describe(Pattern pattern) {
		return pattern.pattern() + "/" + pattern.flags();
	}

	private static Content comparable(Content content) {
		return new Content(content.commands(), content.replyClasses(), content.replies(), content.statusClasses(),
				content.statusSubjects(), content.statusEntries(), content.extensions(), content.faq(),
				content.samples(), content.flow(), content.cheatSheet(),
				content.decodeRules()
					.stream()
					.map((rule) -> new DecodeRule(rule.id(), List.of(NONE), rule.status(), rule.replies(), rule.title(),
							rule.explanation(), rule.sender(), rule.admin()))
					.toList(),
				content.decodeExamples(), content.scenarios());
	}

}
