package org.smtpreference.web;

import java.io.IOException;

import jakarta.servlet.ServletException;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ValveBase;

/**
 * Answers requests for pages already stored by {@link RenderedPageFilter} inside Tomcat,
 * before the servlet pipeline: a stored page needs no filter chain and no dispatcher.
 * Everything else, first renderings included, goes on to the application.
 */
class RenderedPageValve extends ValveBase {

	private final RenderedPageFilter pages;

	RenderedPageValve(RenderedPageFilter pages) {
		super(true);
		this.pages = pages;
	}

	@Override
	public void invoke(Request request, Response response) throws IOException, ServletException {
		RenderedPage page = this.pages.stored(request);
		if (page == null) {
			getNext().invoke(request, response);
			return;
		}
		SecurityHeadersFilter.add(response);
		this.pages.answer(page, request, response);
	}

}
