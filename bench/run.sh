#!/usr/bin/env bash
# Compares the packaged app with nginx serving the same bytes of the home page, on loopback.
# Usage: bench/run.sh [warm-up seconds] [seconds per run] [rounds]
# Needs: a JDK, wrk and nginx (Debian: apt-get install wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."

WARM=${1:-90}
RUN=${2:-20}
ROUNDS=${3:-3}
APP_PORT=${APP_PORT:-18080}
NGINX_PORT=${NGINX_PORT:-18081}
CONNECTIONS=${CONNECTIONS:-32}
HEAP=${HEAP:--Xmx256m}
# Extra arguments for the app, e.g. APP_ARGS=--server.jetty.threads.max=50
APP_ARGS=${APP_ARGS:-}
PAGE=${PAGE:-/}
WORK=$(mktemp -d)
RESULTS=bench/results
mkdir -p "$RESULTS"

for tool in wrk nginx java; do
  command -v "$tool" >/dev/null 2>&1 || { echo "missing: $tool (apt-get install wrk nginx-light)" >&2; exit 1; }
done

# JAR=path/to/other.jar compares another build (e.g. a copy of the jar before a change).
JAR=${JAR:-$(ls target/smtp-reference-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)}
if [ -z "$JAR" ]; then
  ./mvnw -q -B -DskipTests package
  JAR=$(ls target/smtp-reference-*.jar | grep -v plain | head -n 1)
fi

APP_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# Start the app with a bounded heap and time it until it answers.
start=$(date +%s%N)
java $HEAP -jar "$JAR" --server.port="$APP_PORT" ${APP_ARGS:-} > "$WORK/app.log" 2>&1 &
APP_PID=$!
until curl -fs "http://127.0.0.1:$APP_PORT/actuator/health" > /dev/null 2>&1; do
  kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/app.log"; exit 1; }
  sleep 0.1
done
ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
spring_says=$(grep -o 'Started SmtpReferenceApplication in [0-9.]* seconds' "$WORK/app.log" || true)

# The same bytes for nginx: the page as the app sends it, plain and gzipped.
mkdir -p "$WORK/www"
curl -fs "http://127.0.0.1:$APP_PORT$PAGE" -o "$WORK/www/index.html"
curl -fs -H 'Accept-Encoding: gzip' "http://127.0.0.1:$APP_PORT$PAGE" -o "$WORK/www/index.html.gz"
plain_bytes=$(stat -c %s "$WORK/www/index.html")
gzip_bytes=$(stat -c %s "$WORK/www/index.html.gz")
cat > "$WORK/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  gzip_static on;
  types { text/html html; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { try_files /index.html =404; }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
NGINX_PID=$!
sleep 1

load() { # url seconds -> "requests/s p99"
  wrk -t2 -c"$CONNECTIONS" -d"$2"s --latency -H 'Accept-Encoding: gzip' "$1" > "$WORK/wrk.txt"
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  echo "$rps $p99"
}

echo "warming the app for ${WARM}s ..."
load "http://127.0.0.1:$APP_PORT$PAGE" "$WARM" > /dev/null

printf '%-6s %12s %10s %12s %10s %7s\n' round app_rps app_p99 nginx_rps nginx_p99 ratio
sum=0
for round in $(seq 1 "$ROUNDS"); do
  read -r app_rps app_p99 < <(load "http://127.0.0.1:$APP_PORT$PAGE" "$RUN")
  read -r ngx_rps ngx_p99 < <(load "http://127.0.0.1:$NGINX_PORT/" "$RUN")
  ratio=$(awk -v a="${app_rps:-0}" -v n="${ngx_rps:-0}" 'BEGIN { if (n + 0 > 0) printf "%.2f", a / n; else printf "0" }')
  sum=$(awk -v s="$sum" -v r="$ratio" 'BEGIN { print s + r }')
  printf '%-6s %12s %10s %12s %10s %7s\n' "$round" "$app_rps" "$app_p99" "$ngx_rps" "$ngx_p99" "$ratio"
done
# The app may be gone by now (killed by the kernel, crashed under load): report what was
# measured anyway instead of failing on its missing /proc entry under `set -e`.
rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$APP_PID/status" 2>/dev/null || true)
echo
echo "mean ratio app/nginx: $(awk -v s="$sum" -v n="$ROUNDS" 'BEGIN { printf "%.2f", s / n }')"
echo "page: $PAGE, $plain_bytes bytes, $gzip_bytes gzipped; $CONNECTIONS connections, wrk -t2"
echo "start-up: ${ready_ms} ms until /actuator/health answered (${spring_says:-no Spring timing found})"
if [ -n "$rss_kb" ]; then
  echo "resident memory after load: $((rss_kb / 1024)) MiB (heap option $HEAP)"
else
  echo "resident memory after load: unknown, the app (pid $APP_PID) had already exited" \
    "(figures above may be cut short); last lines of its log:" >&2
  tail -n 20 "$WORK/app.log" >&2 || true
fi
