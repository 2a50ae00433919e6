package org.smtpreference.decode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Reference;

/**
 * Finds the reply codes and enhanced status codes in a pasted reply, log line, bounce or
 * DSN, only where a code really stands (at the start of a reply line, after
 * {@code said:}, {@code smtp;}, {@code dsn=}, {@code Status:} …), so dates, times, ports,
 * addresses, queue ids and sizes are never taken for codes; and names the well-known
 * causes the text beside each code describes.
 */
final class Decoder {

	/** Three digits of a class that exists, standing alone. */
	private static final Pattern BASIC = Pattern.compile("(?<![\\w.\\-/:=@#\\[+$%])([2-5]\\d\\d)(?![\\w.:/@%])");

	/**
	 * What may follow a basic code: the end, or a separator and text or an enhanced code.
	 */
	private static final Pattern AFTER_BASIC = Pattern
		.compile("(?:\\s*$|[ \\t-]+(?:#?[245]\\.\\d|[^\\d\\s])|[ \\t]*['\")\\]])");

	/** Where a basic code stands at the end of what precedes it on the line. */
	private static final Pattern BEFORE_BASIC = Pattern
		.compile("(?i)(?:(?<![\\s\\S])[\\s>|*]*(?:[sS]:\\s*|<<<\\s*|<-+\\s*)?"
				+ "|\\bsaid:\\s*|\\bsmtp;\\s*|\\breturned\\s+['\"]?|\\b(?:error|response|reply|replied|answer|answered"
				+ "|code|status)(?:\\s+code)?(?:\\s+(?:was|is))?\\s*[:=]?\\s*['\"(]?|(?<!\\b(?:size|delay|delays|port|length"
				+ "|bytes|pid|id|time|count|total|limit|nrcpt|uid|gid|pri|priority|age)\\s?):\\s+['\"(]?)$");

	/**
	 * An enhanced code: class, subject and detail, without leading zeros, standing alone.
	 */
	private static final Pattern ENHANCED = Pattern
		.compile("(?<![\\w./@+$%])([245])\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})(?!\\.\\d|[\\w\\-/@%]|:\\d)");

	/**
	 * Where an enhanced code stands, even when the reference does not know its detail.
	 */
	private static final Pattern BEFORE_ENHANCED = Pattern.compile("(?i)(?:(?<![\\s\\S])[\\s>|*]*(?:[sS]:\\s*|<<<\\s*)?"
			+ "|\\bdsn=|\\bstatus:\\s*|#\\s*|\\bsmtp;\\s*|\\bsaid:\\s*|\\b(?:error|response|reply|code|status)"
			+ "(?:\\s+code)?\\s*[:=]?\\s*['\"(\\[]?|:\\s+['\"(]?)$");

	/** Words before a number that make it a version, not a code. */
	private static final Pattern VERSION = Pattern
		.compile("(?i)(?:\\bv|version|release|build|postfix|exim|sendmail|openssl|tls|ssl|ver\\.?)\\s*$");

	/** A basic code right before an enhanced one. */
	private static final Pattern PAIR = Pattern.compile("([2-5]\\d\\d)[ \\t-]#?$");

	/** How far before a code its context is looked for. */
	private static final int LOOK_BACK = 60;

	private static final Pattern LINE_BREAK = Pattern.compile("\\r\\n|\\r|\\n");

	/** How much text beside one code the cause rules are tried on. */
	private static final int MAX_CONTEXT = 2000;

	private static final int MAX_EXCERPT = 200;

	private final Reference reference;

	Decoder(Reference reference) {
		this.reference = reference;
	}

