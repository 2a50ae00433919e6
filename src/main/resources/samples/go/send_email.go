// Command send_email sends one plain-text message over SMTP submission
// (port 587, STARTTLS) with the standard library's net/smtp package.
//
// Settings come from the environment: SMTP_HOST, SMTP_PORT (default 587),
// SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO.
package main

import (
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"os"
	"time"
)

func main() {
	if err := run(); err != nil {
		var smtpErr *textproto.Error
		if errors.As(err, &smtpErr) {
			// the server answered with an error reply, e.g. 535 or 550
			fmt.Fprintf(os.Stderr, "SMTP error %d: %s\n", smtpErr.Code, smtpErr.Msg)
		} else {
			fmt.Fprintf(os.Stderr, "error: %v\n", err)
		}
		os.Exit(1)
	}
	fmt.Println("Message sent")
}

func run() error {
	host := mustEnv("SMTP_HOST")
	port := os.Getenv("SMTP_PORT")
	if port == "" {
		port = "587"
	}
	user, password := mustEnv("SMTP_USER"), mustEnv("SMTP_PASSWORD")
	from, to := mustEnv("MAIL_FROM"), mustEnv("MAIL_TO")

	// Implicit TLS on port 465: replace smtp.Dial with
	//   conn, err := tls.Dial("tcp", net.JoinHostPort(host, "465"), &tls.Config{ServerName: host})
	//   c, err := smtp.NewClient(conn, host)
	// and drop the StartTLS call.
	c, err := smtp.Dial(net.JoinHostPort(host, port))
	if err != nil {
		return err
	}
	defer c.Close()

	helo, err := os.Hostname()
	if err != nil {
		helo = "localhost"
	}
	if err := c.Hello(helo); err != nil { // EHLO
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		return errors.New("server does not offer STARTTLS")
	}
	// StartTLS verifies the certificate against host and sends EHLO again.
	if err := c.StartTLS(&tls.Config{ServerName: host}); err != nil {
		return err
	}
	// PlainAuth refuses to send the password unless the connection is encrypted.
	if err := c.Auth(smtp.PlainAuth("", user, password, host)); err != nil {
		return err
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	msg := "From: " + from + "\r\n" +
		"To: " + to + "\r\n" +
		"Subject: Test message from net/smtp\r\n" +
		"Date: " + time.Now().Format(time.RFC1123Z) + "\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: text/plain; charset=UTF-8\r\n" +
		"\r\n" +
		"Hello,\r\n\r\nthis message was sent with Go's net/smtp over STARTTLS.\r\n"
	if _, err := w.Write([]byte(msg)); err != nil {
		return err
	}
	if err := w.Close(); err != nil { // sends the final "." and reads the reply
		return err
	}
	return c.Quit()
}

func mustEnv(name string) string {
	v := os.Getenv(name)
	if v == "" {
		fmt.Fprintf(os.Stderr, "%s is not set\n", name)
		os.Exit(2)
	}
	return v
}
