/**
 * Loads and validates the YAML reference content into immutable records, and serves it to
 * the pages and the API.
 */
package org.smtpreference.content;