	/**
	 * Decodes a text: every code in it once, in order of first appearance.
	 */
	Decoding decode(String text) {
		List<Line> lines = lines(text);
		Map<String, Group> groups = new LinkedHashMap<>();
		for (int i = 0; i < lines.size(); i++) {
			Line line = lines.get(i);
			List<Hit> hits = hits(line);
			for (int h = 0; h < hits.size(); h++) {
				Hit hit = hits.get(h);
				int contextEnd = (h + 1 < hits.size()) ? hits.get(h + 1).start - line.offset : line.text.length();
				StringBuilder context = new StringBuilder(line.text.substring(hit.end - line.offset, contextEnd));
				if (h + 1 == hits.size()) {
					continuation(lines, i, hit, context);
				}
				int number = i + 1;
				groups.computeIfAbsent(hit.key(), (key) -> new Group(hit, number, line)).add(context);
			}
		}
		// A lone enhanced code (Postfix's dsn=, a DSN's Status:) repeats the one a reply
		// gave with it: it joins that reply.
		List<Group> ordered = new ArrayList<>(groups.values());
		for (Group lone : new ArrayList<>(ordered)) {
			if (lone.first.reply == 0) {
				ordered.stream()
					.filter((pair) -> pair.first.reply != 0 && lone.first.status.equals(pair.first.status))
					.findFirst()
					.ifPresent((pair) -> {
						pair.absorb(lone);
						ordered.remove(lone);
					});
			}
		}
		ordered.sort((a, b) -> Integer.compare(a.position, b.position));
		List<Finding> findings = ordered.stream().map(this::finding).toList();
		List<DecodeRule> causesWithoutCode = findings.isEmpty() ? this.reference.decodeRules()
			.stream()
			.filter((rule) -> rule.matches(text.substring(0, Math.min(text.length(), 4 * MAX_CONTEXT))))
			.toList() : List.of();
		return new Decoding(findings, causesWithoutCode);
	}

	private Finding finding(Group group) {
		String context = group.context.toString();
		List<DecodeRule> causes = this.reference.decodeRules()
			.stream()
			.filter((rule) -> rule.matches(context))
			.toList();
		if (causes.isEmpty() && group.first.status != null) {
			causes = this.reference.decodeRules()
				.stream()
				.filter((rule) -> rule.status().contains(group.first.status))
				.toList();
		}
		String excerpt = group.lineText.strip();
		if (excerpt.length() > MAX_EXCERPT) {
			int from = Math.max(0, Math.min(group.first.start - group.lineOffset - MAX_EXCERPT / 4,
					group.lineText.length() - MAX_EXCERPT));
			excerpt = ((from > 0) ? "…" : "") + group.lineText.substring(from, from + MAX_EXCERPT).strip() + "…";
		}
		return new Finding(group.first.reply, group.first.status, group.first.start, group.first.end, group.lineNumber,
				excerpt, causes);
	}

	/**
	 * Adds the lines that continue a reply to its context: the other lines of a
	 * multi-line reply without their code, and indented lines that carry on a wrapped
	 * one.
	 */
	private void continuation(List<Line> lines, int index, Hit hit, StringBuilder context) {
		Pattern sameReply = (hit.reply != 0) ? Pattern.compile("^\\s*(?:<<<\\s*)?" + hit.reply + "[ -]"
				+ ((hit.status != null) ? "(?:#?" + Pattern.quote(hit.status) + "\\s?)?" : "")) : null;
		for (int j = index + 1; j < lines.size() && context.length() < MAX_CONTEXT; j++) {
			String next = lines.get(j).text;
			if (next.isBlank()) {
				return;
			}
			List<Hit> hits = hits(lines.get(j));
			if (hits.stream().anyMatch((other) -> !other.key().equals(hit.key()))) {
				return;
			}
			Matcher same = (sameReply != null) ? sameReply.matcher(next) : null;
			if (same != null && same.find()) {
				context.append(' ').append(next.substring(same.end()));
			}
			else if (Character.isWhitespace(next.charAt(0)) && hits.isEmpty()) {
				context.append(' ').append(next.strip());
			}
			else {
				return;
			}
		}
	}

