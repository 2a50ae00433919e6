package org.smtpreference.session;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine stays laid out where the protocol splits: each command is answered by a
 * method named after it in its phase's class and nowhere else, {@link SmtpSession} only
 * routes, no Spring, servlet or Netty type enters the package, and no class in it grows
 * past {@value #MAX_LINES} lines. That limit is what a reader takes in at one sitting:
 * the engine was one class of 852 lines that grew with each rule, and the largest classes
 * now (the mail transaction and {@link Answer}'s table of replies) are about 310 lines,
 * which leaves room for a few rules before a phase should be split again.
 */
class SessionLayoutTests {

	private static final Path SOURCES = Path.of("src/main/java/org/smtpreference/session");

	private static final int MAX_LINES = 350;

	/** Which class answers each command. */
	private static final Map<String, Class<?>> PHASES = phases();

	private static Map<String, Class<?>> phases() {
		Map<String, Class<?>> phases = new LinkedHashMap<>();
		phases.put("EHLO", GreetingPhase.class);
		phases.put("HELO", GreetingPhase.class);
		phases.put("STARTTLS", GreetingPhase.class);
		phases.put("MAIL", MailTransactionPhase.class);
		phases.put("RCPT", MailTransactionPhase.class);
		phases.put("DATA", MailTransactionPhase.class);
		phases.put("AUTH", AuthPhase.class);
		phases.put("BDAT", BdatPhase.class);
		phases.put("RSET", SessionCommands.class);
		phases.put("NOOP", SessionCommands.class);
		phases.put("QUIT", SessionCommands.class);
		phases.put("VRFY", SessionCommands.class);
		phases.put("EXPN", SessionCommands.class);
		phases.put("HELP", SessionCommands.class);
		return phases;
	}

	@Test
	void eachCommandIsAnsweredInItsPhaseAndNowhereElse() throws Exception {
		List<Class<?>> classes = packageClasses();
		assertThat(classes).contains(SmtpSession.class, GreetingPhase.class, MailTransactionPhase.class,
				AuthPhase.class, BdatPhase.class, SessionCommands.class);
		for (Map.Entry<String, Class<?>> phase : PHASES.entrySet()) {
			String handler = phase.getKey().toLowerCase(Locale.ROOT);
			List<String> holders = new ArrayList<>();
			for (Class<?> type : classes) {
				for (Method method : type.getDeclaredMethods()) {
					if (method.getName().equals(handler)) {
						holders.add(type.getSimpleName() + "." + handler);
					}
				}
			}
			assertThat(holders).as("the classes answering %s", phase.getKey())
				.containsExactly(phase.getValue().getSimpleName() + "." + handler);
			assertThat(phase.getValue().getDeclaredMethod(handler, String.class).getReturnType())
				.isEqualTo(ServerReply.class);
		}
	}

	@Test
	void theSessionRoutesEachVerbToItsPhase() throws Exception {
		String source = Files.readString(SOURCES.resolve("SmtpSession.java"));
		Matcher route = Pattern.compile("case \"([A-Z]+)\" -> this\\.(\\w+)\\.(\\w+)\\(arguments\\);").matcher(source);
		Map<String, Class<?>> routed = new LinkedHashMap<>();
		while (route.find()) {
			Class<?> phase = SmtpSession.class.getDeclaredField(route.group(2)).getType();
			assertThat(route.group(3)).as(route.group()).isEqualTo(route.group(1).toLowerCase(Locale.ROOT));
			routed.put(route.group(1), phase);
		}
		assertThat(routed).isEqualTo(PHASES);
	}

	@Test
	void noSpringServletOrNettyTypeEntersThePackage() throws IOException {
		for (Path file : sourceFiles()) {
			String source = Files.readString(file);
			assertThat(source).as(file.getFileName().toString())
				.doesNotContain("org.springframework")
				.doesNotContain("jakarta.servlet")
				.doesNotContain("javax.servlet")
				.doesNotContain("io.netty");
		}
	}

	@Test
	void noClassGrowsPastWhatOneReadsAtASitting() throws IOException {
		for (Path file : sourceFiles()) {
			int lines = Files.readAllLines(file).size();
			assertThat(lines).as("lines of %s", file.getFileName()).isLessThanOrEqualTo(MAX_LINES);
		}
	}

	private static List<Path> sourceFiles() throws IOException {
		try (Stream<Path> files = Files.list(SOURCES)) {
			List<Path> sources = files.filter((file) -> file.toString().endsWith(".java")).sorted().toList();
			assertThat(sources).isNotEmpty();
			return sources;
		}
	}

	private static List<Class<?>> packageClasses() throws Exception {
		List<Class<?>> classes = new ArrayList<>();
		for (Path file : sourceFiles()) {
			String name = file.getFileName().toString().replace(".java", "");
			if (!name.equals("package-info")) {
				classes.add(Class.forName(SessionLayoutTests.class.getPackageName() + "." + name));
			}
		}
		return classes;
	}

}
