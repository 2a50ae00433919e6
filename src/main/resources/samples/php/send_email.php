<?php
// Send one plain-text message over SMTP submission (port 587, STARTTLS) with PHPMailer.
// Settings come from the environment:
//   SMTP_HOST, SMTP_PORT (default 587), SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO
declare(strict_types=1);

use PHPMailer\PHPMailer\PHPMailer;
use PHPMailer\PHPMailer\Exception;

require __DIR__ . '/vendor/autoload.php';

function env(string $name): string
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        fwrite(STDERR, "$name is not set\n");
        exit(2);
    }
    return $value;
}

$mail = new PHPMailer(true); // true: throw exceptions instead of returning false

try {
    $mail->isSMTP();
    $mail->Host = env('SMTP_HOST');
    $mail->Port = (int) (getenv('SMTP_PORT') ?: 587);
    // Implicit TLS on port 465: use PHPMailer::ENCRYPTION_SMTPS here and Port 465.
    $mail->SMTPSecure = PHPMailer::ENCRYPTION_STARTTLS; // EHLO, STARTTLS (required), EHLO again
    $mail->SMTPAuth = true;
    $mail->Username = env('SMTP_USER');
    $mail->Password = env('SMTP_PASSWORD');
    $mail->Timeout = 30;
    $mail->CharSet = PHPMailer::CHARSET_UTF8;

    $mail->setFrom(env('MAIL_FROM'));
    $mail->addAddress(env('MAIL_TO'));
    $mail->Subject = 'Test message from PHPMailer';
    $mail->Body = "Hello,\n\nthis message was sent with PHPMailer over STARTTLS.\n"; // plain text by default

    $mail->send(); // connect, EHLO, STARTTLS, EHLO, AUTH, MAIL FROM, RCPT TO, DATA, QUIT
    echo "Message sent\n";
} catch (Exception $e) {
    // ErrorInfo holds the server's reply, e.g. "SMTP Error: Could not authenticate."
    fwrite(STDERR, "Message could not be sent: {$mail->ErrorInfo}\n");
    exit(1);
}
