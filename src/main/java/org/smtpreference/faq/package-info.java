/**
 * The questions and answers page.
 */
package org.smtpreference.faq;
