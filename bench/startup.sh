#!/usr/bin/env bash
# Start-up of one build, measured back to back: milliseconds from launch to the first 200 of /
# for the plain `java -jar`, and for the image's way: the jar extracted
# (java -Djarmode=tools extract) and started from an AOT cache (JEP 483/514/515) that a
# training run recorded (site.training-run: serve the warm-up pages, then stop), with Spring
# AOT on when the build has it (-Dspring.aot.enabled=true), as the Dockerfile does. The image runs Java 25, so the cache needs a JDK 25 or newer:
#
#   JAVA25=/path/to/jdk-25 bench/startup.sh [rounds]
#
# Each round runs plain `java -jar` on the default java (what `java -jar` is for most people),
# plain `java -jar` on JDK 25, and JDK 25 with the cache; the ratios use the medians.
# Without JAVA25 it measures the default java's class data sharing archive instead.
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

# The layout of the image: the extracted jar, then the training run that writes the cache.
java -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" > /dev/null
EXTRACTED="$WORK/app/$(basename "$JAR")"
# Spring AOT as the image uses it, for a build that process-aot has been through.
SPRING_AOT=()
if unzip -l "$JAR" | grep -c 'SmtpReferenceApplication__ApplicationContextInitializer' > /dev/null; then
  SPRING_AOT=(-Dspring.aot.enabled=true)
fi
if [ -n "${JAVA25:-}" ]; then
  FAST=("$JAVA25/bin/java" -XX:AOTCache="$WORK/app.aot" -XX:MaxRAMPercentage=75 "${SPRING_AOT[@]}" -jar "$EXTRACTED")
  "$JAVA25/bin/java" -XX:AOTCacheOutput="$WORK/app.aot" -XX:MaxRAMPercentage=75 "${SPRING_AOT[@]}" -Dsite.training-run=true \
    -jar "$EXTRACTED" --server.port=0 > "$WORK/training.log" 2>&1 \
    || { tail -n 20 "$WORK/training.log" >&2; echo "training run failed" >&2; exit 1; }
  fast_name=aot25_ms
else
  FAST=(java -XX:SharedArchiveFile="$WORK/app.jsa" -jar "$EXTRACTED")
  java -XX:ArchiveClassesAtExit="$WORK/app.jsa" -Dsite.training-run=true -jar "$EXTRACTED" \
    --server.port=0 > "$WORK/training.log" 2>&1 \
    || { tail -n 20 "$WORK/training.log" >&2; echo "training run failed" >&2; exit 1; }
  fast_name=cds_ms
fi

# Milliseconds from launch to the first 200 of /.
first_page() { # command...
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
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

: > "$WORK/plain" ; : > "$WORK/plain25" ; : > "$WORK/fast"
printf '%-6s %10s %12s %10s\n' round plain_ms "${JAVA25:+plain25_ms}" "$fast_name"
for round in $(seq 1 "$ROUNDS"); do
  plain=$(first_page java -jar "$JAR")
  echo "$plain" >> "$WORK/plain"
  plain25=""
  if [ -n "${JAVA25:-}" ]; then
    plain25=$(first_page "$JAVA25/bin/java" -jar "$JAR")
    echo "$plain25" >> "$WORK/plain25"
  fi
  fast=$(first_page "${FAST[@]}")
  echo "$fast" >> "$WORK/fast"
  printf '%-6s %10s %12s %10s\n' "$round" "$plain" "$plain25" "$fast"
done
p=$(median < "$WORK/plain")
f=$(median < "$WORK/fast")
echo
echo "medians, launch to first 200 of /:"
echo "  plain java -jar ($(java -version 2>&1 | head -n 1)): ${p} ms"
if [ -n "${JAVA25:-}" ]; then
  p25=$(median < "$WORK/plain25")
  echo "  plain java -jar ($("$JAVA25/bin/java" -version 2>&1 | head -n 1)): ${p25} ms"
  echo "  the image's way, JDK 25 + AOT cache: ${f} ms"
  echo "  ratio to plain java -jar: $(ratio "$f" "$p"); to plain java -jar on the same JDK 25: $(ratio "$f" "$p25")"
else
  echo "  extracted + class data sharing archive: ${f} ms; ratio $(ratio "$f" "$p")"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
