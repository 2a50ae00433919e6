package org.smtpreference.home;

import java.util.ArrayList;
import java.util.List;

import org.smtpreference.content.FlowPhase;
import org.smtpreference.content.FlowStep;

/**
 * The drawing of the session flow (content/flow.yml) as a sequence diagram on the
 * reference page, placed once for narrow screens (one column) and once for wide ones (two
 * columns).
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

	SessionFlow(List<FlowPhase> phases) {
		int split = balancedSplit(phases);
		this.diagrams = List.of(new Diagram("narrow", List.of(phases)), new Diagram("wide", (phases.size() < 2)
				? List.of(phases) : List.of(phases.subList(0, split), phases.subList(split, phases.size()))));
	}

	/**
	 * Where the wide arrangement starts its second column: after the phase that leaves
	 * the two columns closest in height, so the drawing is no taller than it must be. For
	 * the session as written this puts opening the session (greeting, TLS, login) beside
	 * sending the message.
	 */
	private static int balancedSplit(List<FlowPhase> phases) {
		int total = phases.stream().mapToInt(SessionFlow::height).sum();
		int best = 1;
		int bestHeight = Integer.MAX_VALUE;
		int first = 0;
		for (int split = 1; split < phases.size(); split++) {
			first += height(phases.get(split - 1));
			int taller = Math.max(first, total - first);
			if (taller < bestHeight) {
				best = split;
				bestHeight = taller;
			}
		}
		return best;
	}

	private static int height(FlowPhase phase) {
		return PHASE_HEIGHT + phase.steps().size() * STEP_HEIGHT;
	}

	/**
	 * The diagram in its narrow and its wide arrangement; the stylesheet shows one.
	 */
	public List<Diagram> diagrams() {
		return this.diagrams;
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

		Diagram(String name, List<List<FlowPhase>> columns) {
			this.name = name;
			int bottom = 0;
			for (int column = 0; column < columns.size(); column++) {
				int left = column * (COLUMN_WIDTH + COLUMN_GAP);
				int y = HEADER_HEIGHT;
				for (FlowPhase phase : columns.get(column)) {
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
	record PlacedPhase(FlowPhase phase, int left, int top, List<PlacedStep> steps) {

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
	record PlacedStep(FlowStep step, int left, int top) {

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
			return this.left + CLIENT_X + ((this.step.side() != FlowStep.Side.CLIENT) ? HEAD_LENGTH - 1 : 0);
		}

		public int lineEnd() {
			return this.left + SERVER_X - ((this.step.side() != FlowStep.Side.SERVER) ? HEAD_LENGTH - 1 : 0);
		}

		/**
		 * The arrowheads as polygon point lists: at the server for a command, at the
		 * client for a reply, at both for the TLS handshake.
		 */
		public List<String> heads() {
			List<String> heads = new ArrayList<>();
			int y = arrowY();
			if (this.step.side() != FlowStep.Side.SERVER) {
				int x = this.left + SERVER_X;
				heads.add(points(x, y, x - HEAD_LENGTH, y - 5, x - HEAD_LENGTH, y + 5));
			}
			if (this.step.side() != FlowStep.Side.CLIENT) {
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

}
