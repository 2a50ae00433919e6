package org.smtpreference.home;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpreference.content.FlowPhase;
import org.smtpreference.content.Reference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests how the session flow is arranged: one column when narrow, two columns of about
 * the same height when wide.
 */
class SessionFlowTests {

	private static final List<FlowPhase> PHASES = Reference.load("content").flow();

	@Test
	void narrowArrangementIsOneColumnOfEveryPhase() {
		SessionFlow.Diagram narrow = new SessionFlow(PHASES).diagrams().get(0);
		assertThat(narrow.name()).isEqualTo("narrow");
		assertThat(narrow.lanes()).hasSize(1);
		assertThat(narrow.phases()).extracting((placed) -> placed.phase().id())
			.containsExactly("greeting", "tls", "auth", "envelope", "content", "close");
	}

	@Test
	void wideArrangementPutsOpeningTheSessionBesideSendingTheMessage() {
		SessionFlow.Diagram wide = new SessionFlow(PHASES).diagrams().get(1);
		assertThat(wide.name()).isEqualTo("wide");
		assertThat(wide.lanes()).hasSize(2);
		assertThat(wide.phases()).filteredOn((placed) -> placed.left() == 0)
			.extracting((placed) -> placed.phase().id())
			.containsExactly("greeting", "tls", "auth");
		assertThat(wide.phases()).filteredOn((placed) -> placed.left() > 0)
			.extracting((placed) -> placed.phase().id())
			.containsExactly("envelope", "content", "close");
	}

	@Test
	void wideArrangementSplitsWhereTheColumnsAreClosestInHeight() {
		// 2, 5 and 4 steps: after the second phase the columns differ least.
		List<FlowPhase> phases = List.of(phase("close"), phase("tls"), phase("greeting"));
		SessionFlow.Diagram wide = new SessionFlow(phases).diagrams().get(1);
		assertThat(wide.phases()).filteredOn((placed) -> placed.left() == 0)
			.extracting((placed) -> placed.phase().id())
			.containsExactly("close", "tls");
	}

	@Test
	void onePhaseIsOneColumnEvenWhenWide() {
		SessionFlow.Diagram wide = new SessionFlow(List.of(phase("tls"))).diagrams().get(1);
		assertThat(wide.lanes()).hasSize(1);
		assertThat(wide.viewBox()).startsWith("0 0 360 ");
	}

	private static FlowPhase phase(String id) {
		return PHASES.stream().filter((phase) -> phase.id().equals(id)).findFirst().orElseThrow();
	}

}
