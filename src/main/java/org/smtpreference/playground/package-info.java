/**
 * The playground: a page and a JSON endpoint that replay a reader's SMTP session, or a
 * guided one, against the simulated server.
 */
package org.smtpreference.playground;
