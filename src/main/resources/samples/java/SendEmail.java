import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends one plain-text message through an SMTP submission server (port 587, STARTTLS)
 * with the Jakarta Mail API and its Eclipse Angus implementation.
 *
 * <p>Settings come from the environment: SMTP_HOST, SMTP_PORT (default 587),
 * SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO.
 */
public class SendEmail {

    public static void main(String[] args) {
        String host = env("SMTP_HOST");
        int port = Integer.parseInt(System.getenv().getOrDefault("SMTP_PORT", "587"));

        Properties props = new Properties();
        props.put("mail.smtp.auth", "true");
        props.put("mail.smtp.starttls.enable", "true");
        props.put("mail.smtp.starttls.required", "true"); // never continue without TLS
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "30000");
        props.put("mail.smtp.writetimeout", "30000");
        // Implicit TLS on port 465: replace the two starttls properties with
        // props.put("mail.smtp.ssl.enable", "true"); and set SMTP_PORT=465.
        Session session = Session.getInstance(props);

        int status = 1;
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(env("MAIL_FROM")));
            message.setRecipient(Message.RecipientType.TO, new InternetAddress(env("MAIL_TO")));
            message.setSubject("Test message from Jakarta Mail", "UTF-8");
            message.setSentDate(new Date());
            message.setText("Hello,\n\nthis message was sent with Jakarta Mail over STARTTLS.\n", "UTF-8");
            message.saveChanges();

            try (Transport transport = session.getTransport("smtp")) { // close() sends QUIT
                // EHLO, STARTTLS, EHLO again, AUTH
                transport.connect(host, port, env("SMTP_USER"), env("SMTP_PASSWORD"));
                // MAIL FROM, RCPT TO, DATA
                transport.sendMessage(message, message.getAllRecipients());
            }
            System.out.println("Message sent");
            status = 0;
        } catch (AuthenticationFailedException e) {
            System.err.println("Authentication failed: " + e.getMessage().trim());
        } catch (SMTPSendFailedException e) { // MAIL FROM or DATA rejected
            String kind = e.getReturnCode() / 100 == 4 ? "temporarily" : "permanently";
            System.err.printf("%s %s rejected: %s%n", e.getCommand(), kind, e.getMessage().trim());
        } catch (SendFailedException e) { // RCPT TO rejected: details are chained
            System.err.println("Send failed: " + e.getMessage());
            Exception next = e.getNextException();
            while (next != null) {
                if (next instanceof SMTPAddressFailedException failed) {
                    System.err.printf("%s rejected: %s%n", failed.getAddress(), failed.getMessage().trim());
                }
                next = next instanceof MessagingException m ? m.getNextException() : null;
            }
        } catch (MessagingException e) { // connection, TLS or protocol error
            System.err.println("Mail error: " + e);
        }
        System.exit(status);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set");
        }
        return value;
    }
}
