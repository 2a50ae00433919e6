package org.smtpreference.home;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.smtpreference.content.FaqEntry;
import org.smtpreference.content.Reference;

/**
 * A whole SMTP submission session, from connecting to {@code QUIT}, as the steps of the
 * sequence diagram on the reference page, placed once for narrow screens (one column) and
 * once for wide ones (two columns).
 */
final class SessionFlow {

	/** Width of one column of the diagram, in SVG user units. */
	private static final int COLUMN_WIDTH = 360;

	private static final int COLUMN_GAP = 48;

	private static final int CLIENT_X = 52;

	private static final int SERVER_X = 308;

	private static final int HEADER_HEIGHT = 44;

	private static final int PHASE_HEIGHT = 28;

	private static final int STEP_HEIGHT = 41;

	private static final int BOTTOM_MARGIN = 8;

	private static final int HEAD_LENGTH = 9;

	private final List<Diagram> diagrams;

	SessionFlow(Reference reference) {
		Links links = new Links(reference);
		List<Phase> phases = List.of(
				new Phase("greeting",
						List.of(client("connect", "TCP :587", links.faq("ports")),
								server("greeting", "220 mx.example.org ESMTP", links.reply(220)),
								client("ehlo", "EHLO client.example.org", links.command("ehlo")),
								server("extensions", "250-STARTTLS …", links.reply(250)))),
				new Phase("tls",
						List.of(client("starttls", "STARTTLS", links.command("starttls")),
								server("tlsReady", "220 Ready to start TLS", links.reply(220)),
								both("handshake", "TLS", links.faq("starttls-vs-implicit-tls")),
								client("ehloAgain", "EHLO client.example.org", links.command("ehlo")),
								server("extensionsAgain", "250-AUTH PLAIN LOGIN …", links.reply(250)))),
				new Phase("auth",
						List.of(client("auth", "AUTH PLAIN", links.command("auth")),
								server("challenge", "334", links.reply(334)).whenNeeded(),
								client("credentials", "AHVzZXIAc2VjcmV0", links.mechanism("auth", "plain"))
									.whenNeeded(),
								server("authenticated", "235 2.7.0 Authenticated", links.reply(235)))),
				new Phase("envelope",
						List.of(client("mailFrom", "MAIL FROM:<ada@example.org>", links.command("mail-from")),
								server("senderOk", "250 2.1.0 OK", links.reply(250)),
								client("rcptTo", "RCPT TO:<bob@example.net>", links.command("rcpt-to")),
								server("recipientOk", "250 2.1.5 OK", links.reply(250)))),
				new Phase("content",
						List.of(client("data", "DATA", links.command("data")),
								server("startInput", "354 Start mail input", links.reply(354)),
								client("message", "From: … Subject: …", links.command("data")),
								client("dot", "<CRLF>.<CRLF>", links.faq("dot-stuffing")),
								server("queued", "250 2.0.0 OK: queued", links.reply(250)))),
				new Phase("close", List.of(client("quit", "QUIT", links.command("quit")),
						server("bye", "221 2.0.0 Bye", links.reply(221)))));
		// Wide screens: opening the session (greeting, TLS, login) beside sending the
		// message.
		int split = 3;
		this.diagrams = List.of(new Diagram("narrow", List.of(phases)),
				new Diagram("wide", List.of(phases.subList(0, split), phases.subList(split, phases.size()))));
	}

	private static Step client(String key, String token, String href) {
		return new Step(key, Side.CLIENT, token, href, false);
	}

	private static Step server(String key, String token, String href) {
		return new Step(key, Side.SERVER, token, href, false);
	}

	private static Step both(String key, String token, String href) {
		return new Step(key, Side.BOTH, token, href, false);
	}

	/**
	 * The diagram in its narrow and its wide arrangement; the stylesheet shows one.
	 */
	public List<Diagram> diagrams() {
		return this.diagrams;
	}

	/**
	 * Who sends a step.
	 */
	enum Side {

		CLIENT, SERVER, BOTH;

