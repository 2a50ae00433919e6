#!/usr/bin/env bash
# Loads POST /api/v1/playground with a 12-line session on loopback and prints requests per
# second and p99 latency. Every request replays the session on a fresh simulated server.
# Usage: bench/playground.sh [warm-up seconds] [seconds per run] [rounds]
# URL=http://127.0.0.1:8080 bench/playground.sh uses an app that is already running.
# Needs: a JDK (unless URL is given), curl and wrk (Debian: apt-get install wrk).
set -euo pipefail
cd "$(dirname "$0")/.."

WARM=${1:-30}
RUN=${2:-15}
ROUNDS=${3:-3}
APP_PORT=${APP_PORT:-18080}
CONNECTIONS=${CONNECTIONS:-32}
HEAP=${HEAP:--Xmx256m}
APP_ARGS=${APP_ARGS:-}
SCRIPT=bench/playground.lua

for tool in wrk curl; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool (apt-get install wrk curl)" >&2; exit 1; }
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
ENDPOINT="$URL/api/v1/playground"

# One request first: the endpoint must answer the session, not a problem.
body=$(sed -n '/^wrk.body = \[\[/,/\]\]$/p' "$SCRIPT" | sed 's/^wrk.body = \[\[//; s/\]\]$//')
answer=$(curl -fsS -H 'Content-Type: application/json' --data-binary "$body" "$ENDPOINT")
case "$answer" in
  *'"closed":true'*) ;;
  *) echo "unexpected answer from $ENDPOINT: $answer" >&2; exit 1 ;;
esac

load() { # seconds -> "requests/s p99 non-200"
  wrk -t2 -c"$CONNECTIONS" -d"$1"s --latency -s "$SCRIPT" "$ENDPOINT" > "$WORK/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  bad=$(awk '/non-200 answers:/ {print $3}' "$WORK/wrk.txt")
  echo "$rps $p99 $bad"
}

echo "warming for ${WARM}s ..."
load "$WARM" > /dev/null
printf '%-6s %12s %10s %8s\n' round req_per_s p99 non_200
for round in $(seq 1 "$ROUNDS"); do
  read -r rps p99 bad < <(load "$RUN")
  printf '%-6s %12s %10s %8s\n' "$round" "$rps" "$p99" "$bad"
done
echo "POST $ENDPOINT, 12-line session, $(printf %s "$body" | wc -c) bytes; $CONNECTIONS connections, wrk -t2"
