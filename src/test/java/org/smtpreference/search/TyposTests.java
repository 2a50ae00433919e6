package org.smtpreference.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests the one-edit check and the edit distance.
 */
class TyposTests {

	@Test
	void oneEditApart() {
		assertThat(Typos.withinOne("recpt", "rcpt")).isTrue();
		assertThat(Typos.withinOne("ehol", "ehlo")).isTrue();
		assertThat(Typos.withinOne("helo", "hello")).isTrue();
		assertThat(Typos.withinOne("data", "date")).isTrue();
	}

	@Test
	void moreThanOneEditApart() {
		assertThat(Typos.withinOne("ehlo", "help")).isFalse();
		assertThat(Typos.withinOne("quit", "quiet!")).isFalse();
		assertThat(Typos.withinOne("rset", "tser")).isFalse();
	}

	@Test
	void distanceCountsEdits() {
		assertThat(Typos.distance("kitten", "sitting")).isEqualTo(3);
		assertThat(Typos.distance("", "abc")).isEqualTo(3);
		assertThat(Typos.distance("same", "same")).isZero();
	}

}
