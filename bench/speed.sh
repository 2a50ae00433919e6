#!/usr/bin/env bash
# Every figure of the start-up and speed targets (issue 21), from one build in one run:
#  1. start-up, rounds interleaved: launch to the first 200 of / for the plain `java -jar` (the
#     default java) and for the image's way (the extracted jar on JDK 25 with the AOT cache a
#     training run recorded and Spring AOT on, as the Dockerfile does), their ratio, and how
#     long after that first 200 readiness (/actuator/health/readiness) said UP;
#  2. resident memory of the image's way after start (readiness UP) and after the load;
#  3. load with wrk on loopback against the image's way: the gzip home page against nginx
#     serving the same bytes (alternating runs), then a command page, a search,
#     /api/v1/commands/ehlo, a decode (POST /api/v1/decode) and a playground replay
#     (POST /api/v1/playground): requests per second and p99 of each.
#
#   JAVA25=/path/to/jdk-25 bench/speed.sh [start rounds] [warm-up s] [seconds per run] [load rounds]
#   JAVA25=... bench/speed.sh 3 20 5 1        # short: for a loaded machine
#   JAR=old.jar JAVA25=... bench/speed.sh     # another build (Spring AOT is used only if it has it)
#   BEFORE=old.jar JAVA25=... bench/speed.sh  # also start-up of an older build, in the same rounds
#   JAVA25=... bench/speed.sh 0 20 5 1        # the load part only (no start-up rounds)
#
# Without JAVA25 the image's way is skipped and the load runs against the plain jar.
# Needs: curl, python3, wrk and nginx (Debian: apt-get install wrk nginx-light).
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${1:-5}
WARM=${2:-60}
RUN=${3:-15}
LOAD_ROUNDS=${4:-3}
CONNECTIONS=${CONNECTIONS:-32}
# The plain start's options: the image's ceilings, with a fixed heap instead of a share of the
# host's memory.
JVM_OPTS=(-Xmx256m -XX:MaxDirectMemorySize=96m -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=96m)
# The image's way runs with the image's own options, read from the Dockerfile's ENTRYPOINT (all
# but its cache, which the run records itself, and Spring AOT, which spring_aot gives a build
# that has it), and sees the memory of the container limit they are sized for (deploy/: 768 MiB)
# through -XX:MaxRAM, so its heap starts and ends as it does in the container.
read -r -a IMAGE_OPTS <<< "$(python3 - <<'PY'
import json, re
text = re.sub(r"\\\n", " ", open("Dockerfile").read())
entry = json.loads(re.search(r"^ENTRYPOINT\s+(\[.*\])\s*$", text, re.M).group(1))
print(" ".join(o for o in entry[1:entry.index("-jar")]
               if not o.startswith("-XX:AOTCache=") and o != "-Dspring.aot.enabled=true"))
PY
)"
[ ${#IMAGE_OPTS[@]} -gt 0 ] || { echo "no JVM options found in the Dockerfile's ENTRYPOINT" >&2; exit 1; }
IMAGE_OPTS+=(-XX:MaxRAM=768m)
WORK=$(mktemp -d)
APP_PID=""
NGINX_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for tool in curl python3 wrk nginx java; do
  command -v "$tool" > /dev/null 2>&1 || { echo "missing: $tool (apt-get install wrk nginx-light)" >&2; exit 1; }
done

JAR=${JAR:-$(ls target/smtp-reference-*.jar 2>/dev/null | grep -v plain | head -n 1 || true)}
if [ -z "$JAR" ]; then
  ./mvnw -q -B -DskipTests package
  JAR=$(ls target/smtp-reference-*.jar | grep -v plain | head -n 1)
fi
# Spring AOT only for a build that process-aot has been through.
spring_aot() { # jar
  if unzip -l "$1" | grep -c 'SmtpReferenceApplication__ApplicationContextInitializer' > /dev/null; then
    echo -Dspring.aot.enabled=true
  fi
}
read -r -a SPRING_AOT <<< "$(spring_aot "$JAR")"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 > 0) printf "%.2f", a / b; else print "-" }'; }
rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status" 2>/dev/null || echo "-"; }

# Starts the command on a free port; sets PORT, APP_PID, FIRST_MS (launch to the first 200 of
# /) and READY_MS (launch to readiness UP).
launch() { # command...
  local start
  PORT=$(free_port)
  start=$(date +%s%N)
  "$@" --server.port="$PORT" > "$WORK/run.log" 2>&1 &
  APP_PID=$!
  read -r FIRST_MS READY_MS < <(python3 bench/first200.py "$start" "$PORT" "$APP_PID") \
    || { cat "$WORK/run.log" >&2; exit 1; }
}
stop() {
  kill "$APP_PID" 2>/dev/null || true
  wait "$APP_PID" 2>/dev/null || true
  APP_PID=""
}

