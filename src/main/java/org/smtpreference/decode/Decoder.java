package org.smtpreference.decode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.smtpreference.content.DecodeRule;
import org.smtpreference.content.Reference;
import org.smtpreference.content.StatusCode;

/**
 * Finds the reply codes and enhanced status codes in a pasted reply, log line, bounce or
 * DSN, only where a code really stands (at the start of a reply line, after
 * {@code said:}, {@code smtp;}, {@code dsn=}, {@code Status:} …), so dates, times, ports,
 * addresses, queue ids and sizes are never taken for codes; and names the well-known
 * causes the text beside each code describes.
 */
final class Decoder {

	/** Three digits of a class that exists, standing alone. */
	// A '#' may stand before a code only where it opens a word, as in Exchange's classic
	// NDR line "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"; the line-start rule
	// of BEFORE_BASIC then decides whether it is a reply.
	// After ':', '=' or '[' the context decides (BEFORE_BASIC, or an enhanced code of the
	// same class right after it): "code=550" and "said:550" are replies, "port=550" and a
	// stack trace's "Transport.java:421" are not.
	private static final Pattern BASIC = Pattern.compile("(?<![\\w.\\-/@+$%])(?<![^\\s]#)([2-5]\\d\\d)(?![\\w.:/@%])");

	/**
	 * What may follow a basic code: the end, or a separator and text or an enhanced code.
	 */
	private static final Pattern AFTER_BASIC = Pattern
		.compile("(?:\\s*$|[ \\t-]+(?:#?[245]\\.\\d|[^\\d\\s])|[ \\t]*['\")\\],}])");

	/** Where a basic code stands at the end of what precedes it on the line. */
	// Each alternative starts with what it consumes first and looks behind only there
	// (":" before its look-behind, a letter before the keywords'): a look-behind tried at
	// every position of the 60 characters made one application cost a hundred
	// microseconds.
	// The line's start may carry a transcript's marks: "S: ", sendmail's "<<< ", swaks's
	// "<- ", "<** " and "<~ ", curl's "< ", or a log's date and time (Go's log package).
	// A word that names a reply may stand before it, also glued to a prefix as in
	// Nodemailer's "responseCode: 550", msmtp's "smtpstatus=550" or Sendmail's "reject=".
	private static final Pattern BEFORE_BASIC = Pattern
		.compile("(?i)(?:(?<![\\s\\S])[\\s>|*<~-]*#?(?:[sS]:\\s*|<<<\\s*)?"
				+ "|(?<![\\s\\S])\\d{4}[-/]\\d\\d[-/]\\d\\d[T ]\\d\\d:\\d\\d:\\d\\d(?:[.,]\\d{1,9})?Z?\\s+"
				+ "|\\bsaid:\\s*|\\bsmtp;\\s*|\\breturned\\s+['\"]?"
				+ "|(?=[a-z])(?<![a-z])(?:smtp|response|reply|server|remote|error|status)?[_-]?(?:error|response|reply|replied"
				+ "|answer|answered|code|status|stat|reject)(?:\\s+code)?(?:\\s+(?:was|is))?['\"]?\\s*[:=]?\\s*['\"(]?"
				+ "|:(?<!\\b(?:size|delay|delays|port|length|line|bytes|pid|id|time|count|total|limit|nrcpt|uid|gid|pri"
				+ "|priority|age)\\s?:)\\s+['\"(]?)$");

	/**
	 * An enhanced code: class, subject and detail, without leading zeros, standing alone.
	 */
	private static final Pattern ENHANCED = Pattern
		.compile("(?<![\\w./@+$%])([245])\\.(0|[1-9]\\d{0,2})\\.(0|[1-9]\\d{0,2})(?!\\.\\d|[\\w\\-/@%]|:\\d)");

	/**
	 * Where an enhanced code stands, even when the reference does not know its detail.
	 */
	private static final Pattern BEFORE_ENHANCED = Pattern
		.compile("(?i)(?:(?<![\\s\\S])[\\s>|*]*#?(?:[sS]:\\s*|<<<\\s*)?"
				+ "|\\bdsn=|\\bstatus:\\s*|#\\s*|\\bsmtp;\\s*|\\bsaid:\\s*|\\b(?:error|response|reply|code|status)"
				+ "(?:\\s+code)?\\s*[:=]?\\s*['\"(\\[]?|:\\s+['\"(]?)$");

	/** Words before a number that make it a version, not a code. */
	private static final Pattern VERSION = Pattern
		.compile("(?i)(?:\\bv|version|release|build|postfix|exim|sendmail|openssl|tls|ssl|ver\\.?)\\s*$");

