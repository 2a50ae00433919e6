package example;

import java.util.Date;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;

/*
 * src/main/resources/application.properties (Spring Boot with spring-boot-starter-mail).
 * Boot builds a JavaMailSenderImpl from these lines; ${...} is read from the environment.
 *
 *   spring.mail.host=${SMTP_HOST}
 *   spring.mail.port=${SMTP_PORT:587}
 *   spring.mail.username=${SMTP_USER}
 *   spring.mail.password=${SMTP_PASSWORD}
 *   spring.mail.properties.mail.smtp.auth=true
 *   spring.mail.properties.mail.smtp.starttls.enable=true
 *   spring.mail.properties.mail.smtp.starttls.required=true
 *   spring.mail.properties.mail.smtp.connectiontimeout=10000
 *   spring.mail.properties.mail.smtp.timeout=30000
 *   spring.mail.properties.mail.smtp.writetimeout=30000
 *   app.mail.from=${MAIL_FROM}
 *
 * Implicit TLS on port 465: set spring.mail.port=465 and replace the two starttls lines
 * with spring.mail.ssl.enabled=true (Boot then sets mail.smtp.ssl.enable=true).
 *
 * Without Spring Boot, declare a JavaMailSenderImpl @Bean yourself: setHost, setPort,
 * setUsername, setPassword, and the mail.smtp.* lines above in getJavaMailProperties().
 */
@Service
public class MailService {

    private static final Log log = LogFactory.getLog(MailService.class);

    private final JavaMailSender mailSender;
    private final String from;

    public MailService(JavaMailSender mailSender, @Value("${app.mail.from}") String from) {
        this.mailSender = mailSender;
        this.from = from;
    }

    /**
     * Sends one plain-text message, for example
     * {@code mailService.send(System.getenv("MAIL_TO"), "Test", "Hello")}.
     *
     * @return {@code true} if the server accepted the message
     */
    public boolean send(String to, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to);
        message.setSubject(subject);
        message.setText(text);
        message.setSentDate(new Date());
        try {
            // connect, EHLO, STARTTLS, EHLO, AUTH, MAIL FROM, RCPT TO, DATA, QUIT
            mailSender.send(message);
            return true;
        } catch (MailAuthenticationException e) { // AUTH refused (535)
            log.error("SMTP authentication failed: " + e.getMessage());
        } catch (MailSendException e) { // connection, TLS, MAIL FROM, RCPT TO or DATA failed
            log.error("SMTP send failed: " + e.getMessage());
        } catch (MailException e) { // any other Spring mail error
            log.error("Mail error", e);
        }
        return false;
    }
}
