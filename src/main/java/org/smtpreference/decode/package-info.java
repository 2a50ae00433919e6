/**
 * The decoder: finds the reply codes and enhanced status codes in pasted replies, log
 * lines and bounces, explains each, and serves the page and the JSON address that use it.
 */
package org.smtpreference.decode;
