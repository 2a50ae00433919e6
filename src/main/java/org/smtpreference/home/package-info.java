/**
 * The reference page with every command, and the About page.
 */
package org.smtpreference.home;
