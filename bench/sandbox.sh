#!/usr/bin/env bash
# Measures the sandbox SMTP listener on loopback: complete pipelined sessions per second,
# and the resident memory of the app before and with 1,000 idle connections.
# Usage: bench/sandbox.sh [seconds] [clients] [idle connections]
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_RUN="${1:-20}"
CLIENTS="${2:-8}"
IDLE="${3:-1000}"
# Free ports, unless given: another app on a fixed port would answer the health check.
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
HTTP_PORT=${HTTP_PORT:-$(free_port)}
SMTP_PORT=${SMTP_PORT:-$(free_port)}

ulimit -n 4096 2>/dev/null || true
jar=$(ls target/smtp-reference-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$jar" ]; then
  ./mvnw -q -o package -DskipTests
  jar=$(ls target/smtp-reference-*.jar | grep -v plain | head -1)
fi

java -Xmx256m -jar "$jar" --server.port=$HTTP_PORT --site.sandbox.smtp-port=$SMTP_PORT \
  --site.sandbox.bind-address=127.0.0.1 --site.sandbox.max-connections=$((IDLE + 100)) \
  --site.sandbox.max-connections-per-address=$((IDLE + 100)) --site.sandbox.idle-timeout=10m \
  --logging.level.root=WARN >/tmp/sandbox-bench-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done

rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$app/status"; }
# RSS hides small growth inside heap pages already touched: also the live heap after a full GC.
heap() { jcmd $app GC.run >/dev/null; jcmd $app GC.heap_info | awk '/garbage-first heap|used/ {for (i=1;i<=NF;i++) if ($i=="used") {print $(i+1); exit}}'; }
# A warm-up round (JIT, TLS-free path), then the idle connections alone, then throughput.
java bench/SandboxLoad.java 127.0.0.1 $SMTP_PORT "$CLIENTS" 5 0 </dev/null >/dev/null
sleep 2
echo "app RSS before: $(rss), live heap $(heap)"
coproc LOAD { java bench/SandboxLoad.java 127.0.0.1 $SMTP_PORT "$CLIENTS" 0 "$IDLE"; }
while read -r line <&"${LOAD[0]}"; do
  [ "$line" = READY ] && break
  case "$line" in idle*) echo "$line" ;; esac
done
sleep 2
echo "app RSS with $IDLE idle connections: $(rss), live heap $(heap)"
echo done >&"${LOAD[1]}"
wait "$LOAD_PID" 2>/dev/null || true
java bench/SandboxLoad.java 127.0.0.1 $SMTP_PORT "$CLIENTS" "$SECONDS_RUN" 0 </dev/null | grep sessions
