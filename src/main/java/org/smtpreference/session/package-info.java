/**
 * The simulated SMTP server: a state machine fed one client line at a time that answers
 * as RFC 5321 and its extensions say, with no HTTP, servlet or Spring web type, so the
 * playground and the sandbox listener drive the same engine.
 */
package org.smtpreference.session;
