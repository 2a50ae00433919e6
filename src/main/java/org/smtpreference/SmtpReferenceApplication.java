package org.smtpreference;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the SMTP Reference web site.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SmtpReferenceApplication {

	public static void main(String[] args) {
		// The classes the start needs, loaded on a second thread ahead of this one.
		StartupClasses.preload();
		// The packaged jar starts on the bean definitions its build generated (see
		// AotGuard).
		AotGuard.preferBuildCode();
		SpringApplication.run(SmtpReferenceApplication.class, args);
	}

}