	/**
	 * A basic code right before an enhanced one: "550 5.1.1", "550-5.1.1", "550 #5.1.0",
	 * MailKit's "535: 5.7.8", Python's tuple "(550, b'5.1.1" and Go's "Code:550,
	 * Msg:\"5.1.1".
	 */
	private static final Pattern PAIR = Pattern.compile("([2-5]\\d\\d)(?:[ \\t-]|: ?|, ?b?['\"]|, ?Msg: ?\")#?$");

	/** How far before an enhanced code its basic code may start. */
	private static final int PAIR_LOOK_BACK = 14;

	/** What follows a basic code in a Python tuple: "(550, b'…')". */
	private static final Pattern TUPLE = Pattern.compile(", ?b?['\"]");

	/** The patterns above that the start of a line satisfies. */
	private static final Set<Pattern> AT_LINE_START = Stream.of(BEFORE_BASIC, BEFORE_ENHANCED, VERSION)
		.filter((pattern) -> pattern.matcher("").find())
		.collect(Collectors.toUnmodifiableSet());

	/** How far before a code its context is looked for. */
	private static final int LOOK_BACK = 60;

	/** How much text beside one code the cause rules are tried on. */
	private static final int MAX_CONTEXT = 2000;

	private static final int MAX_EXCERPT = 200;

	/**
	 * How many pattern applications one text may cost: several times what the most costly
	 * 64 KiB text takes, so only a text the decoder cannot read in linear time ever
	 * reaches it, and then the answer says how far it got instead of holding a request
	 * thread for seconds.
	 */
	static final long MAX_STEPS = 400_000;

	/**
	 * The most different codes one text is read for: a real bounce or log holds a
	 * handful, and each code found costs its cause rules and a card on the page (about 10
	 * ms of rendering and 5 KB each; 50 took half a CPU-second).
	 */
	static final int MAX_CODES = 30;

	private final Reference reference;

	private final Causes causes;

	private final long maxSteps;

	Decoder(Reference reference) {
		this(reference, MAX_STEPS);
	}

	Decoder(Reference reference, long maxSteps) {
		this.reference = reference;
		this.causes = new Causes(reference.decodeRules());
		this.maxSteps = maxSteps;
	}

	/**
	 * Decodes a text: every code in it once, in order of first appearance. Each line's
	 * codes are found once, and the lines a reply continues on are taken into its context
	 * and not read again, so the work grows with the text's length and no faster.
	 */
	Decoding decode(String text) {
		Work work = new Work(this.maxSteps);
		List<Line> lines = lines(text);
		List<String> raw = lines.stream().map(Line::raw).toList();
		// The original message a report returns says nothing about its delivery: its
		// headers and body give neither codes nor recipients.
		work.returned = DeliveryStatus.returnedLines(raw);
		List<List<Hit>> hitsByLine = new ArrayList<>(Collections.nCopies(lines.size(), null));
		Map<String, Group> groups = new LinkedHashMap<>();
		Map<String, Pattern> sameReplies = new HashMap<>();
		int total = (lines.size() > 1 && lines.get(lines.size() - 1).text.isEmpty()) ? lines.size() - 1 : lines.size();
		int read = total;
		int i = 0;
		reading: while (i < lines.size()) {
			if (work.spent()) {
				read = i;
				break;
			}
			Line line = lines.get(i);
			List<Hit> hits = hits(lines, i, hitsByLine, work);
			int next = i + 1;
			for (int h = 0; h < hits.size(); h++) {
				Hit hit = hits.get(h);
				if (!groups.containsKey(hit.key()) && groups.size() >= MAX_CODES) {
					read = i + 1;
					break reading;
				}
				int contextEnd = (h + 1 < hits.size()) ? hits.get(h + 1).start - line.offset : line.text.length();
				StringBuilder context = new StringBuilder(line.text.substring(hit.end - line.offset, contextEnd));
				if (h + 1 == hits.size()) {
					next = continuation(lines, i, hit, context, hitsByLine, sameReplies, work);
				}
				int number = i + 1;
				groups.computeIfAbsent(hit.key(), (key) -> new Group(hit, number, line)).add(context);
			}
			i = next;
		}
		// A lone enhanced code (Postfix's dsn=, a DSN's Status:) repeats the one a reply
		// gave with it: it joins that reply. So does a lone basic code (Nodemailer's
		// responseCode, msmtp's smtpstatus=, curl's "RCPT failed: 550") when one reply
		// alone has it.
		Map<String, Group> pairs = new HashMap<>();
		Map<Integer, Group> pairsByReply = new HashMap<>();
		Set<Integer> sharedReplies = new HashSet<>();
		groups.values()
			.stream()
			.filter((pair) -> pair.first.reply != 0 && pair.first.status != null)
			.forEach((pair) -> {
				pairs.putIfAbsent(pair.first.status, pair);
				if (pairsByReply.putIfAbsent(pair.first.reply, pair) != null) {
					sharedReplies.add(pair.first.reply);
				}
			});
		sharedReplies.forEach(pairsByReply::remove);
		List<Group> ordered = new ArrayList<>();
		for (Group group : groups.values()) {
			Group pair = (group.first.reply == 0) ? pairs.get(group.first.status)
					: (group.first.status == null) ? pairsByReply.get(group.first.reply) : null;
			if (pair != null && group.first.reply != 0 && !group.first.bare && pair.lineNumber != group.lineNumber) {
				// A basic code with its own text on another line is another reply.
				pair = null;
			}
			if (pair != null) {
				pair.absorb(group);
			}
			else {
				ordered.add(group);
			}
		}
		ordered.sort((a, b) -> Integer.compare(a.position, b.position));
		List<Finding> findings = ordered.stream().map((group) -> finding(group, work)).toList();
		List<DecodeRule> causesWithoutCode = findings.isEmpty() ? this.causes.named(null,
				text.substring(0, Math.min(text.length(), 4 * MAX_CONTEXT)), (n) -> work.steps += n) : List.of();
		List<Recipient> recipients = DeliveryStatus.recipients(raw, work.returned)
			.stream()
			.map((block) -> recipient(block, work))
			.toList();
		return new Decoding(findings, causesWithoutCode, recipients, Math.min(read, total), total, work.steps);
	}

