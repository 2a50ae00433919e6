package org.smtpreference.decode;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Random and adversarial texts up to the 64 KiB the site takes never cost the decoder
 * more than a linear number of pattern applications, and no pattern it applies can
 * backtrack without bound.
 *
 * <p>
 * The bound, per text of {@code c} characters on {@code l} lines:
 * {@code steps <= 2c + 4l + (MAX_CODES + 1) * P + 2 * MAX_RECIPIENTS}, where {@code P} is
 * the number of cause patterns. Why: a candidate enhanced code takes at least 5
 * characters and costs at most 4 applications (its find, the look for its basic code, the
 * context before it, the version check); a candidate basic code takes 3 digits and a
 * character that is no digit before it, and costs at most 4 (its find, the tuple check,
 * the context before it, the text after it); candidates never share characters, so
 * together they cost at most 2 per character. Each line adds at most 4: the failing finds
 * that end its two scans, the check whether it continues a multi-line reply, and the read
 * of a returned part. The cause patterns are tried once per different code (at most
 * {@code MAX_CODES}) and once more for a text without codes; each recipient of a
 * delivery-status notification adds the scan of its Diagnostic-Code, whose characters are
 * already counted, plus its two failing finds. Each application is itself bounded: the
 * patterns that look back read at most 60 characters, the others read forward over text
 * that no other candidate reads, and none has a nested quantifier (checked below).
 */
class DecoderFuzzTests {

	private static final int MAX_BYTES = 64 * 1024;

	private static Reference reference;

	private static Decoder decoder;

	private static long rulePatterns;

	@BeforeAll
	static void load() {
		reference = Reference.load("content");
		// A budget that never cuts a text short, so the whole text's cost is counted.
		decoder = new Decoder(reference, Long.MAX_VALUE);
		rulePatterns = reference.decodeRules().stream().mapToLong((rule) -> rule.patterns().size()).sum();
	}

	static long bound(String text) {
		long lines = text.chars().filter((c) -> c == '\n' || c == '\r').count() + 1;
		return 2L * text.length() + 4 * lines + (Decoder.MAX_CODES + 1) * rulePatterns
				+ 2L * DeliveryStatus.MAX_RECIPIENTS;
	}

	/** Texts built against the decoder's patterns, each filled to the largest size. */
	static Map<String, String> adversarial() {
		Map<String, String> texts = new LinkedHashMap<>();
		texts.put("one line of digits", "5".repeat(MAX_BYTES));
		texts.put("digits and dots", fill("5.5.5.5."));
		texts.put("codes glued by dots", fill("550.5.1.1."));
		texts.put("basic codes with spaces", fill("550 "));
		texts.put("pairs on one line", fill("550 5.1.1 "));
		texts.put("pairs on many lines", fill("550 5.1.1\n"));
		texts.put("multi-line reply that never ends", fill("550-5.1.1 a\n"));
		texts.put("quotes and colons", fill("'550' \"550\" :550: =550= [550] "));
		texts.put("said: repeated", fill("said: "));
		texts.put("said: and codes", fill("said: 550 "));
		texts.put("nested parentheses", fill("((((((550, b'5.1.1 "));
		texts.put("python tuples", fill("(550, b'5.1.1 x') "));
		texts.put("keywords before codes", fill("responseCode: 550, smtpstatus=550 reject=550 "));
		texts.put("log timestamps", fill("2024/02/05 10:12:13 550 x\n"));
		texts.put("exchange hashes", fill("#550 5.1.1 ## "));
		texts.put("qmail underscores", fill("failure: said:_550_5.1.1_x/"));
		texts.put("spaces after a code", "550" + " ".repeat(MAX_BYTES - 4) + "x");
		texts.put("only line breaks", "\n".repeat(MAX_BYTES));
		texts.put("carriage returns", "\r".repeat(MAX_BYTES));
		texts.put("digits on many lines", fill("5\n"));
		texts.put("wrapped lines", ("550 5.1.1 x\n" + fill("    wrapped\n")).substring(0, MAX_BYTES));
		texts.put("versions", fill("version 5.1.1 Postfix 2.11.3 "));
		texts.put("every different code", everyCode());
		texts.put("DSN recipients", fill("Final-Recipient: rfc822; a@example.com\nAction: failed\nStatus: 5.1.1\n"
				+ "Diagnostic-Code: smtp; 550 5.1.1 x\n\n"));
		texts.put("DSN folded forever",
				("Diagnostic-Code: smtp; 550 5.1.1\n" + fill(" 550 5.1.1 folded\n")).substring(0, MAX_BYTES));
		texts.put("MIME boundaries", fill("Content-Type: multipart/report; boundary=b\n--b\n"));
		texts.put("returned part that never ends",
				("Content-Type: multipart/report; boundary=b\n--b\nContent-Type: message/rfc822\n\n"
						+ fill("550 5.1.1 x\n"))
					.substring(0, MAX_BYTES));
		return texts;
	}

