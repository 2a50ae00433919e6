package org.smtpreference.api;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.DatabindException;

import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers a request body the API cannot take as an {@code application/problem+json}
 * problem in the reader's language, never a server error: a body that is not JSON or not
 * of the expected shape is a 400, a body sent as another content type a 415, a body over
 * the limit a 413 naming it. Pages are left to their own error handling.
 */
@RestControllerAdvice
class ApiRequestProblems {

	private final MessageSource messages;

	ApiRequestProblems(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException ex, HttpServletRequest request,
			Locale locale) throws HttpMessageNotReadableException {
		if (!isApi(request)) {
			throw ex;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RequestBodyTooLargeException tooLarge) {
				return tooLarge(tooLarge, request, locale);
			}
		}
		String field = field(ex);
		String detail = (field != null) ? message("api.problem.unreadable.field", locale, field)
				: message("api.problem.unreadable.detail", locale);
		return problem(HttpStatus.BAD_REQUEST, "api.problem.unreadable.title", detail, request, locale);
	}

	@ExceptionHandler(RequestBodyTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge(RequestBodyTooLargeException ex, HttpServletRequest request, Locale locale) {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "api.problem.tooLarge.title",
				message("api.problem.tooLarge.detail", locale, ex.limit(), ex.limit() / 1024), request, locale);
	}

	@ExceptionHandler(HttpMediaTypeNotSupportedException.class)
	ResponseEntity<ProblemDetail> unsupported(HttpMediaTypeNotSupportedException ex, HttpServletRequest request,
			Locale locale) throws HttpMediaTypeNotSupportedException {
		if (!isApi(request)) {
			throw ex;
		}
		List<MediaType> supported = ex.getSupportedMediaTypes();
		String types = supported.isEmpty() ? MediaType.APPLICATION_JSON_VALUE
				: supported.stream().map(MediaType::toString).collect(Collectors.joining(", "));
		return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "api.problem.mediaType.title",
				message("api.problem.mediaType.detail", locale, types), request, locale);
	}

	private ResponseEntity<ProblemDetail> problem(HttpStatus status, String titleKey, String detail,
			HttpServletRequest request, Locale locale) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(message(titleKey, locale));
		try {
			problem.setInstance(URI.create(request.getRequestURI()));
		}
		catch (IllegalArgumentException ex) {
			// A path that is no valid URI is simply not named.
		}
		return ResponseEntity.status(status)
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.cacheControl(CacheControl.noStore())
			.body(problem);
	}

	/**
	 * The JSON field a body failed at, such as {@code text}, or {@code null} when the
	 * body failed as a whole.
	 */
	private static String field(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
				String path = databind.getPath()
					.stream()
					.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
							: "[" + reference.getIndex() + "]")
					.collect(Collectors.joining("."));
				return (path.length() <= 100) ? path : null;
			}
		}
		return null;
	}

	private String message(String key, Locale locale, Object... arguments) {
		return this.messages.getMessage(key, arguments, locale);
	}

	private static boolean isApi(HttpServletRequest request) {
		return request.getRequestURI().startsWith("/api/");
	}

}
