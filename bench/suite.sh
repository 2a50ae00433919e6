#!/usr/bin/env bash
# Where the suite's time goes (issue 21): its wall time, the slowest test classes, and how
# many Spring application contexts it started (each costs a start of the site).
#
#   bench/suite.sh                 # runs ./mvnw -B verify (as CI does), then reports
#   bench/suite.sh build.log       # reports on a saved log of such a run
#   TOP=30 bench/suite.sh build.log
#
# The classes' times come from target/surefire-reports; a class's time includes the start of
# the context it is the first to use.
set -euo pipefail
cd "$(dirname "$0")/.."

TOP=${TOP:-15}
LOG=${1:-}
if [ -z "$LOG" ]; then
  LOG=$(mktemp)
  start=$(date +%s)
  ./mvnw -B -ntp verify 2>&1 | tee "$LOG" > /dev/null || { tail -n 40 "$LOG" >&2; exit 1; }
  echo "wall time of ./mvnw -B verify: $(( $(date +%s) - start )) s"
fi
[ -f "$LOG" ] || { echo "no such log: $LOG" >&2; exit 1; }

grep -m 1 "Total time:" "$LOG" | sed 's/.*Total time: */maven total time: /' || true
python3 - "$LOG" "$TOP" <<'PY'
import glob, re, sys
import xml.etree.ElementTree as ET

log, top = sys.argv[1], int(sys.argv[2])
classes = []
for path in glob.glob("target/surefire-reports/TEST-*.xml"):
    suite = ET.parse(path).getroot()
    classes.append((float(suite.get("time") or 0), int(suite.get("tests") or 0),
                    suite.get("name").replace("org.smtpreference.", "")))
classes.sort(reverse=True)
total = sum(t for t, _, _ in classes)
print(f"test classes: {len(classes)}, their times added up: {total:.0f} s")
print(f"slowest {min(top, len(classes))}:")
for seconds, tests, name in classes[:top]:
    print(f"  {seconds:8.1f} s  {tests:5d} tests  {name}")
# Each Spring context a test class starts logs "Started <TestClass> in N seconds".
started = re.compile(r"Started (\w+) in ([0-9.]+) seconds")
contexts = [(m.group(1), float(m.group(2))) for line in open(log, errors="replace")
            for m in [started.search(line)] if m and m.group(1).endswith(("Tests", "IT"))]
print(f"Spring contexts started: {len(contexts)}, {sum(s for _, s in contexts):.0f} s of start-up together")
for name, seconds in sorted(contexts, key=lambda c: -c[1])[:top]:
    print(f"  {seconds:6.1f} s  {name}")
PY