	@Test
	void adversarialTextsCostAtMostALinearNumberOfSteps() {
		adversarial().forEach((name, text) -> {
			assertThat(text.length()).as(name).isLessThanOrEqualTo(MAX_BYTES);
			Decoding decoding = decode(text);
			assertThat(decoding.steps()).as(name).isLessThanOrEqualTo(bound(text));
		});
	}

	@Test
	void randomTextsCostAtMostALinearNumberOfSteps() {
		Random random = new Random(19);
		String alphabet = "0123455555.....:::'''\"\"((()))[]=-_# \t\n\r\nabcsaid;smtpresponsecode";
		for (int i = 0; i < 60; i++) {
			int length = 1 + random.nextInt(MAX_BYTES);
			StringBuilder text = new StringBuilder(length);
			boolean binary = i % 4 == 0;
			for (int j = 0; j < length; j++) {
				text.append(
						binary ? (char) random.nextInt(0x10000) : alphabet.charAt(random.nextInt(alphabet.length())));
			}
			Decoding decoding = decode(text.toString());
			assertThat(decoding.steps()).as("random text %d of %d characters", i, length)
				.isLessThanOrEqualTo(bound(text.toString()));
		}
	}

	@Test
	void theBoundHoldsForTheRealisticTextsAndIsTight() {
		// The bound must not be so loose that it says nothing: the costliest text comes
		// within a factor of ten of it (0.25 today).
		long worst = 0;
		double ratio = 0;
		for (String text : adversarial().values()) {
			long steps = decode(text).steps();
			worst = Math.max(worst, steps);
			ratio = Math.max(ratio, (double) steps / bound(text));
		}
		assertThat(ratio).isGreaterThan(0.1).isLessThanOrEqualTo(1.0);
		assertThat(decode(DecoderWorkTests.realisticBounce()).steps())
			.isLessThanOrEqualTo(bound(DecoderWorkTests.realisticBounce()));
		assertThat(worst).isPositive();
	}

