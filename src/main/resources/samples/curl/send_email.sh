#!/usr/bin/env bash
# Send one plain-text message over SMTP submission (port 587, STARTTLS) with curl.
# Settings come from the environment:
#   SMTP_HOST, SMTP_PORT (default 587), SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO
set -euo pipefail

: "${SMTP_HOST:?}" "${SMTP_USER:?}" "${SMTP_PASSWORD:?}" "${MAIL_FROM:?}" "${MAIL_TO:?}"

# smtp:// + --ssl-reqd: EHLO, STARTTLS (required), EHLO again, AUTH, then MAIL FROM,
# RCPT TO, DATA with the message read from standard input, and QUIT.
# Implicit TLS on port 465: use --url "smtps://$SMTP_HOST:465" (--ssl-reqd is then implied).
# --crlf turns the here-document's line ends into the CRLF that SMTP requires.
curl --url "smtp://$SMTP_HOST:${SMTP_PORT:-587}" \
  --ssl-reqd \
  --user "$SMTP_USER:$SMTP_PASSWORD" \
  --mail-from "$MAIL_FROM" \
  --mail-rcpt "$MAIL_TO" \
  --upload-file - --crlf \
  --silent --show-error --connect-timeout 10 \
  <<EOF || { status=$?; echo "curl failed with exit code $status (67: login denied, 55: sender or recipient rejected, 8 (56 on older curl): message rejected after the final dot, 64: no STARTTLS)" >&2; exit "$status"; }
From: $MAIL_FROM
To: $MAIL_TO
Subject: Test message from curl
Date: $(date -R)
MIME-Version: 1.0
Content-Type: text/plain; charset=UTF-8

Hello,

this message was sent with curl over STARTTLS.
EOF
echo "Message sent"
