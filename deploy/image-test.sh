#!/usr/bin/env bash
# Builds the real Dockerfile with Podman, runs the image on a loopback port and checks what a
# self-hoster relies on: the HEALTHCHECK turns healthy, /actuator/health is UP, pages answer in
# both languages, and the process is not root. The container runs under the memory limit the
# Kubernetes Deployment ships (compose's must be the same), with the sandbox listener on, and
# takes the security review's memory attacks (bench/abuse.py: an SMTP client that never reads,
# 1,000 live-view subscribers, 64 concurrent playground posts for 20 s): it must not be
# OOM-killed and must still answer /actuator/health. Removes the container and image it made,
# also when a step fails. Exits non-zero on any failure.
#
# No public base image can be pulled here, so the FROM images of the Dockerfile are made
# locally once with debootstrap (Debian's OpenJDK of the same version: 17 from bookworm, 21 or
# 25 from trixie) and tagged with the Dockerfile's names; the Dockerfile itself stays the
# ordinary one for people with Docker.
# Needs root and Debian's podman, buildah, runc and debootstrap.
# Usage: deploy/image-test.sh            (REMOVE_BASE_IMAGES=true also drops the base images)
set -euo pipefail
cd "$(dirname "$0")/.."

TAG="localhost/smtp-reference-test:$$"
NAME="smtp-reference-test-$$"
WORK=$(mktemp -d)
# The runtime these machines' cgroups need; the default one fails there.
RUN=(podman --runtime runc)

cleanup() {
  status=$?
  if [ "$status" -ne 0 ] && "${RUN[@]}" container exists "$NAME" 2>/dev/null; then
    echo "--- container log ---" >&2
    "${RUN[@]}" logs "$NAME" 2>&1 | tail -n 40 >&2 || true
  fi
  "${RUN[@]}" rm -f -t 0 "$NAME" >/dev/null 2>&1 || true
  podman rmi -f "$TAG" >/dev/null 2>&1 || true
  # Intermediate images of the build stage.
  podman image prune -f >/dev/null 2>&1 || true
  if [ "${REMOVE_BASE_IMAGES:-false}" = true ]; then
    podman rmi -f "$JDK_IMAGE" "$JRE_IMAGE" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
  exit "$status"
}
trap cleanup EXIT

step() { printf '[%3ss] %s\n' "$SECONDS" "$*"; }
fail() { echo "image test FAILED: $*" >&2; exit 1; }

JDK_IMAGE=$(awk 'toupper($1) == "FROM" && toupper($3) == "AS" { print $2; exit }' Dockerfile)
JRE_IMAGE=$(awk 'toupper($1) == "FROM" { image = $2 } END { print image }' Dockerfile)
[ -n "$JDK_IMAGE" ] && [ -n "$JRE_IMAGE" ] || fail "cannot read the FROM lines of the Dockerfile"

# Makes a base image for an eclipse-temurin:<version>-<jdk|jre> name from the Debian release
# that has that OpenJDK, trusting what this machine trusts (so that Maven in the build stage
# reaches the registry through this network).
base_image() { # name
  if podman image exists "$1"; then
    step "base image $1 is there"
    return
  fi
  local tag="${1##*:}" version kind suite
  version="${tag%%-*}"
  kind="${tag#*-}"
  case "$version" in
    17) suite=bookworm ;;
    21 | 25) suite=trixie ;;
    *) fail "no Debian release known for OpenJDK $version ($1)" ;;
  esac
  case "$kind" in jdk | jre) ;; *) fail "cannot tell a JDK from a JRE in $1" ;; esac
  local package="openjdk-$version-$kind-headless"
  step "making base image $1 from Debian $suite with $package"
  local root="$WORK/rootfs-$tag"
  debootstrap --variant=minbase --include="$package,passwd,ca-certificates,curl" "$suite" "$root" \
    > "$WORK/debootstrap-$tag.log" 2>&1 || { tail -n 20 "$WORK/debootstrap-$tag.log" >&2; fail "debootstrap $package"; }
  # The host's bundle, hashed links and Java trust store, as files (its links point outside).
  rm -rf "$root/etc/ssl/certs"
  mkdir -p "$root/etc/ssl/certs"
  cp -rL /etc/ssl/certs/. "$root/etc/ssl/certs/"
  if [ -d /usr/local/share/ca-certificates ]; then
    cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
  fi
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | podman import --change 'CMD ["bash"]' - "$1" > /dev/null
  rm -rf "$root"
}

