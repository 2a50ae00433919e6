package org.smtpreference.sandbox;

/**
 * The transcript store cannot be read just now (Redis away or too slow): the reader is
 * told to come back shortly, never that the session does not exist.
 */
class StoreUnavailableException extends RuntimeException {

	StoreUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
