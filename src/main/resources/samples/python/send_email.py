"""Send one plain-text message over SMTP submission (port 587, STARTTLS) with smtplib.

Configuration comes from the environment:
    SMTP_HOST, SMTP_PORT (default 587), SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO

Usage:
    python3 send_email.py                 # host and port from SMTP_HOST / SMTP_PORT
    python3 send_email.py HOST [PORT]     # host and port from the command line
"""

import os
import smtplib
import ssl
import sys
from email.message import EmailMessage
from email.utils import formatdate, make_msgid


def send_email_smtp(smtp_host: str, smtp_port: int, username: str, password: str,
                    from_addr: str, to_addr: str, subject: str, body: str,
                    use_tls: bool = True) -> bool:
    """Send one plain-text message; return True on success, False on an SMTP or network error."""
    msg = EmailMessage()
    msg["From"] = from_addr
    msg["To"] = to_addr
    msg["Subject"] = subject
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid()
    msg.set_content(body)  # text/plain; UTF-8 is chosen automatically when needed

    # Implicit TLS on port 465: replace smtplib.SMTP(...) with
    # smtplib.SMTP_SSL(smtp_host, 465, context=context, timeout=30)
    # and drop the starttls() call and the second ehlo().
    context = ssl.create_default_context()  # verifies the certificate and the host name
    try:
        with smtplib.SMTP(smtp_host, smtp_port, timeout=30) as server:
            server.ehlo()  # the reply lists the server's extensions
            if use_tls:  # use_tls=False only for a local test server: it sends the password in clear
                server.starttls(context=context)
                server.ehlo()  # the capabilities may change once TLS is active
            server.login(username, password)
            server.send_message(msg)  # MAIL FROM, RCPT TO, DATA
        return True  # leaving the "with" block sent QUIT
    except smtplib.SMTPException as e:  # reply codes: SMTPResponseException has smtp_code
        print(f"SMTP error: {e}", file=sys.stderr)
        return False
    except OSError as e:  # DNS, refused connection, timeout, TLS failure
        print(f"Connection error: {e}", file=sys.stderr)
        return False


def test_smtp_connection(host: str, port: int) -> dict:
    """Connect, read the greeting, send EHLO and list the advertised extensions."""
    try:
        with smtplib.SMTP(timeout=5) as server:
            # smtplib.SMTP has no getwelcome(): connect() returns the 220 greeting as bytes.
            code, banner = server.connect(host, port)
            if code != 220:
                raise smtplib.SMTPConnectError(code, banner)
            server.ehlo()
            return {
                "connected": True,
                "banner": banner.decode("utf-8", "replace"),
                "extensions": list(server.esmtp_features),
            }
    except (OSError, smtplib.SMTPException) as e:
        return {"connected": False, "error": str(e)}


if __name__ == "__main__":
    host = sys.argv[1] if len(sys.argv) > 1 else os.environ["SMTP_HOST"]
    port = int(sys.argv[2] if len(sys.argv) > 2 else os.environ.get("SMTP_PORT", "587"))

    print(test_smtp_connection(host, port))

    ok = send_email_smtp(
        host, port,
        os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"],
        os.environ["MAIL_FROM"], os.environ["MAIL_TO"],
        subject="Test message from smtplib",
        body="Hello,\n\nthis message was sent with Python's smtplib over STARTTLS.\n",
    )
    sys.exit(0 if ok else 1)
