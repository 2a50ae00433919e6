/**
 * Offline reading: the web app manifest, the service worker and the list of pages a
 * reader can keep offline.
 */
package org.smtpreference.offline;