	/**
	 * The codes on one line, a basic code and the enhanced code right after it taken as
	 * one.
	 */
	private List<Hit> hits(Line line) {
		String text = line.text;
		List<Hit> hits = new ArrayList<>();
		Matcher basic = BASIC.matcher(text);
		int taken = 0;
		Matcher enhanced = ENHANCED.matcher(text);
		while (enhanced.find()) {
			int start = enhanced.start();
			// A basic code just before it: 550 5.1.1, 550-5.1.1, 550 #5.1.0.
			Matcher pair = PAIR.matcher(text).region(Math.max(0, start - 6), start);
			String code = enhanced.group();
			boolean known = this.reference.statusCode(code).isPresent();
			boolean subjectKnown = this.reference.statusSubjects()
				.stream()
				.anyMatch((subject) -> subject.digit() == Integer.parseInt(enhanced.group(2)));
			if (pair.find() && isBasic(text, pair.start(1), pair.end(1)) && subjectKnown) {
				addBasics(text, basic, taken, pair.start(1), line, hits);
				hits.add(new Hit(Integer.parseInt(pair.group(1)), code, line.offset + pair.start(1),
						line.offset + enhanced.end()));
				taken = enhanced.end();
			}
			else if ((endsWith(BEFORE_ENHANCED, text, start) && subjectKnown)
					|| (known && !endsWith(VERSION, text, start))) {
				addBasics(text, basic, taken, start, line, hits);
				hits.add(new Hit(0, code, line.offset + start, line.offset + enhanced.end()));
				taken = enhanced.end();
			}
		}
		addBasics(text, basic, taken, text.length(), line, hits);
		return hits;
	}

	private void addBasics(String text, Matcher basic, int from, int to, Line line, List<Hit> hits) {
		basic.region(from, to);
		while (basic.find()) {
			if (isBasic(text, basic.start(1), basic.end(1))) {
				hits.add(new Hit(Integer.parseInt(basic.group(1)), null, line.offset + basic.start(1),
						line.offset + basic.end(1)));
			}
		}
	}

	/**
	 * Whether three digits stand where a reply code stands and name one the reference
	 * has.
	 */
	private boolean isBasic(String text, int start, int end) {
		char before = (start > 0) ? text.charAt(start - 1) : ' ';
		if (Character.isLetterOrDigit(before) || "._-/:=@#[+$%".indexOf(before) >= 0) {
			return false;
		}
		return this.reference.reply(Integer.parseInt(text.substring(start, end))).isPresent()
				&& endsWith(BEFORE_BASIC, text, start)
				&& AFTER_BASIC.matcher(text).region(end, text.length()).lookingAt();
	}

	/**
	 * Whether the text just before a position ends with a pattern (which ends in
	 * {@code $}, and marks the line's start with a look-behind, since {@code ^} would
	 * match where the region starts): only the last few dozen characters are looked at,
	 * so a long line costs no more than a short one.
	 */
	private static boolean endsWith(Pattern pattern, String text, int position) {
		return pattern.matcher(text)
			.region(Math.max(0, position - LOOK_BACK), position)
			.useTransparentBounds(true)
			.find();
	}

	private static List<Line> lines(String text) {
		List<Line> lines = new ArrayList<>();
		Matcher breaks = LINE_BREAK.matcher(text);
		int offset = 0;
		while (breaks.find()) {
			lines.add(new Line(text.substring(offset, breaks.start()), offset));
			offset = breaks.end();
		}
		lines.add(new Line(text.substring(offset), offset));
		return lines;
	}

	/**
	 * A line of the text and where it starts.
	 *
	 * @param text the line without its line break
	 * @param offset where it starts in the whole text
	 */
	private record Line(String text, int offset) {
	}

	/**
	 * One occurrence of a code.
	 *
	 * @param reply the basic code or 0
	 * @param status the enhanced code or {@code null}
	 * @param start where it starts in the whole text
	 * @param end where it ends
	 */
	private record Hit(int reply, String status, int start, int end) {

		String key() {
			return this.reply + " " + this.status;
		}

	}

	/**
	 * Every occurrence of one code, with the text beside each.
	 */
	private static final class Group {

		private final Hit first;

		private final int lineNumber;

		private final String lineText;

		private final int lineOffset;

		private final StringBuilder context = new StringBuilder();

		private int position;

		Group(Hit first, int lineNumber, Line line) {
			this.first = first;
			this.lineNumber = lineNumber;
			this.lineText = line.text;
			this.lineOffset = line.offset;
			this.position = first.start;
		}

		void add(CharSequence text) {
			if (this.context.length() < MAX_CONTEXT) {
				this.context.append(text, 0, Math.min(text.length(), MAX_CONTEXT - this.context.length())).append('\n');
			}
		}

		void absorb(Group other) {
			add(other.context);
			this.position = Math.min(this.position, other.position);
		}

	}

}