# The image's layout: the extracted jar, and the cache its training run records. Sets IMAGE.
image_way() { # jar directory
  local jar=$1 dir=$2 aot
  read -r -a aot <<< "$(spring_aot "$jar")"
  java -Djarmode=tools -jar "$jar" extract --destination "$dir" > /dev/null
  local extracted
  extracted="$dir/$(basename "$jar")"
  "$JAVA25/bin/java" -XX:AOTCacheOutput="$dir.aot" "${IMAGE_OPTS[@]}" "${aot[@]}" \
    -Dsite.training-run=true -jar "$extracted" --server.port=0 > "$WORK/training.log" 2>&1 \
    || { tail -n 20 "$WORK/training.log" >&2; echo "training run of $jar failed" >&2; exit 1; }
  IMAGE=("$JAVA25/bin/java" -XX:AOTCache="$dir.aot" "${IMAGE_OPTS[@]}" "${aot[@]}" -jar "$extracted")
}
PLAIN=(java "${JVM_OPTS[@]}" -jar "$JAR")
PLAIN_BEFORE=()
IMAGE_BEFORE=()
IMAGE=()
if [ -n "${JAVA25:-}" ]; then
  if [ -n "${BEFORE:-}" ]; then
    image_way "$BEFORE" "$WORK/before"
    IMAGE_BEFORE=("${IMAGE[@]}")
  fi
  image_way "$JAR" "$WORK/app"
else
  echo "JAVA25 is not set: the image's way (JDK 25 + AOT cache) is skipped" >&2
fi
if [ -n "${BEFORE:-}" ]; then
  PLAIN_BEFORE=(java "${JVM_OPTS[@]}" -jar "$BEFORE")
fi

