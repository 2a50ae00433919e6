package org.smtpreference.api;

import java.io.IOException;

/**
 * Thrown while a request body is read once it holds more bytes than the API takes;
 * {@link ApiRequestProblems} answers it with a 413 problem naming the limit.
 */
public class RequestBodyTooLargeException extends IOException {

	/**
	 * The most bytes a request body to the API may hold: 64 KiB.
	 */
	public static final int MAX_BYTES = 64 * 1024;

	private final long limit;

	public RequestBodyTooLargeException(long limit) {
		super("Request body larger than " + limit + " bytes");
		this.limit = limit;
	}

	/**
	 * The most bytes the body could have held.
	 */
	public long limit() {
		return this.limit;
	}

}
