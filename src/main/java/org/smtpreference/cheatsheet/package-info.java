/**
 * The printable cheat sheet: the whole protocol on one A4 page per language.
 */
package org.smtpreference.cheatsheet;