echo "== start-up: $ROUNDS rounds, interleaved (ms from launch) =="
printf '%-6s %14s %12s %14s %12s %10s\n' round plain_first200 plain_ready image_first200 image_ready image_rss
: > "$WORK/plain" ; : > "$WORK/plain_ready" ; : > "$WORK/image" ; : > "$WORK/image_ready" ; : > "$WORK/rss"
: > "$WORK/before_plain" ; : > "$WORK/before_image" ; : > "$WORK/before_image_ready"
for round in $(seq 1 "$ROUNDS"); do
  if [ ${#PLAIN_BEFORE[@]} -gt 0 ]; then
    launch "${PLAIN_BEFORE[@]}"
    echo "$FIRST_MS" >> "$WORK/before_plain"
    stop
    before="before: plain $FIRST_MS"
    if [ ${#IMAGE_BEFORE[@]} -gt 0 ]; then
      launch "${IMAGE_BEFORE[@]}"
      echo "$FIRST_MS" >> "$WORK/before_image"; echo "$((READY_MS - FIRST_MS))" >> "$WORK/before_image_ready"
      stop
      before="$before, image $FIRST_MS +$(tail -n 1 "$WORK/before_image_ready")"
    fi
    echo "       ($before)"
  fi
  launch "${PLAIN[@]}"
  plain=$FIRST_MS plain_ready=$((READY_MS - FIRST_MS))
  stop
  echo "$plain" >> "$WORK/plain"; echo "$plain_ready" >> "$WORK/plain_ready"
  image="-" image_ready="-" rss="-"
  if [ ${#IMAGE[@]} -gt 0 ]; then
    launch "${IMAGE[@]}"
    image=$FIRST_MS image_ready=$((READY_MS - FIRST_MS)) rss=$(rss_mib "$APP_PID")
    stop
    echo "$image" >> "$WORK/image"; echo "$image_ready" >> "$WORK/image_ready"; echo "$rss" >> "$WORK/rss"
  fi
  printf '%-6s %14s %12s %14s %12s %10s\n' "$round" "$plain" "+$plain_ready" "$image" "+$image_ready" "$rss"
done

# Load: against the image's way when there is one, as it runs in production.
if [ ${#IMAGE[@]} -gt 0 ]; then
  launch "${IMAGE[@]}"
else
  launch "${PLAIN[@]}"
fi
BASE="http://127.0.0.1:$PORT"
rss_start=$(rss_mib "$APP_PID")

mkdir -p "$WORK/www"
# nginx's workers run as another user when it is started as root.
chmod 755 "$WORK" "$WORK/www"
curl -fs "$BASE/" -o "$WORK/www/index.html"
curl -fs -H 'Accept-Encoding: gzip' "$BASE/" -o "$WORK/www/index.html.gz"
NGINX_PORT=$(free_port)
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
until curl -fso /dev/null "http://127.0.0.1:$NGINX_PORT/"; do sleep 0.05; done

load() { # seconds url [wrk options...] -> "requests/s p99 non-2xx/3xx"
  local seconds=$1 url=$2
  shift 2
  wrk -t2 -c"$CONNECTIONS" -d"$seconds"s --latency -H 'Accept-Encoding: gzip' "$@" "$url" > "$WORK/wrk.txt"
  awk '/Requests\/sec/ { rps = $2 } $1 == "99%" { p99 = $2 } /Non-2xx/ { bad = $NF }
       /non-200 answers:/ { bad = $3 } END { printf "%s %s %s\n", rps, p99, bad + 0 }' "$WORK/wrk.txt"
}

# One answer of each kind first: a broken endpoint must not pass for a fast one.
check() { # name expected-text curl arguments...
  local name=$1 expected=$2
  shift 2
  curl -fsS "$@" | grep -F "$expected" >/dev/null || { echo "$name does not answer as expected" >&2; exit 1; }
}
playground_body=$(sed -n '/^wrk.body = \[\[/,/\]\]$/p' bench/playground.lua | sed 's/^wrk.body = \[\[//; s/\]\]$//')
decode_body=$(sed -n 's/^wrk.body = \[\[\(.*\)\]\]$/\1/p' bench/decode.lua)
check "command page" '<html lang="en"' "$BASE/commands/ehlo"
check search 'STARTTLS' "$BASE/search?q=starttls"
check "command API" '"EHLO"' "$BASE/api/v1/commands/ehlo"
check decode '5.1.1' -H 'Content-Type: application/json' --data-binary "$decode_body" "$BASE/api/v1/decode"
check playground '"closed":true' -H 'Content-Type: application/json' --data-binary "$playground_body" \
  "$BASE/api/v1/playground"

echo
echo "== load: ${WARM}s warm-up, then $LOAD_ROUNDS rounds of ${RUN}s per target; $CONNECTIONS connections, wrk -t2 =="
for target in "/" "/commands/ehlo" "/search?q=starttls" "/api/v1/commands/ehlo"; do
  load "$(( WARM / 5 > 1 ? WARM / 5 : 1 ))" "$BASE$target" > /dev/null
done
load "$WARM" "$BASE/" > /dev/null
printf '%-26s %10s %9s %10s %9s %6s\n' target req_per_s p99 nginx_rps nginx_p99 ratio
: > "$WORK/home_ratio"
for round in $(seq 1 "$LOAD_ROUNDS"); do
  read -r rps p99 _ < <(load "$RUN" "$BASE/")
  read -r nrps np99 _ < <(load "$RUN" "http://127.0.0.1:$NGINX_PORT/")
  r=$(ratio "$rps" "$nrps")
  echo "$r" >> "$WORK/home_ratio"
  printf '%-26s %10s %9s %10s %9s %6s\n' "/ gzip (round $round)" "$rps" "$p99" "$nrps" "$np99" "$r"
done
row() { # name url [wrk options...]
  local name=$1
  shift
  : > "$WORK/row"
  for _ in $(seq 1 "$LOAD_ROUNDS"); do
    load "$RUN" "$@" >> "$WORK/row"
  done
  # The median round by requests per second.
  read -r rps p99 bad < <(sort -n "$WORK/row" | awk '{ v[NR] = $0 } END { print v[int((NR + 1) / 2)] }')
  printf '%-26s %10s %9s %10s %9s %6s%s\n' "$name" "$rps" "$p99" "" "" "" "${bad:+  (answers not 200: $bad)}"
}
row "/commands/ehlo" "$BASE/commands/ehlo"
row "/search?q=starttls" "$BASE/search?q=starttls"
row "/api/v1/commands/ehlo" "$BASE/api/v1/commands/ehlo"
row "POST /api/v1/decode" "$BASE/api/v1/decode" -s bench/decode.lua
row "POST /api/v1/playground" "$BASE/api/v1/playground" -s bench/playground.lua
rss_load=$(rss_mib "$APP_PID")

p=$(median < "$WORK/plain")
echo
echo "== summary (medians) =="
[ "$ROUNDS" -gt 0 ] && echo "plain java -jar ($(java -version 2>&1 | head -n 1)): first 200 after ${p} ms," \
  "readiness +$(median < "$WORK/plain_ready") ms"
if [ ${#IMAGE[@]} -gt 0 ] && [ "$ROUNDS" -gt 0 ]; then
  i=$(median < "$WORK/image")
  echo "the image's way (JDK 25, AOT cache${SPRING_AOT:+, Spring AOT}): first 200 after ${i} ms," \
    "readiness +$(median < "$WORK/image_ready") ms; ratio to plain $(ratio "$i" "$p")"
fi
if [ -s "$WORK/before_plain" ]; then
  bp=$(median < "$WORK/before_plain")
  echo "before ($BEFORE): plain first 200 after ${bp} ms (now $(ratio "$p" "$bp") of it)"
  if [ -s "$WORK/before_image" ]; then
    bi=$(median < "$WORK/before_image")
    echo "before ($BEFORE): the image's way first 200 after ${bi} ms, readiness" \
      "+$(median < "$WORK/before_image_ready") ms; ratio to its plain $(ratio "$bi" "$bp")"
  fi
fi
echo "resident memory: $(median < "$WORK/rss") MiB after start (image's way), $rss_start MiB before" \
  "the load, $rss_load MiB after it"
echo "gzip home page: app/nginx $(median < "$WORK/home_ratio") (median of $LOAD_ROUNDS rounds)"
echo "build: $JAR; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
