#!/usr/bin/env bash
# Runs the security review's attacks that matter (issue 17) against the packaged jar, each on a
# fresh app started with -Xmx256m and the sandbox on, on free loopback ports (the Redis attack
# also gets its own redis-server). While each attack runs, / is probed every 100 ms; per attack
# it prints the worst probe latency, the failed probes, RSS before/peak/after and the attack's
# own figure, then a table of all of them. Bounded in count and time (a few minutes in all);
# stops every process it starts, also on Ctrl-C.
# Usage: bench/abuse.sh                         every attack, on target/smtp-reference-*.jar
#        ATTACKS="decode offline" bench/abuse.sh  a subset (see bench/abuse.py --help)
#        JAR=path/to/other.jar bench/abuse.sh     another build, e.g. the one before a fix
# Needs: a JDK, python3; redis-server for the Redis attack (skipped without it).
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=${JAR:-$(ls target/smtp-reference-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)}
if [ -z "$JAR" ]; then
  ./mvnw -q -B -DskipTests package
  JAR=$(ls target/smtp-reference-*.jar | grep -v plain | head -n 1)
fi
# 1,000 live-view subscribers need the descriptors, on both ends.
ulimit -n 8192 2>/dev/null || ulimit -n 4096 2>/dev/null || true

PID=""
cleanup() {
  # abuse.py stops its app and redis-server when it ends; this ends it on Ctrl-C or kill.
  if [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "jar: $JAR; $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086 # ATTACKS is a list of words
python3 bench/abuse.py --jar "$JAR" ${ATTACKS:-} &
PID=$!
wait "$PID"
