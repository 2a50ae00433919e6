// Send one plain-text message over SMTP submission (port 587, STARTTLS) with MailKit.
// Settings come from the environment:
//   SMTP_HOST, SMTP_PORT (default 587), SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO
using System;
using System.IO;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

static string Env(string name) =>
    Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException($"{name} is not set");

string host = Env("SMTP_HOST");
int port = int.Parse(Environment.GetEnvironmentVariable("SMTP_PORT") ?? "587");
string user = Env("SMTP_USER");
string password = Env("SMTP_PASSWORD");

var message = new MimeMessage();
message.From.Add(MailboxAddress.Parse(Env("MAIL_FROM")));
message.To.Add(MailboxAddress.Parse(Env("MAIL_TO")));
message.Subject = "Test message from MailKit";
message.Body = new TextPart("plain")
{
    Text = "Hello,\n\nthis message was sent with MailKit over STARTTLS.\n"
};

using var client = new SmtpClient();
client.Timeout = 30_000; // milliseconds
try
{
    // Implicit TLS on port 465: use SecureSocketOptions.SslOnConnect instead of StartTls.
    // StartTls: EHLO, STARTTLS (required, certificate checked), EHLO again.
    await client.ConnectAsync(host, port, SecureSocketOptions.StartTls);
    await client.AuthenticateAsync(user, password);
    await client.SendAsync(message); // MAIL FROM, RCPT TO, DATA
    await client.DisconnectAsync(true); // QUIT
    Console.WriteLine("Message sent");
    return 0;
}
catch (SmtpCommandException ex) // the server rejected a command: ex.StatusCode is the reply code
{
    Console.Error.WriteLine($"SMTP error {(int)ex.StatusCode} ({ex.ErrorCode}): {ex.Message}");
    if (ex.Mailbox is not null)
        Console.Error.WriteLine($"Rejected address: {ex.Mailbox.Address}");
    return 1;
}
catch (SmtpProtocolException ex) // the server broke the protocol or dropped the connection
{
    Console.Error.WriteLine($"SMTP protocol error: {ex.Message}");
    return 1;
}
catch (AuthenticationException ex) // AUTH refused (535)
{
    Console.Error.WriteLine($"Authentication failed: {ex.Message}");
    return 1;
}
catch (SslHandshakeException ex) // certificate or TLS problem
{
    Console.Error.WriteLine($"TLS error: {ex.Message}");
    return 1;
}
catch (NotSupportedException ex) // StartTls required, but the server does not offer STARTTLS
{
    Console.Error.WriteLine($"Not supported by the server: {ex.Message}");
    return 1;
}
catch (Exception ex) when (ex is SocketException or IOException) // DNS, refused connection, timeout
{
    Console.Error.WriteLine($"Network error: {ex.Message}");
    return 1;
}
