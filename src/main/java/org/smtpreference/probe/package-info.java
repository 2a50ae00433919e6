/**
 * The probe: the site as an SMTP client to allow-listed mail servers, each reply
 * explained; it never sends mail or credentials.
 */
package org.smtpreference.probe;