	private static Decoding decode(String text) {
		// Only a guard against a hang: the assertions count steps, not time.
		return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> decoder.decode(text));
	}

	@Test
	void noPatternTheDecoderAppliesHasANestedUnboundedQuantifier() throws IllegalAccessException {
		Map<String, String> patterns = new LinkedHashMap<>();
		for (Field field : Decoder.class.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == Pattern.class) {
				field.setAccessible(true);
				patterns.put("Decoder." + field.getName(), ((Pattern) field.get(null)).pattern());
			}
		}
		assertThat(patterns).containsKeys("Decoder.BASIC", "Decoder.ENHANCED", "Decoder.BEFORE_BASIC",
				"Decoder.AFTER_BASIC", "Decoder.PAIR");
		// The pattern built for each multi-line reply, with a code quoted in it.
		patterns.put("Decoder continuation", "^\\s*(?:<<<\\s*)?550([ -])(?:#?\\Q5.1.1\\E\\s?)?");
		for (DecodeRule rule : reference.decodeRules()) {
			for (int i = 0; i < rule.patterns().size(); i++) {
				patterns.put("decode-rules.yml " + rule.id() + " #" + (i + 1), rule.patterns().get(i).pattern());
			}
		}
		patterns
			.forEach((name, pattern) -> assertThat(nestedQuantifiers(pattern)).as("%s: %s", name, pattern).isEmpty());
	}

	@Test
	void theCheckFindsNestedQuantifiers() {
		assertThat(nestedQuantifiers("(a+)+")).isNotEmpty();
		assertThat(nestedQuantifiers("(?:\\s*x)*y")).isNotEmpty();
		assertThat(nestedQuantifiers("(\\w+\\s?){2,}")).isNotEmpty();
		assertThat(nestedQuantifiers("(?:a|(b*c))+")).isNotEmpty();
		assertThat(nestedQuantifiers("(?:[a-z]+,)*")).isNotEmpty();
		// Bounded or single quantifiers, and quantifier characters that are not
		// quantifiers.
		assertThat(nestedQuantifiers("(?:ab)+c*")).isEmpty();
		assertThat(nestedQuantifiers("(?:\\s*x)?")).isEmpty();
		assertThat(nestedQuantifiers("(\\d{1,3}\\.){3}")).isEmpty();
		assertThat(nestedQuantifiers("[+*(]+\\(a+\\)+")).isEmpty();
		assertThat(nestedQuantifiers("(?:\\Q(a+)\\E)+")).isEmpty();
	}

	/**
	 * The groups of a pattern that repeat without bound ({@code *}, {@code +},
	 * {@code {n,}}) and hold a part that also repeats without bound: the shape that lets
	 * a regular expression try exponentially many ways to split its input. A group
	 * repeated at most a fixed number of times ({@code ?}, {@code {n,m}}) is let through:
	 * its cost stays polynomial with a small fixed degree. Escapes, character classes and
	 * {@code \Q…\E} quotes are skipped, so their characters are never taken for groups or
	 * quantifiers.
	 */
	static List<String> nestedQuantifiers(String pattern) {
		List<String> found = new ArrayList<>();
		// For each open group: where it starts, and whether it holds an unbounded
		// quantifier.
		Deque<int[]> groups = new ArrayDeque<>();
		int i = 0;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				if (i + 1 < pattern.length() && pattern.charAt(i + 1) == 'Q') {
					int end = pattern.indexOf("\\E", i + 2);
					i = (end < 0) ? pattern.length() : end + 2;
				}
				else {
					i += 2;
				}
				i = quantifier(pattern, i, groups);
				continue;
			}
			if (c == '[') {
				i = classEnd(pattern, i);
				i = quantifier(pattern, i, groups);
				continue;
			}
			if (c == '(') {
				groups.push(new int[] { i, 0 });
				i++;
				continue;
			}
			if (c == ')') {
				int[] group = groups.isEmpty() ? new int[] { 0, 0 } : groups.pop();
				int after = i + 1;
				boolean unbounded = unboundedAt(pattern, after);
				if (unbounded && group[1] == 1) {
					found.add(pattern.substring(group[0], Math.min(pattern.length(), after + 1)));
				}
				if ((unbounded || group[1] == 1) && !groups.isEmpty()) {
					groups.peek()[1] = 1;
				}
				i = skipQuantifier(pattern, after);
				continue;
			}
			i = quantifier(pattern, i + 1, groups);
		}
		return found;
	}

	/** Marks the enclosing group when an unbounded quantifier follows an atom here. */
	private static int quantifier(String pattern, int at, Deque<int[]> groups) {
		if (unboundedAt(pattern, at) && !groups.isEmpty()) {
			groups.peek()[1] = 1;
		}
		return skipQuantifier(pattern, at);
	}

	private static boolean unboundedAt(String pattern, int at) {
		if (at >= pattern.length()) {
			return false;
		}
		char c = pattern.charAt(at);
		if (c == '*' || c == '+') {
			return true;
		}
		if (c == '{') {
			int close = pattern.indexOf('}', at);
			return close > 0 && pattern.substring(at, close).endsWith(",");
		}
		return false;
	}

	private static int skipQuantifier(String pattern, int at) {
		int i = at;
		if (i < pattern.length() && "*+?".indexOf(pattern.charAt(i)) >= 0) {
			i++;
		}
		else if (i < pattern.length() && pattern.charAt(i) == '{' && pattern.indexOf('}', i) > 0) {
			i = pattern.indexOf('}', i) + 1;
		}
		else {
			return i;
		}
		// A lazy or possessive mark belongs to the quantifier.
		if (i < pattern.length() && (pattern.charAt(i) == '?' || pattern.charAt(i) == '+')) {
			i++;
		}
		return i;
	}

	/** Where a character class ends, nested classes and escapes included. */
	private static int classEnd(String pattern, int start) {
		int depth = 0;
		int i = start;
		while (i < pattern.length()) {
			char c = pattern.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (c == '[') {
				depth++;
				// A ']' right after the opening (or after '^') is a literal.
				if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '^') {
					i++;
				}
				if (i + 1 < pattern.length() && pattern.charAt(i + 1) == ']') {
					i++;
				}
			}
			else if (c == ']') {
				depth--;
				if (depth == 0) {
					return i + 1;
				}
			}
			i++;
		}
		return i;
	}

	private static String fill(String unit) {
		return unit.repeat(MAX_BYTES / unit.length());
	}

	private static String everyCode() {
		StringBuilder text = new StringBuilder();
		for (int detail = 0; text.length() < MAX_BYTES - 20; detail = (detail + 1) % 1000) {
			text.append("550 5.").append(detail % 8).append('.').append(detail).append(" x\n");
		}
		return text.toString();
	}

}
