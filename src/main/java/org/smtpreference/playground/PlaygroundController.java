package org.smtpreference.playground;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.smtpreference.content.Command;
import org.smtpreference.content.Language;
import org.smtpreference.content.Reference;
import org.smtpreference.content.Scenario;
import org.smtpreference.content.Text;
import org.smtpreference.session.Answer;
import org.smtpreference.session.SessionSettings;
import org.smtpreference.session.SmtpSession;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The playground page: a session typed line by line (played through the JSON endpoint by
 * the page's script, or posted whole as a form without it), a command's example to try
 * and the guided sessions.
 */
@Controller
class PlaygroundController {

	/**
	 * The most bytes a posted transcript may hold, as for the JSON endpoint.
	 */
	static final int MAX_BYTES = 64 * 1024;

	/**
	 * The most transcript lines (client and server) the page shows: a session of 1,000
	 * client lines with a message in it has about 1,050, while 1,000 EHLO have 13,000,
	 * which cost seconds and over a megabyte of page each time they were posted.
	 */
	static final int MAX_SHOWN_LINES = 1_500;

	private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

	private final Reference reference;

	private final ReplyLinks links;

	private final Teaching teaching;

	PlaygroundController(Reference reference, ReplyLinks links, Teaching teaching) {
		this.reference = reference;
		this.links = links;
		this.teaching = teaching;
	}

	@GetMapping("/playground")
	ModelAndView page(@RequestParam(name = "try", required = false) String tryIt,
			@RequestParam(name = "scenario", required = false) String scenario, Locale locale) {
		ModelAndView view = view(tryIt, scenario, locale);
		if (tryIt != null && !tryIt.isBlank()) {
			this.reference.command(tryIt).or(() -> this.reference.commandSpelledAs(tryIt)).ifPresent((command) -> {
				view.addObject("tryCommand", command);
				view.addObject("unmodelled", command.trial().unmodelled());
				view.addObject("lines", String.join("\n", command.trialLines()));
			});
		}
		return view;
	}

	@PostMapping("/playground")
	ModelAndView play(@RequestParam(name = "transcript", required = false) String transcript,
			@RequestParam(name = "try", required = false) String tryIt,
			@RequestParam(name = "scenario", required = false) String scenario, Locale locale) {
		ModelAndView view = view(tryIt, scenario, locale);
		if (transcript == null || transcript.isBlank()) {
			return view;
		}
		List<String> lines = new ArrayList<>(Arrays.asList(LINE_BREAK.split(transcript, -1)));
		while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
			lines.remove(lines.size() - 1);
		}
		if (lines.size() > Replay.MAX_LINES || transcript.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
			view.setStatus(HttpStatus.CONTENT_TOO_LARGE);
			view.addObject("tooLong", true);
			return view;
		}
		Replay replay = Replay.of(lines);
		List<TerminalLine> shown = new ArrayList<>(List.of(greeting(locale)));
		int played = 0;
		String previous = replay.greeting();
		for (Replay.Exchange exchange : replay.exchanges()) {
			int size = 1 + exchange.replies().size();
			// Whole exchanges only, so the page's script counts the client lines shown
			// and goes on from there.
			if (played + size <= MAX_SHOWN_LINES && shown.size() - 1 == played) {
				shown.addAll(lines(exchange, previous, locale));
			}
			played += size;
			if (!exchange.replies().isEmpty()) {
				previous = exchange.replies().get(exchange.replies().size() - 1);
			}
		}
		view.addObject("state", this.teaching.state(replay, locale));
		view.addObject("log", shown);
		view.addObject("cut", shown.size() - 1 < played);
		view.addObject("shownLines", shown.size() - 1);
		view.addObject("playedLines", played);
		view.addObject("closed", replay.closed());
		view.addObject("played", true);
		view.addObject("lines", String.join("\n", lines));
		return view;
	}

	@GetMapping("/playground/auth")
	ModelAndView auth() {
		return new ModelAndView("playground/auth").addObject("demo", demo());
	}

	@GetMapping("/playground/message")
	ModelAndView message() {
		return new ModelAndView("playground/message");
	}

	private ModelAndView view(String tryGiven, String scenarioGiven, Locale locale) {
		// An empty parameter, as a form may send, asks for nothing.
		String tryIt = (tryGiven == null || tryGiven.isBlank()) ? null : tryGiven;
		String scenarioId = (scenarioGiven == null || scenarioGiven.isBlank()) ? null : scenarioGiven;
		ModelAndView view = new ModelAndView("playground/playground");
		view.addObject("log", List.of(greeting(locale)));
		view.addObject("state", null);
		view.addObject("cut", false);
		view.addObject("closed", false);
		view.addObject("played", false);
		view.addObject("tooLong", false);
		view.addObject("lines", "");
		view.addObject("maxLines", Replay.MAX_LINES);
		view.addObject("maxKib", MAX_BYTES / 1024);
		view.addObject("replyCodes", this.links.replyCodes());
		view.addObject("statusCodes", this.links.statusCodes());
		view.addObject("extensionKeywords", this.links.extensionKeywords());
		view.addObject("scenarios", this.reference.scenarios());
		view.addObject("demo", demo());
		if (tryIt != null && this.reference.command(tryIt).or(() -> this.reference.commandSpelledAs(tryIt)).isEmpty()) {
			view.addObject("unknownTry", shortened(tryIt));
			view.setStatus(HttpStatus.NOT_FOUND);
		}
		if (scenarioId != null) {
			Scenario scenario = this.reference.scenario(scenarioId).orElse(null);
			if (scenario == null) {
				view.addObject("unknownScenario", shortened(scenarioId));
				view.setStatus(HttpStatus.NOT_FOUND);
			}
			else {
				view.addObject("scenario", scenario);
				view.addObject("scenarioSteps", shownSteps(PlayedScenario.of(scenario), locale));
			}
		}
		return view;
	}

	private TerminalLine greeting(Locale locale) {
		String greeting = SmtpSession.withDefaults().greeting().lines().get(0);
		List<Teaching.Note> meanings = this.teaching.meanings(List.of(greeting), Language.of(locale));
		TerminalLine line = this.links.server(greeting);
		return meanings.isEmpty() ? line : line.withMeaning(meanings.get(0).text());
	}

	private List<ShownStep> shownSteps(PlayedScenario played, Locale locale) {
		List<ShownStep> steps = new ArrayList<>();
		String previous = played.greeting();
		for (PlayedScenario.PlayedStep step : played.steps()) {
			List<TerminalLine> lines = new ArrayList<>();
			List<String> clientLines = new ArrayList<>();
			for (Replay.Exchange exchange : step.exchanges()) {
				lines.addAll(lines(exchange, previous, locale));
				clientLines.add(exchange.client());
				if (!exchange.replies().isEmpty()) {
					previous = exchange.replies().get(exchange.replies().size() - 1);
				}
			}
			steps.add(new ShownStep(step.number(), step.step().explanation(), lines, clientLines));
		}
		return steps;
	}

	/**
	 * A client line and its replies as the page shows them: the verb linked to its
	 * command, each reply's meaning under its last line and a hint under the exchange.
	 */
	private List<TerminalLine> lines(Replay.Exchange exchange, String previous, Locale locale) {
		List<TerminalLine> lines = new ArrayList<>();
		lines.add(TerminalLine.client(exchange.client(), this.teaching.commandPath(exchange)));
		exchange.replies().forEach((reply) -> lines.add(this.links.server(reply)));
		int offset = 1;
		for (Teaching.Note note : this.teaching.meanings(exchange.replies(), Language.of(locale))) {
			lines.set(offset + note.after(), lines.get(offset + note.after()).withMeaning(note.text()));
		}
		String hint = this.teaching.hint(previous, exchange, locale);
		if (hint != null) {
			lines.set(lines.size() - 1, lines.get(lines.size() - 1).withHint(hint));
		}
		return lines;
	}

	private Demo demo() {
		SessionSettings settings = SessionSettings.defaults();
		String domain = "example.com";
		List<DemoAddress> addresses = List.of(
				address("RCPT TO:<nobody@" + domain + ">", "playground.demo.unknown", Answer.UNKNOWN_USER),
				address("RCPT TO:<full@" + domain + ">", "playground.demo.full", Answer.MAILBOX_FULL),
				address("RCPT TO:<greylist@" + domain + ">", "playground.demo.greylist", Answer.GREYLISTED),
				address("RCPT TO:<bob@mail.example.invalid>", "playground.demo.relay", Answer.RELAY_DENIED),
				address("MAIL FROM:<blocked@example.org>", "playground.demo.blocked", Answer.POLICY_REJECTED));
		return new Demo(SmtpSession.DEMO_USER, SmtpSession.DEMO_PASSWORD, addresses, settings.maxRecipients(),
				settings.maxMessageSize());
	}

	private DemoAddress address(String command, String key, Answer answer) {
		return new DemoAddress(command, key, this.links.server(answer.code() + " " + answer.enhanced()));
	}

	private static String shortened(String value) {
		return (value.length() > 64) ? value.substring(0, 64) + "…" : value;
	}

	/**
	 * A step of a guided session as the page shows it.
	 *
	 * @param number the step's number, from 1
	 * @param explanation what the step shows
	 * @param lines the client's lines and the server's replies
	 * @param clientLines the client's lines alone, for the page's script to play them
	 */
	record ShownStep(int number, Text explanation, List<TerminalLine> lines, List<String> clientLines) {

		ShownStep {
			lines = List.copyOf(lines);
			clientLines = List.copyOf(clientLines);
		}

		/**
		 * The client's lines, one per line, as the page's script sends them.
		 */
		public String script() {
			return String.join("\n", this.clientLines);
		}

	}

	/**
	 * What the page says about the simulated server, taken from the engine itself.
	 *
	 * @param user the demo account's user name
	 * @param password its password
	 * @param addresses the addresses that show a refusal
	 * @param maxRecipients the most recipients per message
	 * @param maxMessageSize the largest message in octets
	 */
	record Demo(String user, String password, List<DemoAddress> addresses, int maxRecipients, long maxMessageSize) {
	}

	/**
	 * A demo address with the command that uses it and the reply it gets.
	 *
	 * @param command the client line
	 * @param key the message key of what it shows
	 * @param reply the reply code and enhanced code it gets
	 */
	record DemoAddress(String command, String key, TerminalLine reply) {
	}

}
