/**
 * The versioned JSON API under {@code /api/v1}: its own response records, errors as
 * problem details.
 */
package org.smtpreference.api;
