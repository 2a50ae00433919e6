/**
 * One search over commands, replies, status codes, extensions and questions, used by the
 * search page, the API and the reference page's instant filter.
 */
package org.smtpreference.search;
