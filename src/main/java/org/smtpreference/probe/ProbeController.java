package org.smtpreference.probe;

import java.time.Duration;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.smtpreference.SiteProperties;
import org.smtpreference.content.Language;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The probe page: the form, and the result once it is posted (the page waits for the
 * probe, so it works without script); with script, the page shows {@code /probe/{id}} as
 * the steps arrive. When the probe is off the page says so and how to turn it on.
 */
@Controller
class ProbeController {

	private final ProbeService service;

	private final ProbeView view;

	private final SiteProperties.Probe settings;

	ProbeController(ProbeService service, ProbeView view, SiteProperties properties) {
		this.service = service;
		this.view = view;
		this.settings = properties.probe();
	}

	@GetMapping("/probe")
	ModelAndView form() {
		return page(HttpStatus.OK, new ProbeRequest("", 25, ProbeRequest.Mode.PLAIN, null, null));
	}

	@PostMapping("/probe")
	ModelAndView probe(@RequestParam(name = "host", required = false) String host,
			@RequestParam(name = "port", required = false) String port,
			@RequestParam(name = "mode", required = false) String mode,
			@RequestParam(name = "sender", required = false) String sender,
			@RequestParam(name = "recipient", required = false) String recipient, HttpServletRequest http,
			HttpServletResponse response, Locale locale) throws InterruptedException {
		ProbeRequest.Mode parsedMode = ProbeRequest.Mode.of(mode);
		ProbeRequest request = new ProbeRequest(shown(host), port(port),
				(parsedMode != null) ? parsedMode : ProbeRequest.Mode.PLAIN, shown(sender), shown(recipient));
		if (!this.service.enabled()) {
			return page(HttpStatus.NOT_FOUND, request);
		}
		String invalid = (parsedMode == null) ? "probe.invalid.mode" : request.problem();
		if (invalid != null) {
			ModelAndView page = page(HttpStatus.BAD_REQUEST, request);
			page.addObject("error", new ErrorText(invalid, ""));
			return page;
		}
		try {
			ProbeRun run = this.service.start(request, http.getRemoteAddr());
			run.await(longestWait().toMillis());
			ModelAndView page = page(HttpStatus.OK, request);
			page.addObject("result", this.view.of(run, Language.of(locale)));
			return page;
		}
		catch (TargetPolicy.Refusal refusal) {
			ModelAndView page = page(HttpStatus.FORBIDDEN, request);
			page.addObject("error", new ErrorText(refusal.key(), refusal.subject()));
			return page;
		}
		catch (ProbeService.Limited limited) {
			response.setHeader("Retry-After", "60");
			ModelAndView page = page(HttpStatus.TOO_MANY_REQUESTS, request);
			page.addObject("error", new ErrorText(limited.key(), ""));
			return page;
		}
	}

	@GetMapping("/probe/{id}")
	ModelAndView run(@PathVariable String id, Locale locale) {
		ProbeRun run = this.service.enabled() ? this.service.find(id).orElse(null) : null;
		if (run == null) {
			ModelAndView page = page(HttpStatus.NOT_FOUND,
					new ProbeRequest("", 25, ProbeRequest.Mode.PLAIN, null, null));
			page.addObject("unknown", true);
			return page;
		}
		ModelAndView page = page(HttpStatus.OK, run.request());
		page.addObject("result", this.view.of(run, Language.of(locale)));
		return page;
	}

	/**
	 * The longest a probe can take: every address's connect timeout and a reply timeout
	 * for each of its at most ten replies and two handshakes.
	 */
	private Duration longestWait() {
		return this.settings.connectTimeout()
			.multipliedBy(TargetPolicy.MAX_ADDRESSES)
			.plus(this.settings.replyTimeout().multipliedBy(12));
	}

	private ModelAndView page(HttpStatus status, ProbeRequest request) {
		ModelAndView page = new ModelAndView("probe/probe", status);
		page.addObject("enabled", this.service.enabled());
		page.addObject("configured", this.service.policy().allowsAnything());
		page.addObject("form", request);
		page.addObject("modes", ProbeRequest.Mode.values());
		return page;
	}

	private static int port(String port) {
		if (port == null || !port.strip().matches("[0-9]{1,5}")) {
			return (port == null || port.isBlank()) ? 25 : -1;
		}
		return Integer.parseInt(port.strip());
	}

	/**
	 * A form field as it can be shown back: at most 300 characters (longer is invalid
	 * anyway, and stays so), control characters replaced, which makes it invalid too.
	 */
	static String shown(String text) {
		if (text == null) {
			return null;
		}
		String cut = (text.length() > 300) ? text.substring(0, 300) : text;
		StringBuilder shown = new StringBuilder(cut.length());
		cut.codePoints()
			.forEach((c) -> shown.appendCodePoint(
					(Character.getType(c) == Character.CONTROL || Character.getType(c) == Character.SURROGATE
							|| (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) ? 0xFFFD : c));
		return shown.toString();
	}

	/**
	 * Why the form was not run: a message key and the value it is about.
	 *
	 * @param key the message key
	 * @param subject the name or address, or empty
	 */
	record ErrorText(String key, String subject) {
	}

}