		public String id() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

	/**
	 * One step of the session: a command, a reply or what happens between them.
	 *
	 * @param key names the step's label, {@code flow.step.<key>} in the messages
	 * @param side who sends it
	 * @param token what is sent, language-neutral: a verb, a reply line or a marker
	 * @param href the page explaining it
	 * @param optional whether the step happens only in some sessions
	 */
	record Step(String key, Side side, String token, String href, boolean optional) {

		Step whenNeeded() {
			return new Step(this.key, this.side, this.token, this.href, true);
		}

		public String labelKey() {
			return "flow.step." + this.key;
		}

	}

	/**
	 * A phase of the session, such as the envelope or the message content.
	 *
	 * @param key names the phase's heading, {@code flow.phase.<key>} in the messages
	 * @param steps its steps in order
	 */
	record Phase(String key, List<Step> steps) {

		Phase {
			steps = List.copyOf(steps);
		}

		public String titleKey() {
			return "flow.phase." + this.key;
		}

	}

	/**
	 * The whole session drawn in columns side by side, each with its own client and
	 * server lifelines.
	 */
	static final class Diagram {

		private final String name;

		private final List<Lane> lanes = new ArrayList<>();

		private final List<PlacedPhase> phases = new ArrayList<>();

		private final int width;

		private final int height;

		Diagram(String name, List<List<Phase>> columns) {
			this.name = name;
			int bottom = 0;
			for (int column = 0; column < columns.size(); column++) {
				int left = column * (COLUMN_WIDTH + COLUMN_GAP);
				int y = HEADER_HEIGHT;
				for (Phase phase : columns.get(column)) {
					List<PlacedStep> steps = new ArrayList<>();
					int stepsTop = y + PHASE_HEIGHT;
					for (int i = 0; i < phase.steps().size(); i++) {
						steps.add(new PlacedStep(phase.steps().get(i), left, stepsTop + i * STEP_HEIGHT));
					}
					this.phases.add(new PlacedPhase(phase, left, y, steps));
					y = stepsTop + phase.steps().size() * STEP_HEIGHT;
				}
				this.lanes.add(new Lane(left));
				bottom = Math.max(bottom, y);
			}
			this.width = columns.size() * COLUMN_WIDTH + (columns.size() - 1) * COLUMN_GAP;
			this.height = bottom + BOTTOM_MARGIN;
		}

		public String name() {
			return this.name;
		}

		public String viewBox() {
			return "0 0 " + this.width + " " + this.height;
		}

		public int width() {
			return this.width;
		}

		public int height() {
			return this.height;
		}

		/**
		 * One pair of lifelines per column, each as tall as the diagram.
		 */
		public List<Lane> lanes() {
			return this.lanes;
		}

		public List<PlacedPhase> phases() {
			return this.phases;
		}

		public int lifelineBottom() {
			return this.height - BOTTOM_MARGIN;
		}

	}

	/**
	 * The client and server lifelines of one column, under their headings.
	 *
	 * @param left the column's left edge
	 */
	record Lane(int left) {

		public int clientX() {
			return this.left + CLIENT_X;
		}

		public int serverX() {
			return this.left + SERVER_X;
		}

		public int boxWidth() {
			return 2 * (CLIENT_X - 4);
		}

		public int clientBoxX() {
			return clientX() - boxWidth() / 2;
		}

		public int serverBoxX() {
			return serverX() - boxWidth() / 2;
		}

		public int lifelineTop() {
			return HEADER_HEIGHT - 10;
		}

	}

	/**
	 * A phase heading across one column, followed by its steps.
	 *
	 * @param phase the phase
	 * @param left the column's left edge
	 * @param top the heading's top
	 * @param steps its steps, placed
	 */
	record PlacedPhase(Phase phase, int left, int top, List<PlacedStep> steps) {

		public int bandX() {
			return this.left + 2;
		}

		public int bandY() {
			return this.top + 4;
		}

		public int bandWidth() {
			return COLUMN_WIDTH - 4;
		}

