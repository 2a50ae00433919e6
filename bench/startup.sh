#!/usr/bin/env bash
# Start-up of one build, measured back to back: launch until the first 200 of / for the
# plain `java -jar`, and for the same jar extracted (java -Djarmode=tools extract) with a
# class data sharing archive made by a training run, as the Dockerfile does.
# With JAVA25=path/to/jdk-25 it also measures the JEP 483/514/515 AOT cache on that JDK.
# Usage: bench/startup.sh [rounds]     (prints each run and the medians)
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-5}
WORK=$(mktemp -d)
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

JAR=${JAR:-$(ls target/smtp-reference-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)}
if [ -z "$JAR" ]; then
  ./mvnw -q -B -DskipTests package
  JAR=$(ls target/smtp-reference-*.jar | grep -v plain | head -n 1)
fi

# The layout of the image: extracted jar, then the training run that writes the archive.
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" > /dev/null
EXTRACTED="$WORK/app/$(basename "$JAR")"
java -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" \
  --server.port=0 > "$WORK/training.log" 2>&1
if [ -n "${JAVA25:-}" ]; then
  "$JAVA25/bin/java" -XX:AOTCacheOutput="$WORK/app.aot" -Dspring.context.exit=onRefresh -jar "$EXTRACTED" \
    --server.port=0 > "$WORK/training25.log" 2>&1
fi

# Milliseconds from launch to the first 200 of /.
first_page() { # java options...
  local start port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  start=$(date +%s%N)
  "$@" --server.port="$port" > "$WORK/run.log" 2>&1 &
  APP_PID=$!
  until curl -fso /dev/null "http://127.0.0.1:$port/"; do
    kill -0 "$APP_PID" 2>/dev/null || { cat "$WORK/run.log" >&2; exit 1; }
    sleep 0.01
  done
  echo $(( ($(date +%s%N) - start) / 1000000 ))
  kill "$APP_PID"
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

: > "$WORK/plain" ; : > "$WORK/cds" ; : > "$WORK/aot"
printf '%-6s %10s %10s %s\n' round plain_ms cds_ms "${JAVA25:+aot25_ms}"
for round in $(seq 1 "$ROUNDS"); do
  plain=$(first_page java -jar "$JAR")
  cds=$(first_page java -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$EXTRACTED")
  aot=""
  if [ -n "${JAVA25:-}" ]; then
    aot=$(first_page "$JAVA25/bin/java" -XX:AOTCache="$WORK/app.aot" -jar "$EXTRACTED")
    echo "$aot" >> "$WORK/aot"
  fi
  echo "$plain" >> "$WORK/plain"
  echo "$cds" >> "$WORK/cds"
  printf '%-6s %10s %10s %s\n' "$round" "$plain" "$cds" "$aot"
done
p=$(median < "$WORK/plain")
c=$(median < "$WORK/cds")
echo
echo "median launch to first 200 of /: plain java -jar ${p} ms; extracted + CDS archive ${c} ms;" \
  "ratio $(awk -v c="$c" -v p="$p" 'BEGIN { printf "%.2f", c / p }')"
if [ -n "${JAVA25:-}" ]; then
  a=$(median < "$WORK/aot")
  echo "Java 25 AOT cache: ${a} ms; ratio to plain (Java 17) $(awk -v a="$a" -v p="$p" 'BEGIN { printf "%.2f", a / p }')"
fi
echo "java: $(java -version 2>&1 | head -n 1); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
