/**
 * Site-wide plumbing: language resolution, security headers, the layout's model and the
 * error pages.
 */
package org.smtpreference.web;
