/**
 * The page of one SMTP command, and the redirects from its other spellings.
 */
package org.smtpreference.command;