		public int bandHeight() {
			return PHASE_HEIGHT - 8;
		}

		public int textX() {
			return this.left + COLUMN_WIDTH / 2;
		}

		public int textY() {
			return this.top + PHASE_HEIGHT - 10;
		}

	}

	/**
	 * A step's arrow and texts at their place in a column.
	 *
	 * @param step the step
	 * @param left the column's left edge
	 * @param top the step's top
	 */
	record PlacedStep(Step step, int left, int top) {

		/**
		 * The left edge of the step's clickable area, inset so its focus outline shows
		 * whole.
		 */
		public int hitX() {
			return this.left + 2;
		}

		public int hitWidth() {
			return COLUMN_WIDTH - 4;
		}

		public int height() {
			return STEP_HEIGHT;
		}

		public int centerX() {
			return this.left + COLUMN_WIDTH / 2;
		}

		public int tokenY() {
			return this.top + 16;
		}

		public int arrowY() {
			return this.top + 22;
		}

		public int labelY() {
			return this.top + 36;
		}

		/**
		 * Where the arrow's line starts and ends: short of each arrowhead, so the heads
		 * keep their points.
		 */
		public int lineStart() {
			return this.left + CLIENT_X + ((this.step.side() != Side.CLIENT) ? HEAD_LENGTH - 1 : 0);
		}

		public int lineEnd() {
			return this.left + SERVER_X - ((this.step.side() != Side.SERVER) ? HEAD_LENGTH - 1 : 0);
		}

		/**
		 * The arrowheads as polygon point lists: at the server for a command, at the
		 * client for a reply, at both for the TLS handshake.
		 */
		public List<String> heads() {
			List<String> heads = new ArrayList<>();
			int y = arrowY();
			if (this.step.side() != Side.SERVER) {
				int x = this.left + SERVER_X;
				heads.add(points(x, y, x - HEAD_LENGTH, y - 5, x - HEAD_LENGTH, y + 5));
			}
			if (this.step.side() != Side.CLIENT) {
				int x = this.left + CLIENT_X;
				heads.add(points(x, y, x + HEAD_LENGTH, y - 5, x + HEAD_LENGTH, y + 5));
			}
			return heads;
		}

		private static String points(int... xy) {
			StringBuilder points = new StringBuilder();
			for (int i = 0; i < xy.length; i += 2) {
				points.append((i > 0) ? " " : "").append(xy[i]).append(',').append(xy[i + 1]);
			}
			return points.toString();
		}

		/**
		 * The classes of the step's group: who sends it, and whether it is optional.
		 */
		public String classes() {
			return "flow-step flow-" + this.step.side().id() + (this.step.optional() ? " flow-optional" : "");
		}

	}

	/**
	 * The addresses of the pages the steps link to, taken from the reference so a renamed
	 * entry stops the start instead of leaving a broken link.
	 */
	private record Links(Reference reference) {

		String command(String slug) {
			return this.reference.command(slug)
				.orElseThrow(() -> new IllegalStateException("The session flow names no command '" + slug + "'"))
				.path();
		}

		String mechanism(String slug, String mechanism) {
			return this.reference.command(slug)
				.flatMap((command) -> command.mechanisms()
					.stream()
					.filter((candidate) -> candidate.name().equalsIgnoreCase(mechanism))
					.findFirst()
					.map((found) -> command.path() + "#" + found.anchor()))
				.orElseThrow(() -> new IllegalStateException(
						"The session flow names no mechanism '" + mechanism + "' of '" + slug + "'"));
		}

		String reply(int code) {
			return this.reference.reply(code)
				.orElseThrow(() -> new IllegalStateException("The session flow names no reply " + code))
				.path();
		}

		String faq(String id) {
			return this.reference.faq()
				.stream()
				.filter((entry) -> entry.id().equals(id))
				.findFirst()
				.map(FaqEntry::path)
				.orElseThrow(() -> new IllegalStateException("The session flow names no question '" + id + "'"));
		}

	}

}
