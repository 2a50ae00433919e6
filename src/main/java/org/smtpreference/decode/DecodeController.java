package org.smtpreference.decode;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

import org.smtpreference.api.RequestBodyTooLargeException;
import org.smtpreference.content.Reference;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The decoder page: a form to paste text into, and the same page with every code in the
 * text explained once the form is posted, so it works without script.
 */
@Controller
class DecodeController {

	private final Explainer explainer;

	private final Reference reference;

	DecodeController(Explainer explainer, Reference reference) {
		this.explainer = explainer;
		this.reference = reference;
	}

	@GetMapping("/decode")
	ModelAndView form() {
		return page("", HttpStatus.OK);
	}

	@PostMapping("/decode")
	ModelAndView decode(@RequestParam(name = "text", required = false) String text, HttpServletRequest request) {
		String cleaned = readable(text);
		// The container drops a form over its own limit without a word: a body that
		// carried no text is too large if it was large or of unknown length.
		boolean dropped = text == null && (request.getContentLengthLong() > RequestBodyTooLargeException.MAX_BYTES
				|| request.getContentLengthLong() < 0 && request.getHeader("Transfer-Encoding") != null);
		if (dropped || cleaned.getBytes(StandardCharsets.UTF_8).length > RequestBodyTooLargeException.MAX_BYTES) {
			ModelAndView page = page("", HttpStatus.CONTENT_TOO_LARGE);
			page.addObject("tooLarge", true);
			return page;
		}
		ModelAndView page = page(cleaned, HttpStatus.OK);
		page.addObject("posted", true);
		if (!cleaned.isBlank()) {
			page.addObject("result", this.explainer.explain(cleaned));
		}
		return page;
	}

	private ModelAndView page(String text, HttpStatus status) {
		ModelAndView page = new ModelAndView("decode/decode", status);
		page.addObject("text", text);
		page.addObject("examples", this.reference.decodeExamples());
		page.addObject("maxBytes", RequestBodyTooLargeException.MAX_BYTES);
		page.addObject("maxCodes", Decoder.MAX_CODES);
		return page;
	}

	/**
	 * The text with control characters other than tabs and line breaks replaced, since
	 * they cannot be shown back in a page.
	 */
	static String readable(String text) {
		if (text == null) {
			return "";
		}
		StringBuilder readable = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> {
			boolean control = (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r')
					|| (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE;
			readable.appendCodePoint(control ? 0xFFFD : c);
		});
		return readable.toString();
	}

}
