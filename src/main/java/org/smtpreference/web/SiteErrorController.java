package org.smtpreference.web;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.smtpreference.content.Language;
import org.smtpreference.search.SearchHit;
import org.smtpreference.search.SearchService;
import org.thymeleaf.spring6.view.ThymeleafViewResolver;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.View;
import org.springframework.web.servlet.ViewResolver;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.HtmlUtils;

/**
 * Answers every error in the site's layout and the reader's language, or as a JSON
 * problem under {@code /api/}, and never with exception details.
 */
@Controller
class SiteErrorController implements ErrorController {

	/**
	 * How many 404 pages (one per language and set of suggestions) are kept.
	 */
	static final int NOT_FOUND_PAGES = 64;

	/**
	 * What a stored 404 page carries where the missing page's path goes: only its
	 * canonical, {@code hreflang} and language-switch links name it.
	 */
	static final String NOT_FOUND_PATH = "/stored-not-found-path.invalid";

	private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");

	private final SearchService search;

	private final MessageSource messages;

	private final AtomicLong notFoundRenders = new AtomicLong();

	private final SiteAddress address;

	private final ViewResolver views;

	private final Map<String, byte[]> notFound = new ConcurrentHashMap<>();

	SiteErrorController(SearchService search, MessageSource messages, SiteAddress address,
			ThymeleafViewResolver views) {
		this.search = search;
		this.messages = messages;
		this.address = address;
		this.views = views;
	}

	@RequestMapping("${server.error.path:/error}")
	Object error(HttpServletRequest request, HttpServletResponse response, Model model, Locale locale)
			throws Exception {
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
			Language language = Language.of(locale);
			List<SearchHit> suggestions = suggestions(path, language);
			byte[] page = storedNotFound(language, suggestions, model, request, response);
			if (page != null) {
				byte[] answer = StoredPages.substitute(StoredPages.withOrigin(page, this.address.of(request)),
						NOT_FOUND_PATH, HtmlUtils.htmlEscape(path));
				return ResponseEntity.status(status)
					.contentType(HTML)
					.header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
					.body(answer);
			}
			this.notFoundRenders.incrementAndGet();
			model.addAttribute("suggestions", suggestions);
		}
		return "error/" + kind(status);
	}

	/**
	 * The 404 page for a language and a set of suggestions, rendered once with
	 * placeholders for the origin and the path (which only its links carry) and then
	 * kept, so that a flood of requests for missing pages costs a search and a
	 * substitution each, not a rendering; {@code null} once {@link #NOT_FOUND_PAGES} are
	 * kept, when each other set of suggestions is rendered as it comes.
	 */
	private byte[] storedNotFound(Language language, List<SearchHit> suggestions, Model model,
			HttpServletRequest request, HttpServletResponse response) throws Exception {
		String key = language.tag()
				+ suggestions.stream().map(SearchHit::url).collect(Collectors.joining(" ", "|", ""));
		byte[] stored = this.notFound.get(key);
		if (stored != null || this.notFound.size() >= NOT_FOUND_PAGES) {
			return stored;
		}
		View view = this.views.resolveViewName("error/404", language.locale());
		if (view == null) {
			return null;
		}
		this.notFoundRenders.incrementAndGet();
		Map<String, Object> page = new HashMap<>(model.asMap());
		String base = this.address.isFixed() ? this.address.of(request) : StoredPages.ORIGIN;
		page.put("layout", LayoutAdvice.layoutFor(NOT_FOUND_PATH, null, language, base));
		page.put("suggestions", suggestions);
		ContentCachingResponseWrapper rendering = new ContentCachingResponseWrapper(response);
		view.render(page, request, rendering);
		byte[] rendered = rendering.getContentAsByteArray();
		this.notFound.putIfAbsent(key, rendered);
		return rendered;
	}

	/**
	 * How many times a 404 page was rendered, for tests that prove it comes from memory.
	 */
	long notFoundRenders() {
		return this.notFoundRenders.get();
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
