/**
 * A self-hostable, bilingual (English and Turkish) reference for the SMTP protocol.
 */
package org.smtpreference;
