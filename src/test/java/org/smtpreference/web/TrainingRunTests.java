package org.smtpreference.web;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smtpreference.SmtpReferenceApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code site.training-run}, which the image's build uses to record its AOT cache: the
 * application serves its warm-up pages, then stops by itself, with status 0 when every
 * page answered and 1 when one did not, so a broken page fails the image's build.
 */
class TrainingRunTests {

	@Test
	void stopsWithStatusZeroOnceThePagesAreWarm(@TempDir Path temp) throws Exception {
		Run run = start(temp);
		assertThat(run.status).as(run.log).isZero();
		assertThat(run.log).contains("Pages warmed in").contains("Training run finished with status 0");
	}

	@Test
	void stopsWithStatusOneWhenAPageFails(@TempDir Path temp) throws Exception {
		// Under another context path, every warm-up address answers 404.
		Run run = start(temp, "--server.servlet.context-path=/elsewhere");
		assertThat(run.status).as(run.log).isEqualTo(1);
		assertThat(run.log).contains("Warm-up: / answered 404").contains("Training run finished with status 1");
	}

	private static Run start(Path temp, String... arguments) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// The client compiler only, as the suite's own JVM (pom.xml): C2 gains a run of
		// seconds nothing but compile threads taking the CPU from the tests beside it.
		List<String> command = new ArrayList<>(
				List.of(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						SmtpReferenceApplication.class.getName(), "--server.port=0", "--site.training-run=true"));
		command.addAll(List.of(arguments));
		File log = temp.resolve("run.log").toFile();
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
		if (!process.waitFor(3, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError("the training run did not stop by itself:\n" + Files.readString(log.toPath()));
		}
		return new Run(process.exitValue(), Files.readString(log.toPath()));
	}

	private record Run(int status, String log) {
	}

}
