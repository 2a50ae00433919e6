/**
 * Pages for the SMTP service extensions announced in the EHLO reply.
 */
package org.smtpreference.extension;
