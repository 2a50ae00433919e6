package org.smtpreference.sandbox;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.smtpreference.session.Delivery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the sandbox keeps of an accepted message (its octets, dot-stuffing undone, cut to
 * a limit), how it reads it back (MIME decoded, bounded), and the in-memory store's list
 * of a client's recent sessions.
 */
class MessageKeepingTests {

	@Test
	void dataContentLosesItsTerminatorAndStuffedDotsOnly() {
		byte[] wire = "Subject: x\r\n\r\n..one\r\n.\r\n".getBytes(StandardCharsets.US_ASCII);
		assertThat(RawMessage.kept(wire, true, 100, 1000)).isEqualTo("Subject: x\r\n\r\n.one\r\n");
		// BDAT octets are kept as they came.
		assertThat(RawMessage.kept(wire, false, 100, 1000)).isEqualTo(new String(wire, StandardCharsets.US_ASCII));
		assertThat(RawMessage.kept(wire, true, 100, 5)).isEqualTo("Subje");
	}

	@Test
	void aMessageIsReadDecodedWithItsTreeAndItsHtmlApart() {
		byte[] wire = SampleMessages.turkish();
		byte[] octets = SampleMessages.unstuffed(wire);
		Delivery delivery = new Delivery("Q1", "a@example.com", List.of("b@example.org"), octets.length,
				RawMessage.kept(wire, true, octets.length, 1 << 20));
		MessageView view = MessageView.of(1, "0".repeat(32), delivery);
		assertThat(view.cut()).isFalse();
		assertThat(view.unreadable()).isFalse();
		assertThat(view.headers()).anySatisfy((header) -> {
			assertThat(header.name()).isEqualTo("Subject");
			assertThat(header.value()).isEqualTo(SampleMessages.SUBJECT);
			assertThat(header.raw()).startsWith("=?UTF-8?B?");
		});
		assertThat(view.parts()).extracting(MessageView.PartView::kind)
			.containsExactly("multipart", "multipart", "text", "html", "attachment");
		assertThat(view.parts().get(4).fileName()).isEqualTo(SampleMessages.FILE_NAME);
		assertThat(view.parts().get(4).size()).isEqualTo(SampleMessages.ATTACHMENT.length);
		assertThat(view.parts().get(2).text()).isEqualTo(SampleMessages.TEXT + "\n" + SampleMessages.DOT_LINE + "\n");
		assertThat(view.parts().get(3).text()).isNull();
		assertThat(MessageView.html(delivery, 3))
			.hasValueSatisfying((html) -> assertThat(html).contains(SampleMessages.HTML_TEXT));
		assertThat(MessageView.html(delivery, 2)).isEmpty();
		assertThat(MessageView.html(delivery, 99)).isEmpty();
	}

	@Test
	void aCutOrBrokenMessageIsShownAsFarAsItGoes() {
		byte[] wire = SampleMessages.turkish();
		int kept = 400;
		Delivery delivery = new Delivery("Q1", "", List.of("b@example.org"), 2000,
				RawMessage.kept(wire, true, 2000, kept));
		MessageView view = MessageView.of(1, "0".repeat(32), delivery);
		assertThat(view.cut()).isTrue();
		assertThat(view.kept()).isEqualTo(kept);
		assertThat(view.headers()).isNotEmpty();
		// Nesting past the bound is listed no further.
		StringBuilder nested = new StringBuilder();
		for (int i = 0; i < 50; i++) {
			nested.append("Content-Type: multipart/mixed; boundary=b")
				.append(i)
				.append("\r\n\r\n--b")
				.append(i)
				.append("\r\n");
		}
		Delivery deep = new Delivery("Q2", "", List.of("b@example.org"), nested.length(), nested.toString());
		MessageView deepView = MessageView.of(1, "0".repeat(32), deep);
		assertThat(deepView.parts().size()).isLessThanOrEqualTo(MessageView.MAX_DEPTH + 1);
		assertThat(deepView.unreadable()).isTrue();
	}

	@Test
	void theMemoryStoreListsAClientsSessionsNewestFirst() throws Exception {
		MemoryTranscriptStore store = new MemoryTranscriptStore(65536, 1 << 20, 10, Duration.ofMinutes(5),
				Clock.systemUTC());
		InetAddress client = InetAddress.getByName("192.0.2.41");
		store.open("a", 1000, client);
		store.open("b", 3000, client);
		store.open("c", 2000, InetAddress.getByName("192.0.2.42"));
		store.close("a");
		assertThat(store.recent(client, 5)).extracting(TranscriptStore.RecentSession::id).containsExactly("b", "a");
		assertThat(store.recent(client, 5)).extracting(TranscriptStore.RecentSession::open)
			.containsExactly(true, false);
		assertThat(store.recent(client, 1)).hasSize(1);
		assertThat(store.recent(InetAddress.getByName("192.0.2.43"), 5)).isEmpty();
	}

}
