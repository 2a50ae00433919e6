// Send one plain-text message over SMTP submission (port 587, STARTTLS) with nodemailer.
// Settings come from the environment:
//   SMTP_HOST, SMTP_PORT (default 587), SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO
import nodemailer from "nodemailer";

for (const name of ["SMTP_HOST", "SMTP_USER", "SMTP_PASSWORD", "MAIL_FROM", "MAIL_TO"]) {
  if (!process.env[name]) throw new Error(`${name} is not set`);
}
const { SMTP_HOST, SMTP_PORT = "587", SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO } = process.env;

const transporter = nodemailer.createTransport({
  host: SMTP_HOST,
  port: Number(SMTP_PORT),
  // Implicit TLS on port 465: set secure: true (TLS from the first byte) and drop requireTLS.
  secure: false, // connect in plain text, then upgrade with STARTTLS
  requireTLS: true, // fail if the server does not offer STARTTLS
  auth: { user: SMTP_USER, pass: SMTP_PASSWORD },
  connectionTimeout: 10_000,
  socketTimeout: 30_000,
});

try {
  // One call: EHLO, STARTTLS, EHLO, AUTH, MAIL FROM, RCPT TO, DATA.
  // Nodemailer then closes the connection without sending QUIT.
  const info = await transporter.sendMail({
    from: MAIL_FROM,
    to: MAIL_TO,
    subject: "Test message from nodemailer",
    text: "Hello,\n\nthis message was sent with nodemailer over STARTTLS.\n",
  });
  console.log(`Accepted: ${info.response} (${info.messageId})`);
} catch (err) {
  // err.code: EAUTH, EENVELOPE, ETLS, ECONNECTION, ...; responseCode/response: the server's reply
  console.error(`Sending failed: code=${err.code} responseCode=${err.responseCode ?? "-"}`);
  console.error(err.response ?? err.message);
  process.exitCode = 1;
}
