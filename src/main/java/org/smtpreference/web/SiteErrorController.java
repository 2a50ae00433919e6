package org.smtpreference.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.smtpreference.content.Language;
import org.smtpreference.search.SearchHit;
import org.smtpreference.search.SearchService;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Answers every error in the site's layout and the reader's language, or as a JSON
 * problem under {@code /api/}, and never with exception details.
 */
@Controller
class SiteErrorController implements ErrorController {

	private final SearchService search;

	private final MessageSource messages;

	SiteErrorController(SearchService search, MessageSource messages) {
		this.search = search;
		this.messages = messages;
	}

	@RequestMapping("${server.error.path:/error}")
	Object error(HttpServletRequest request, Model model, Locale locale) {
		HttpStatus status = status(request);
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri != null) ? uri.toString() : "";
		if (path.startsWith("/api/")) {
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(status,
					this.messages.getMessage("error." + kind(status) + ".text", null, locale));
			problem.setTitle(this.messages.getMessage("error." + kind(status) + ".title", null, locale));
			try {
				problem.setInstance(URI.create(path));
			}
			catch (IllegalArgumentException ex) {
				// A path that is no valid URI is simply not named.
			}
			return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
		}
		model.addAttribute("status", status.value());
		if (status == HttpStatus.NOT_FOUND) {
			model.addAttribute("suggestions", suggestions(path, Language.of(locale)));
		}
		return "error/" + kind(status);
	}

	private static String kind(HttpStatus status) {
		return kind(status.value());
	}

	/**
	 * Which error page and messages a status gets: {@code 404}, {@code 4xx} or
	 * {@code 5xx}; shared with the container's own error pages.
	 */
	static String kind(int status) {
		return (status == 404) ? "404" : (status >= 500) ? "5xx" : "4xx";
	}

	private List<SearchHit> suggestions(String path, Language language) {
		String last = path.substring(path.lastIndexOf('/') + 1).replaceAll("%[0-9A-Fa-f]{2}|[^\\p{L}\\p{N}.]+", " ");
		return this.search.search(last, language).stream().limit(5).toList();
	}

	private static HttpStatus status(HttpServletRequest request) {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		if (code instanceof Integer value) {
			HttpStatus status = HttpStatus.resolve(value);
			if (status != null && status.isError()) {
				return status;
			}
		}
		return HttpStatus.INTERNAL_SERVER_ERROR;
	}

}
