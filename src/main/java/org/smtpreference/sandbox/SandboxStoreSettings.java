package org.smtpreference.sandbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of the transcript store's reads and of the Redis store's open marks, bound
 * next to the other {@code site.sandbox.*} settings.
 *
 * @param maxLookups transcript lookups served at once; more get 503 at once, so lookups
 * never hold the web server's threads
 * @param aliveFor how long a Redis session stays shown open after its replica last
 * renewed it (renewed every third of it)
 */
@ConfigurationProperties("site.sandbox")
record SandboxStoreSettings(@DefaultValue("32") int maxLookups, @DefaultValue("60s") Duration aliveFor) {

}