# Both at once: each mostly waits on downloads and dpkg.
base_image "$JDK_IMAGE" & jdk=$!
base_image "$JRE_IMAGE" & jre=$!
wait "$jdk" || fail "base image $JDK_IMAGE"
wait "$jre" || fail "base image $JRE_IMAGE"

step "building the Dockerfile"
commit=$(git rev-parse HEAD 2>/dev/null || true)
podman build --isolation=chroot --format docker --pull=never --build-arg GIT_COMMIT="$commit" \
  -t "$TAG" . > "$WORK/build.log" 2>&1 || { tail -n 40 "$WORK/build.log" >&2; fail "podman build"; }

[ "$(podman image inspect --format '{{json .Config.Healthcheck}}' "$TAG")" != "null" ] \
  || fail "the image has no HEALTHCHECK"

# The memory limit self-hosters get: the Deployment's (Mi), which compose's (M, also MiB) must
# equal; the image's JVM options are sized for it.
k8s_memory=$(awk '/limits:/ { limits = 1 } limits && /memory:/ { print $2; exit }' deploy/kubernetes/smtp-reference.yaml)
compose_memory=$(awk '/limits:/ { limits = 1 } limits && /memory:/ { print $2; exit }' deploy/docker-compose.yml)
[ -n "${k8s_memory%Mi}" ] && [ "${k8s_memory%Mi}" = "${compose_memory%M}" ] \
  || fail "memory limits differ: Kubernetes '$k8s_memory', compose '$compose_memory'"
MEMORY="${k8s_memory%Mi}m"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
PORT=$(free_port)
SMTP_PORT=$(free_port)
step "starting the container on 127.0.0.1:$PORT (sandbox on :$SMTP_PORT) with --memory=$MEMORY"
started=$(date +%s%N)
# No swap beyond the limit: the limit is all the container has.
"${RUN[@]}" run -d --name "$NAME" --ulimit nofile=20000:20000 --ulimit nproc=4096:4096 \
  --memory "$MEMORY" --memory-swap "$MEMORY" -e SITE_SANDBOX_SMTPPORT=2525 \
  -p "127.0.0.1:$PORT:8080" -p "127.0.0.1:$SMTP_PORT:2525" "$TAG" > /dev/null
BASE="http://127.0.0.1:$PORT"

until curl -fs "$BASE/actuator/health" > /dev/null 2>&1; do
  [ "$(( ($(date +%s%N) - started) / 1000000000 ))" -lt 90 ] || fail "no answer from /actuator/health in 90 s"
  [ "$("${RUN[@]}" inspect --format '{{.State.Running}}' "$NAME")" = true ] || fail "the container stopped"
  sleep 0.2
done
step "/actuator/health answered $(( ($(date +%s%N) - started) / 1000000 )) ms after start"

# The image starts on the code Spring AOT generated at build time (-Dspring.aot.enabled=true):
# a bean AOT cannot handle fails here, not in a self-hoster's upgrade.
# The log goes to a file first: with pipefail, `logs | grep -q` fails whenever grep stops reading
# before podman has written the whole log (podman then dies of SIGPIPE), as it did in CI.
"${RUN[@]}" logs "$NAME" > "$WORK/start.log" 2>&1 || fail "the container's log cannot be read"
grep -qF "Starting AOT-processed SmtpReferenceApplication" "$WORK/start.log" \
  || fail "the container did not start with Spring AOT (spring.aot.enabled)"
step "started with Spring AOT"

health=$(curl -fs "$BASE/actuator/health")
case "$health" in *'"UP"'*) ;; *) fail "/actuator/health says $health" ;; esac

