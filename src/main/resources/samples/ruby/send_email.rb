#!/usr/bin/env ruby
# Send one plain-text message over SMTP submission (port 587, STARTTLS) with Net::SMTP
# (the net-smtp gem, 0.4 or later).
# Settings come from the environment:
#   SMTP_HOST, SMTP_PORT (default 587), SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO
require "net/smtp"
require "securerandom"
require "socket"
require "time"

host = ENV.fetch("SMTP_HOST")
port = Integer(ENV.fetch("SMTP_PORT", "587"))
user = ENV.fetch("SMTP_USER")
password = ENV.fetch("SMTP_PASSWORD")
from = ENV.fetch("MAIL_FROM")
to = ENV.fetch("MAIL_TO")

# Net::SMTP sends the text as it is: the headers are ours to write.
message = <<~MESSAGE
  From: #{from}
  To: #{to}
  Subject: Test message from Net::SMTP
  Date: #{Time.now.rfc2822}
  Message-ID: <#{SecureRandom.uuid}@#{from.split("@").last}>
  MIME-Version: 1.0
  Content-Type: text/plain; charset=UTF-8

  Hello,

  this message was sent with Ruby's Net::SMTP over STARTTLS.
MESSAGE

smtp = Net::SMTP.new(host, port)
# Implicit TLS on port 465: call smtp.enable_tls instead of smtp.enable_starttls.
smtp.enable_starttls # STARTTLS is required, and the certificate is verified
smtp.open_timeout = 10
smtp.read_timeout = 30

begin
  # EHLO, STARTTLS, EHLO again, AUTH PLAIN; leaving the block sends QUIT
  smtp.start(helo: Socket.gethostname, user: user, secret: password, authtype: :plain) do |session|
    session.send_message(message, from, to) # MAIL FROM, RCPT TO, DATA
  end
  puts "Message sent"
rescue Net::SMTPAuthenticationError => e
  abort "Authentication failed: #{e.message}"
rescue Net::SMTPServerBusy => e # 4xx: temporary, try again later
  abort "Temporary failure: #{e.message}"
rescue Net::SMTPSyntaxError, Net::SMTPFatalError => e # 5xx: permanent
  abort "Rejected: #{e.message}"
rescue Net::SMTPUnknownError, Net::SMTPUnsupportedCommand => e
  abort "SMTP error: #{e.message}"
rescue OpenSSL::SSL::SSLError, SystemCallError, SocketError, Net::OpenTimeout, Net::ReadTimeout => e
  abort "Connection error: #{e.message}"
end
