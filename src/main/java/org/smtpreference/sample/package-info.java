/**
 * The code samples page.
 */
package org.smtpreference.sample;