# The image's own HEALTHCHECK, run now rather than waiting for its interval.
for _ in $(seq 1 30); do
  "${RUN[@]}" healthcheck run "$NAME" > /dev/null 2>&1 && break
  sleep 1
done
state=$("${RUN[@]}" inspect --format '{{.State.Health.Status}}' "$NAME")
[ "$state" = healthy ] || fail "HEALTHCHECK state is '$state'"
step "HEALTHCHECK state: $state"

home=$(curl -fs "$BASE/")
case "$home" in *'<html lang="en"'*) ;; *) fail "/ is not the English home page" ;; esac
ehlo=$(curl -fs "$BASE/commands/ehlo?lang=tr")
case "$ehlo" in *'<html lang="tr"'*EHLO*) ;; *) fail "/commands/ehlo?lang=tr is not the Turkish EHLO page" ;; esac
info=$(curl -fs "$BASE/actuator/info")
case "$info" in *'"version"'*) ;; *) fail "/actuator/info has no version: $info" ;; esac
step "pages and info answer: / , /commands/ehlo?lang=tr, /actuator/info"

uid=$("${RUN[@]}" exec "$NAME" sh -c 'id -u')
user=$("${RUN[@]}" top "$NAME" user | awk 'NR > 1 { print $1 }' | sort -u | tr '\n' ' ')
[ "$uid" != 0 ] || fail "the container runs as root"
case " $user " in *" root "*) fail "a process in the container runs as root: $user" ;; esac
step "runs as uid $uid (${user% })"

# The memory attacks of the security review, through the published ports, under the limit.
# abuse.py probes / every 100 ms meanwhile, prints RSS (the container's java is its first
# process) and exits non-zero when /actuator/health no longer answers UP after an attack.
pid=$("${RUN[@]}" inspect --format '{{.State.Pid}}' "$NAME")
step "memory attacks: SMTP client that never reads, 1,000 live-view subscribers, playground x 64"
set +e
python3 bench/abuse.py --url "$BASE" --smtp "127.0.0.1:$SMTP_PORT" --pid "$pid" \
  noread-1 subscribers playground-load 2>&1 | sed 's/^/    /'
attacked=${PIPESTATUS[0]}
set -e
read -r oom_killed exit_code running < <("${RUN[@]}" inspect \
  --format '{{.State.OOMKilled}} {{.State.ExitCode}} {{.State.Running}}' "$NAME")
[ "$oom_killed" != true ] && [ "$exit_code" != 137 ] \
  || fail "the container was OOM-killed under --memory=$MEMORY (exit $exit_code)"
[ "$running" = true ] || fail "the container stopped during the memory attacks (exit $exit_code)"
[ "$attacked" = 0 ] || fail "the site stopped answering /actuator/health during the memory attacks"
step "memory attacks held under --memory=$MEMORY"

# The AOT cache the build recorded is one this image's JVM and jar can use: with AOTMode=on
# the JVM refuses to start otherwise (the ENTRYPOINT's default mode would go on without it).
# Started as the ENTRYPOINT starts it, with its JVM options, under the same limit.
mapfile -t entrypoint < <(podman image inspect --format '{{json .Config.Entrypoint}}' "$TAG" \
  | python3 -c 'import json, sys; print("\n".join(json.load(sys.stdin)))')
[ "${entrypoint[0]:-}" = java ] || fail "the ENTRYPOINT does not start java: ${entrypoint[*]}"
"${RUN[@]}" run --rm --ulimit nofile=20000:20000 --ulimit nproc=4096:4096 --memory "$MEMORY" \
  --entrypoint java "$TAG" -XX:AOTMode=on -Dspring.context.exit=onRefresh "${entrypoint[@]:1}" \
  --server.port=0 > "$WORK/aot.log" 2>&1 \
  || { tail -n 20 "$WORK/aot.log" >&2; fail "the image's AOT cache cannot be used"; }
step "the AOT cache is used (AOTMode=on starts)"

step "image test passed"
