#!/usr/bin/env bash
# Send one plain-text message over SMTP submission (port 587, STARTTLS) with swaks,
# which prints the whole SMTP dialogue as it goes.
# Settings come from the environment:
#   SMTP_HOST, SMTP_PORT (default 587), SMTP_USER, SMTP_PASSWORD, MAIL_FROM, MAIL_TO
set -euo pipefail

: "${SMTP_HOST:?}" "${SMTP_USER:?}" "${SMTP_PASSWORD:?}" "${MAIL_FROM:?}" "${MAIL_TO:?}"

# --tls: EHLO, STARTTLS (required), EHLO again. --tls-verify: check the certificate
# (swaks does not by default). --auth-hide-password keeps the password out of the output.
# Implicit TLS on port 465: replace --tls with --tls-on-connect and use --port 465.
swaks --server "$SMTP_HOST" --port "${SMTP_PORT:-587}" \
  --tls --tls-verify \
  --auth LOGIN --auth-user "$SMTP_USER" --auth-password "$SMTP_PASSWORD" \
  --auth-hide-password \
  --from "$MAIL_FROM" \
  --to "$MAIL_TO" \
  --header "Subject: Test message from swaks" \
  --body "Hello, this message was sent with swaks over STARTTLS." \
  --timeout 30 \
  || { status=$?; echo "swaks failed with exit code $status (28: AUTH, 23: MAIL FROM, 24: RCPT TO, 29: TLS)" >&2; exit "$status"; }