	/**
	 * A recipient of a delivery-status notification, with the reply its Diagnostic-Code
	 * carries read like any other line.
	 */
	private Recipient recipient(DeliveryStatus.Block block, Work work) {
		String diagnostic = DeliveryStatus.diagnosticText(block.diagnosticCode());
		String reply = null;
		if (diagnostic != null && !diagnostic.isEmpty()) {
			List<Hit> hits = hits(line(diagnostic, 0), work);
			if (!hits.isEmpty()) {
				reply = hits.get(0).code();
			}
		}
		String status = block.status();
		String statusPath = (status != null) ? this.reference.statusCode(status).map(StatusCode::path).orElse(null)
				: null;
		return new Recipient(block.finalRecipient(), block.originalRecipient(), block.action(), status, statusPath,
				block.remoteMta(), diagnostic, reply, block.lastAttemptDate(), block.willRetryUntil(), block.line());
	}

	private Finding finding(Group group, Work work) {
		String context = group.context.toString();
		List<DecodeRule> causes = this.causes.named(group.first.status, context, (n) -> work.steps += n);
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
	 * Adds the lines that continue a reply to its context, and answers the first line
	 * after them: the other lines of a multi-line reply without their code, up to and
	 * including its last line (the code followed by a space, not a hyphen), and indented
	 * lines that carry on a wrapped one.
	 */
	private int continuation(List<Line> lines, int index, Hit hit, StringBuilder context, List<List<Hit>> hitsByLine,
			Map<String, Pattern> sameReplies, Work work) {
		Pattern sameReply = (hit.reply != 0)
				? sameReplies
					.computeIfAbsent(hit.key(),
							(key) -> Pattern.compile("^\\s*(?:<<<\\s*)?" + hit.reply + "([ -])"
									+ ((hit.status != null) ? "(?:#?" + Pattern.quote(hit.status) + "\\s?)?" : "")))
				: null;
		// A reply ends at the line whose code a space follows: after it, only wrapped
		// text
		// belongs to it, and the same code again starts another reply.
		String own = lines.get(index).text;
		int codeEnd = hit.start - lines.get(index).offset + 3;
		boolean ended = hit.reply == 0 || codeEnd >= own.length() || own.charAt(codeEnd) != '-';
		int j = index + 1;
		for (; j < lines.size() && context.length() < MAX_CONTEXT; j++) {
			String next = lines.get(j).text;
			if (next.isBlank()) {
				return j;
			}
			List<Hit> hits = hits(lines, j, hitsByLine, work);
			if (hits.stream().anyMatch((other) -> !other.key().equals(hit.key()))) {
				return j;
			}
			if (!ended && sameReply != null) {
				work.steps++;
				Matcher same = sameReply.matcher(next);
				if (same.lookingAt()) {
					context.append(' ').append(next, same.end(), next.length());
					ended = !"-".equals(same.group(1));
					continue;
				}
			}
			if (Character.isWhitespace(next.charAt(0)) && hits.isEmpty()) {
				context.append(' ').append(next.strip());
			}
			else {
				return j;
			}
		}
		return j;
	}

	/**
	 * The codes on one line, found once however often the line is looked at.
	 */
	private List<Hit> hits(List<Line> lines, int index, List<List<Hit>> hitsByLine, Work work) {
		List<Hit> hits = hitsByLine.get(index);
		if (hits == null && work.returned[index]) {
			hits = List.of();
			hitsByLine.set(index, hits);
		}
		if (hits == null) {
			hits = hits(lines.get(index), work);
			hitsByLine.set(index, hits);
		}
		return hits;
	}

	/**
	 * The codes on one line, a basic code and the enhanced code right after it taken as
	 * one.
	 */
	private List<Hit> hits(Line line, Work work) {
		String text = line.text;
		List<Hit> hits = new ArrayList<>();
		// Every code holds one of the digits 2 to 5 (and an enhanced one a dot): a line
		// without them, like most lines of a returned message, costs no pattern at all.
		if (!holdsCodeDigit(text)) {
			return hits;
		}
		Matcher basic = BASIC.matcher(text);
		int taken = 0;
		Matcher enhanced = ENHANCED.matcher(text);
		boolean dotted = text.indexOf('.') >= 0;
		while (dotted && step(work) && enhanced.find()) {
			int start = enhanced.start();
			// A basic code just before it: 550 5.1.1, 550-5.1.1, 550 #5.1.0.
			work.steps++;
			Matcher pair = PAIR.matcher(text).region(Math.max(taken, start - PAIR_LOOK_BACK), start);
			String code = enhanced.group();
			boolean known = this.reference.statusCode(code).isPresent();
			boolean subjectKnown = this.reference.statusSubjects()
				.stream()
				.anyMatch((subject) -> subject.digit() == Integer.parseInt(enhanced.group(2)));
			if (pair.find() && subjectKnown && (sameClass(pair.group(1), code) && pairStart(text, pair.start(1))
					|| isBasic(text, pair.start(1), pair.end(1), work))) {
				addBasics(text, basic, taken, pair.start(1), line, hits, work);
				hits.add(new Hit(Integer.parseInt(pair.group(1)), code, line.offset + pair.start(1),
						line.offset + enhanced.end(), false));
				taken = enhanced.end();
			}
			else if ((endsWith(BEFORE_ENHANCED, text, start, work) && subjectKnown)
					|| (known && !endsWith(VERSION, text, start, work))) {
				addBasics(text, basic, taken, start, line, hits, work);
				hits.add(new Hit(0, code, line.offset + start, line.offset + enhanced.end(), false));
				taken = enhanced.end();
			}
		}
		addBasics(text, basic, taken, text.length(), line, hits, work);
		return hits;
	}

	private void addBasics(String text, Matcher basic, int from, int to, Line line, List<Hit> hits, Work work) {
		basic.region(from, to);
		while (step(work) && basic.find()) {
			if (isBasic(text, basic.start(1), basic.end(1), work)) {
				hits.add(new Hit(Integer.parseInt(basic.group(1)), null, line.offset + basic.start(1),
						line.offset + basic.end(1), bare(text, basic.end(1))));
			}
		}
	}

	/**
	 * Whether three digits stand where a reply code stands and name one the reference
	 * has.
	 */
	private boolean isBasic(String text, int start, int end, Work work) {
		if (!pairStart(text, start) || this.reference.reply(Integer.parseInt(text.substring(start, end))).isEmpty()) {
			return false;
		}
		// Python's tuple "(550, b'…')": the parenthesis and the bytes after it say it is
		// the reply's code, where "(550)" alone says nothing.
		if (start > 0 && text.charAt(start - 1) == '(' && step(work)
				&& TUPLE.matcher(text).region(end, text.length()).lookingAt()) {
			return true;
		}
		// Every context of BEFORE_BASIC ends in a mark, a colon, a semicolon or a word
		// before its spaces and quotes; only a log's time stamp at the line's start ends
		// in
		// a digit. So "550 550 550 …" is settled here without a pattern.
		int before = start - 1;
		while (before >= 0 && " \t'\"(".indexOf(text.charAt(before)) >= 0) {
			before--;
		}
		if (before >= 0 && Character.isDigit(text.charAt(before)) && start > LOOK_BACK) {
			return false;
		}
		return endsWith(BEFORE_BASIC, text, start, work) && step(work)
				&& AFTER_BASIC.matcher(text).region(end, text.length()).lookingAt();
	}

	/**
	 * Whether a basic code may start here at all: not inside a word, a number, an
	 * address, a path or a version.
	 */
	private static boolean pairStart(String text, int start) {
		char before = (start > 0) ? text.charAt(start - 1) : ' ';
		if (Character.isLetterOrDigit(before) || "._-/@+$%".indexOf(before) >= 0) {
			return false;
		}
		// '#' only where it opens a word (Exchange's "#550 5.1.1 ... ##").
		return before != '#' || start <= 1 || Character.isWhitespace(text.charAt(start - 2));
	}

	/**
	 * Whether a basic and an enhanced code have the same class, as a reply that carries
	 * both always has (RFC 3463, section 2): then the pair stands for itself, wherever it
	 * is.
	 */
	private static boolean sameClass(String reply, String status) {
		return reply.charAt(0) == status.charAt(0);
	}

	/**
	 * Whether nothing but the end of the line or a punctuation mark follows a basic code.
	 */
	private static boolean bare(String text, int end) {
		int i = end;
		while (i < text.length() && text.charAt(i) == ' ') {
			i++;
		}
		return i == text.length() || ",;'\")}]".indexOf(text.charAt(i)) >= 0;
	}

	private static boolean holdsCodeDigit(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '2' && c <= '5') {
				return true;
			}
		}
		return false;
	}

	/**
	 * Counts one pattern application; always true, to be chained before it.
	 */
	private static boolean step(Work work) {
		work.steps++;
		return true;
	}

	/**
	 * Whether the text just before a position ends with a pattern (which ends in
	 * {@code $}, and marks the line's start with a look-behind, since {@code ^} would
	 * match where the region starts): only the last few dozen characters are looked at,
	 * so a long line costs no more than a short one.
	 */
	private static boolean endsWith(Pattern pattern, String text, int position, Work work) {
		if (position == 0) {
			// Nothing precedes the start of a line: whether a pattern matches there is
			// known once, not paid for on every line that starts with a code.
			return AT_LINE_START.contains(pattern);
		}
		work.steps++;
		return pattern.matcher(text)
			.region(Math.max(0, position - LOOK_BACK), position)
			.useTransparentBounds(true)
			.find();
	}

	/**
	 * The text's lines, split at CRLF, CR or LF by hand: a pattern here would cost a step
	 * for every line.
	 */
	private static List<Line> lines(String text) {
		List<Line> lines = new ArrayList<>();
		int offset = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\n' || c == '\r') {
				lines.add(line(text.substring(offset, i), offset));
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
					i++;
				}
				offset = i + 1;
			}
		}
		lines.add(line(text.substring(offset), offset));
		return lines;
	}

	/**
	 * A line as the patterns read it: qmail's delivery log writes the remote server's
	 * words with '_' for every space ("failure: Remote_host_said:_550_5.1.1_…"), so there
	 * they are read as spaces, character for character so that positions hold.
	 */
	private static Line line(String raw, int offset) {
		boolean qmail = raw.indexOf('_') >= 0 && (raw.contains("said:_") || raw.contains("failure: ")
				|| raw.contains("deferral: ") || raw.contains("success: "));
		return new Line(qmail ? raw.replace('_', ' ') : raw, raw, offset);
	}

	/**
	 * The work one text has cost so far, in pattern applications, against its budget.
	 */
	private static final class Work {

		private final long budget;

		private long steps;

		/** Which lines belong to a returned message, and are not read for codes. */
		private boolean[] returned;

		Work(long budget) {
			this.budget = budget;
		}

		boolean spent() {
			return this.steps >= this.budget;
		}

	}

	/**
	 * A line of the text and where it starts.
	 *
	 * @param text the line without its line break, as the patterns read it
	 * @param raw the line as written, for the excerpt
	 * @param offset where it starts in the whole text
	 */
	private record Line(String text, String raw, int offset) {
	}

	/**
	 * One occurrence of a code.
	 *
	 * @param reply the basic code or 0
	 * @param status the enhanced code or {@code null}
	 * @param start where it starts in the whole text
	 * @param end where it ends
	 * @param bare whether it is a basic code that stands as a value alone, with no text
	 * after it ("responseCode: 550,", "RCPT failed: 550")
	 */
	private record Hit(int reply, String status, int start, int end, boolean bare) {

		String key() {
			return this.reply + " " + this.status;
		}

		/** The code as a reply writes it, as {@link Finding#code()} does. */
		String code() {
			if (this.reply == 0) {
				return this.status;
			}
			return (this.status != null) ? this.reply + " " + this.status : String.valueOf(this.reply);
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
			this.lineText = line.raw;
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
