/**
 * Pages for basic reply codes and enhanced status codes.
 */
package org.smtpreference.reply;
