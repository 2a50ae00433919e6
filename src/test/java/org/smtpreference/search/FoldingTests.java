package org.smtpreference.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that folding ignores case, accents and the Turkish i.
 */
class FoldingTests {

	@Test
	void turkishLettersFoldToAscii() {
		assertThat(Folding.fold("Bağlantı Şifreleme Çözüm Öğe Üç")).isEqualTo("baglanti sifreleme cozum oge uc");
	}

	@Test
	void allFourIsFoldAlike() {
		assertThat(Folding.fold("İıIi")).isEqualTo("iiii");
	}

	@Test
	void identifiersKeepTheirShape() {
		assertThat(Folding.fold("MAIL FROM:<a@b>")).isEqualTo("mail from:<a@b>");
		assertThat(Folding.fold("5.7.1")).isEqualTo("5.7.1");
	}

}
