#!/usr/bin/env bash
# Times POST /api/v1/decode on loopback: texts of 4 KiB, 16 KiB and the largest the API takes
# (about 64 KiB), a realistic log and bounce and the crafted "550 \n" text, one request at a
# time; prints mean, p50 and p99 latency per size and the decode time per KiB.
# Usage: bench/decode.sh [requests per size] [warm-up requests per size]
# URL=http://127.0.0.1:8080 bench/decode.sh uses an app that is already running.
# Needs: a JDK (unless URL is given), curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."

REQUESTS=${1:-300}
WARM=${2:-200}
APP_PORT=${APP_PORT:-18080}
HEAP=${HEAP:--Xmx256m}
APP_ARGS=${APP_ARGS:-}

for tool in curl python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool" >&2; exit 1; }
done

APP_PID=""
WORK=$(mktemp -d)
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -z "${URL:-}" ]; then
  command -v java >/dev/null 2>&1 || { echo "missing: java" >&2; exit 1; }
  JAR=${JAR:-$(ls target/smtp-reference-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)}
  if [ -z "$JAR" ]; then
    ./mvnw -q -B -DskipTests package
    JAR=$(ls target/smtp-reference-*.jar | grep -v plain | head -n 1)
  fi
  URL="http://127.0.0.1:$APP_PORT"
  java $HEAP -jar "$JAR" --server.port="$APP_PORT" ${APP_ARGS:-} > "$WORK/app.log" 2>&1 &
  APP_PID=$!
  until curl -fs "$URL/actuator/health" > /dev/null 2>&1; do
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
    sleep 0.1
  done
fi

python3 bench/decode.py --url "$URL" --requests "$REQUESTS" --warm-up "$WARM"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
