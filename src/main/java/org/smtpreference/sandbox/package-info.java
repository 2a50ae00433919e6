/**
 * The sandbox SMTP listener: the simulated server of {@code session/} on real TCP ports,
 * its limits, the transcripts of its sessions and the pages that show them live.
 */
package org.smtpreference.sandbox;
