package org.smtpreference.sandbox;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Isolated;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections the listener ends show in the log at WARN, but many of one kind make one
 * line, not one each.
 */
@SpringBootTest(properties = { "site.sandbox.smtp-port=0", "site.sandbox.bind-address=127.0.0.1",
		"site.sandbox.public-host=localhost", "site.sandbox.idle-timeout=1s",
		"site.sandbox.max-connections-per-address=20" })
@ExtendWith(OutputCaptureExtension.class)
@Isolated
class SandboxWarningsTests {

	@Autowired
	SandboxListener listener;

	@Test
	void manyTimeoutsMakeOneWarning(CapturedOutput output) {
		long before = this.listener.warnings().count(ConnectionWarnings.Kind.TIMED_OUT);
		List<SmtpClient> clients = new ArrayList<>();
		try {
			for (int i = 0; i < 6; i++) {
				SmtpClient smtp = new SmtpClient(this.listener.smtpPort());
				assertThat(smtp.last()).startsWith("220 ");
				clients.add(smtp);
			}
			for (SmtpClient smtp : clients) {
				assertThat(smtp.last()).startsWith("421 4.4.2 localhost Closing connection: idle timeout");
				assertThat(smtp.closedByServer()).isTrue();
			}
		}
		finally {
			clients.forEach(SmtpClient::close);
		}
		assertThat(this.listener.warnings().count(ConnectionWarnings.Kind.TIMED_OUT)).isEqualTo(before + 6);
		List<String> warnings = output.getOut()
			.lines()
			.filter((line) -> line.contains(" WARN ") && line.contains("Sandbox connection closed for a timeout"))
			.toList();
		assertThat(warnings).hasSize(1);
		assertThat(warnings.get(0)).contains("127.0.0.1, idle timeout").contains("at most one such warning a minute");
	}

}
