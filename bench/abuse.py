#!/usr/bin/env python3
"""The attacks of the security review (issue 17) against a running site, on loopback only.

Two ways to use it:
  abuse.py --jar JAR [attack ...]   starts a fresh app (and redis-server for the Redis attack)
                                    for each attack on free loopback ports, then stops it
  abuse.py --url URL --smtp HOST:PORT [--pid PID] attack ...
                                    attacks a site that is already running (the image test);
                                    exits 1 when /actuator/health stops answering

While an attack runs, a probe fetches / every 100 ms (5 s timeout) and the app's resident memory
is read from /proc/PID/status. Each attack prints: worst probe latency, failed probes, the longest
run of failed probes, RSS before, at its peak and after, and its own figure. Every attack is
bounded in count and time; every process started here is stopped here.
Python 3 standard library only.
"""

import argparse
import http.client
import json
import os
import random
import re
import resource
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

LOOPBACK = ("127.0.0.1", "::1", "localhost")
PROBE_EVERY = 0.1
PROBE_TIMEOUT = 5.0


def log(text):
    print(text, flush=True)


# ---------------------------------------------------------------- target, probe, memory


class Target:
    """Where the site and its sandbox listener answer, and the process whose memory counts."""

    def __init__(self, url, smtp=None, pid=None):
        parts = urllib.parse.urlsplit(url)
        if parts.hostname not in LOOPBACK:
            raise SystemExit(f"refusing to attack {url}: loopback only")
        self.url = url.rstrip("/")
        self.host = parts.hostname
        self.port = parts.port or 80
        self.smtp = smtp
        if smtp is not None and smtp[0] not in LOOPBACK:
            raise SystemExit(f"refusing to attack {smtp}: loopback only")
        self.pid = pid

    def connection(self, timeout):
        return http.client.HTTPConnection(self.host, self.port, timeout=timeout)

    def rss_mb(self):
        if self.pid is None:
            return None
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None


def request(target, method, path, body=None, headers=None, timeout=30.0):
    """One request on a fresh connection: (status, body bytes, seconds); status None on failure."""
    started = time.monotonic()
    conn = target.connection(timeout)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, data, time.monotonic() - started
    except (OSError, http.client.HTTPException):
        return None, b"", time.monotonic() - started
    finally:
        conn.close()


class Probe:
    """Fetches / every 100 ms and samples RSS until stopped."""

    def __init__(self, target):
        self.target = target
        self.latencies = []
        self.failed = 0
        self.longest_outage = 0.0
        self.rss_peak = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(PROBE_TIMEOUT + 2)

    def _sample_rss(self):
        rss = self.target.rss_mb()
        if rss is not None and (self.rss_peak is None or rss > self.rss_peak):
            self.rss_peak = rss

    def _run(self):
        outage_started = None
        while not self._stop.is_set():
            tick = time.monotonic()
            status, _, seconds = request(self.target, "GET", "/", timeout=PROBE_TIMEOUT)
            self.latencies.append(seconds)
            if status != 200:
                self.failed += 1
                if outage_started is None:
                    outage_started = tick
            elif outage_started is not None:
                self.longest_outage = max(self.longest_outage, time.monotonic() - outage_started)
                outage_started = None
            self._sample_rss()
            self._stop.wait(max(0.0, PROBE_EVERY - (time.monotonic() - tick)))
        if outage_started is not None:
            self.longest_outage = max(self.longest_outage, time.monotonic() - outage_started)

    def worst_ms(self):
        return max(self.latencies) * 1000 if self.latencies else float("nan")


def join_all(threads, until):
    """Waits for the threads until a monotonic deadline, in all (not per thread)."""
    for thread in threads:
        thread.join(max(0.0, until - time.monotonic()))


# ---------------------------------------------------------------- the attacks


def realistic_bounce(limit):
    """A bounce as a mail server sends it (DSN with headers, diagnostics and the returned
    message), cut to at most `limit` bytes once JSON-encoded."""
    head = [
        "Return-Path: <>",
        "Received: from mx1.example.net (mx1.example.net [192.0.2.25])",
        "\tby mail.example.org (Postfix) with ESMTPS id 4Q9ZxL2kR1z9sWd",
        "\tfor <alice@example.org>; Sun, 6 Dec 2026 10:12:44 +0000 (UTC)",
        "Date: Sun, 6 Dec 2026 10:12:44 +0000 (UTC)",
        "From: MAILER-DAEMON@mx1.example.net (Mail Delivery System)",
        "Subject: Undelivered Mail Returned to Sender",
        "To: alice@example.org",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B1"',
        "",
        "--B1",
        "Content-Description: Notification",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "This is the mail system at host mx1.example.net.",
        "",
        "I'm sorry to have to inform you that your message could not",
        "be delivered to one or more recipients. It's attached below.",
        "",
    ]
    reasons = [
        "550 5.1.1 <{r}>: Recipient address rejected: User unknown in virtual mailbox table",
        "552 5.2.2 <{r}>: Mailbox full, quota exceeded",
        "554 5.7.1 <{r}>: Relay access denied",
        "450 4.2.0 <{r}>: Recipient address rejected: Greylisted, see https://example.net/grey",
        "421 4.7.0 mx.example.com Too many concurrent SMTP connections; please try again later",
    ]
    human, status = [], []
    for n in range(24):
        rcpt = f"user{n}@example.com"
        reason = reasons[n % len(reasons)].format(r=rcpt)
        human += [f"<{rcpt}>: host mx.example.com[198.51.100.{n + 7}] said: {reason} (in reply to RCPT TO command)", ""]
        status += [
            f"Final-Recipient: rfc822; {rcpt}",
            f"Original-Recipient: rfc822;{rcpt}",
            "Action: failed" if reason[0] == "5" else "Action: delayed",
            f"Status: {reason.split()[1]}",
            "Remote-MTA: dns; mx.example.com",
            f"Diagnostic-Code: smtp; {reason}",
            "",
        ]
    dsn = ["--B1", "Content-Description: Delivery report", "Content-Type: message/delivery-status", "",
           "Reporting-MTA: dns; mx1.example.net", "X-Postfix-Queue-ID: 4Q9ZxL2kR1z9sWd",
           "Arrival-Date: Sun, 6 Dec 2026 10:12:40 +0000 (UTC)", ""]
    original = ["--B1", "Content-Description: Undelivered Message", "Content-Type: message/rfc822", "",
                "Received: by mail.example.org (Postfix, from userid 1000) id 9F1C2E0B3A; Sun, 6 Dec 2026 10:12:39 +0000",
                "From: Alice <alice@example.org>", "To: Team <team@example.com>", "Subject: Minutes of Thursday's meeting",
                "Message-ID: <20261206101239.9F1C2E0B3A@mail.example.org>", "Content-Type: text/plain; charset=utf-8", ""]
    words = ("the meeting agreed that the release goes out on Monday after the last review of the "
             "delivery settings and the relay limits we discussed with the hosting team last week").split()
    rnd = random.Random(17)
    lines = head + human + dsn + status + original
    while True:
        line = " ".join(rnd.choice(words) for _ in range(11)).capitalize() + "."
        if len(json.dumps({"text": "\n".join(lines + [line, "--B1--"])}, separators=(",", ":"))) > limit:
            break
        lines.append(line)
    return "\n".join(lines + ["--B1--"])


def attack_decode(target, _app):
    """H1: 64 KiB of "550 \\n" to POST /api/v1/decode, and a realistic 64 KiB bounce."""
    figures = []
    crafted = "550 \n" * 10900
    bounce = realistic_bounce(65000)
    for name, text in (("realistic", bounce), ("crafted", crafted)):
        body = json.dumps({"text": text}, separators=(",", ":")).encode()
        status, data, seconds = request(target, "POST", "/api/v1/decode", body=body,
                                        headers={"Content-Type": "application/json"}, timeout=120)
        figures.append(f"{name} {len(body) // 1024} KiB ({text.count(chr(10)) + 1} lines): "
                       f"{status or 'no answer'} in {seconds * 1000:.0f} ms")
    return "; ".join(figures)


def attack_offline(target, app, clients=300, window=60.0):
    """H2: 300 pre-connected first requests to /offline.json?lang=en right after start."""
    barrier = threading.Barrier(clients + 1)
    results = []
    lock = threading.Lock()
    deadline = [0.0]

    def client():
        conn = target.connection(window)
        try:
            conn.connect()
        except OSError:
            conn = None
        try:
            barrier.wait(30)
        except threading.BrokenBarrierError:
            return
        started = time.monotonic()
        status = None
        if conn is not None:
            try:
                conn.sock.settimeout(max(0.1, deadline[0] - time.monotonic()))
                conn.request("GET", "/offline.json?lang=en")
                response = conn.getresponse()
                body = response.read()
                status = response.status
                if status == 200 and b'"bytes":0' in body.replace(b" ", b""):
                    status = "200 bytes:0"
            except (OSError, http.client.HTTPException):
                status = None
            finally:
                conn.close()
        with lock:
            results.append((status, time.monotonic() - started))

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.monotonic() + window + 30  # set before the release below
    try:
        barrier.wait(30)
    except threading.BrokenBarrierError:
        return "could not pre-connect the clients"
    deadline[0] = time.monotonic() + window
    join_all(threads, deadline[0] + 1)
    answered = [r for r in results if r[0] is not None]
    codes = {}
    for status, _ in answered:
        codes[status] = codes.get(status, 0) + 1
    figure = f"{len(answered)}/{clients} answered within {window:.0f} s"
    if answered:
        figure += (f" ({', '.join(f'{k}: {v}' for k, v in sorted(codes.items(), key=str))}), "
                   f"last after {max(s for _, s in answered):.1f} s")
    return figure


def attack_noread(target, _app, connections=1, seconds=15.0):
    """H3: SMTP clients that pipeline HELP, never read, with a 4 KiB receive buffer."""
    host, port = target.smtp
    chunk = b"HELP\r\n" * 1024
    sent = [0] * connections
    ends = ["open"] * connections
    deadline = time.monotonic() + seconds

    def client(i):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        sock.settimeout(0.5)
        try:
            if connections > 1 and host == "127.0.0.1":
                sock.bind((f"127.0.0.{2 + i}", 0))  # one address each, as in the report
            sock.connect((host, port))
            while time.monotonic() < deadline:
                try:
                    sent[i] += sock.send(chunk)
                except socket.timeout:
                    continue
        except OSError as e:
            ends[i] = type(e).__name__
        finally:
            sock.close()

    threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(connections)]
    for thread in threads:
        thread.start()
    join_all(threads, deadline + 5)
    per = ", ".join(f"{s / 1e6:.1f} MB ({e})" for s, e in zip(sent, ends))
    return f"{connections} connection(s) for {seconds:.0f} s, bytes the server took: {per}"


def attack_hosts(target, _app, junk=20, seconds=5.0):
    """M2: 20 requests with junk Host values, then the real host's page rate."""
    for i in range(junk):
        request(target, "GET", "/", headers={"Host": f"junk{i}.example"}, timeout=30)

    def rate(host):
        conn = target.connection(10)
        times = []
        end = time.monotonic() + seconds
        try:
            while time.monotonic() < end:
                started = time.monotonic()
                conn.request("GET", "/commands/ehlo", headers={"Host": host})
                conn.getresponse().read()
                times.append(time.monotonic() - started)
        except (OSError, http.client.HTTPException):
            pass
        finally:
            conn.close()
        times.sort()
        p50 = times[len(times) // 2] * 1000 if times else float("nan")
        return f"{len(times) / seconds:.0f} rps, p50 {p50:.1f} ms"

    return (f"after {junk} junk hosts, real host smtp.example.org: {rate('smtp.example.org')}; "
            f"warm-up host {target.host}:{target.port}: {rate(f'{target.host}:{target.port}')}")


def attack_playground_form(target, _app):
    """M3: POST /playground (the form) with 1,000 x EHLO a.example."""
    body = urllib.parse.urlencode({"transcript": "EHLO a.example\n" * 1000}).encode()
    status, data, seconds = request(target, "POST", "/playground", body=body,
                                    headers={"Content-Type": "application/x-www-form-urlencoded"}, timeout=120)
    return f"{len(body) // 1024} KiB form: {status or 'no answer'} in {seconds * 1000:.0f} ms, {len(data) / 1e6:.2f} MB of HTML"


def attack_playground_load(target, _app, clients=64, seconds=20.0):
    """Report #23: 64 concurrent POST /api/v1/playground with a 64 KiB body."""
    # 736 lines of 86 characters: just under the API's 64 KiB body limit, as in the report.
    lines = [("EHLO " + "h" * 77 + f"{n:04d}.example")[:86] for n in range(736)]
    body = json.dumps({"lines": lines}, separators=(",", ":")).encode()
    counts = {}
    times = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client():
        while time.monotonic() < deadline:
            status, _, took = request(target, "POST", "/api/v1/playground", body=body,
                                      headers={"Content-Type": "application/json"}, timeout=30)
            with lock:
                counts[status] = counts.get(status, 0) + 1
                times.append(took)

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    join_all(threads, deadline + 35)
    times.sort()
    p99 = times[int(len(times) * 0.99)] * 1000 if times else float("nan")
    return (f"{clients} clients x {len(body) // 1024} KiB for {seconds:.0f} s: {len(times) / seconds:.0f} rps, "
            f"p99 {p99:.0f} ms, answers {', '.join(f'{k}: {v}' for k, v in sorted(counts.items(), key=str))}")


def smtp_session(target):
    """Opens a sandbox session and reads its id from the 220 greeting."""
    sock = socket.create_connection(target.smtp, timeout=15)
    greeting = b""
    while not greeting.endswith(b"\r\n"):
        data = sock.recv(4096)
        if not data:
            break
        greeting += data
    found = re.search(rb"session ([0-9a-f]{32})", greeting)
    if not found:
        sock.close()
        raise RuntimeError(f"no session id in the greeting: {greeting[:200]!r}")
    return sock, found.group(1).decode()


def attack_subscribers(target, _app, subscribers=1000):
    """Report #15: 1,000 live-view (SSE) subscribers on one sandbox session, then one NOOP."""
    smtp, session = smtp_session(target)
    path = f"/sandbox/{session}/events"
    selector = selectors.DefaultSelector()
    socks = []
    ok = 0
    started = time.monotonic()
    request_bytes = (f"GET {path} HTTP/1.1\r\nHost: {target.host}:{target.port}\r\n"
                     "Accept: text/event-stream\r\n\r\n").encode()
    try:
        for _ in range(subscribers):
            if time.monotonic() - started > 60:
                break
            try:
                sock = socket.create_connection((target.host, target.port), timeout=10)
                sock.sendall(request_bytes)
                head = sock.recv(4096)
            except OSError:
                continue
            socks.append(sock)
            if head.startswith(b"HTTP/1.1 200"):
                ok += 1
                sock.setblocking(False)
                selector.register(sock, selectors.EVENT_READ)
        opened = time.monotonic() - started
        time.sleep(3)
        for key, _ in selector.select(0):  # drop what arrived so far (backlog, keep-alives)
            try:
                while key.fileobj.recv(65536):
                    pass
            except (BlockingIOError, OSError):
                pass
        smtp.sendall(b"NOOP\r\n")
        got = set()
        end = time.monotonic() + 5
        while time.monotonic() < end and len(got) < ok:
            for key, _ in selector.select(0.2):
                try:
                    if key.fileobj.recv(65536):
                        got.add(key.fileobj)
                except (BlockingIOError, OSError):
                    pass
        return (f"{ok}/{subscribers} subscribed (200) in {opened:.1f} s; "
                f"one NOOP reached {len(got)} of them within 5 s")
    finally:
        for sock in socks:
            sock.close()
        smtp.close()


def attack_redis(target, app, views=260, window=20.0):
    """H4: SIGSTOP redis-server while 260 concurrent /sandbox/<random id> views run, then SIGCONT."""
    if app is None or app.redis is None:
        return "skipped: needs the app started here with its redis-server"
    counts = {}
    slowest = [0.0]
    lock = threading.Lock()
    deadline = time.monotonic() + window

    def viewer():
        while time.monotonic() < deadline:
            status, _, took = request(target, "GET", f"/sandbox/{random.getrandbits(128):032x}", timeout=window + 10)
            with lock:
                counts[status] = counts.get(status, 0) + 1
                slowest[0] = max(slowest[0], took)

    os.kill(app.redis.pid, signal.SIGSTOP)
    try:
        threads = [threading.Thread(target=viewer, daemon=True) for _ in range(views)]
        for thread in threads:
            thread.start()
        join_all(threads, deadline)
    finally:
        os.kill(app.redis.pid, signal.SIGCONT)
    join_all(threads, time.monotonic() + 12)
    return (f"redis stopped {window:.0f} s under {views} concurrent views: answers "
            f"{', '.join(f'{k}: {v}' for k, v in sorted(counts.items(), key=str))}; slowest view {slowest[0]:.1f} s")


ATTACKS = {
    "decode": attack_decode,
    "offline": attack_offline,
    "noread-1": lambda t, a: attack_noread(t, a, 1),
    "noread-5": lambda t, a: attack_noread(t, a, 5),
    "hosts": attack_hosts,
    "playground-form": attack_playground_form,
    "playground-load": attack_playground_load,
    "subscribers": attack_subscribers,
    "redis": attack_redis,
}
DEFAULT = ["decode", "offline", "noread-1", "noread-5", "hosts", "playground-form", "subscribers", "redis"]


# ---------------------------------------------------------------- starting and stopping the app


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(process, wait=5):
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGCONT)  # a stopped redis-server cannot die otherwise
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(wait)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)
    except ProcessLookupError:
        pass


class App:
    """The packaged jar, started with -Xmx256m and the sandbox on, on free loopback ports."""

    def __init__(self, jar, work, redis=False, heap="-Xmx256m"):
        self.work = tempfile.mkdtemp(dir=work)
        self.redis = None
        self.process = None
        http_port, smtp_port = free_port(), free_port()
        args = [f"--server.port={http_port}", f"--site.sandbox.smtp-port={smtp_port}",
                "--site.sandbox.bind-address=127.0.0.1"]
        if redis:
            redis_port = free_port()
            self.redis = subprocess.Popen(
                ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                 "--dir", self.work], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
            args += ["--site.sandbox.store=redis", "--spring.data.redis.host=127.0.0.1",
                     f"--spring.data.redis.port={redis_port}"]
        self.log = os.path.join(self.work, "app.log")
        with open(self.log, "w") as out:
            self.process = subprocess.Popen(
                ["java", heap, f"-Djava.io.tmpdir={self.work}", "-jar", jar] + args,
                stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        self.target = Target(f"http://127.0.0.1:{http_port}", ("127.0.0.1", smtp_port), self.process.pid)

    def wait_ready(self, timeout=180):
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if self.process.poll() is not None:
                break
            status, body, _ = request(self.target, "GET", "/actuator/health", timeout=2)
            if status == 200 and b'"UP"' in body:
                return
            time.sleep(0.2)
        with open(self.log) as out:
            tail = out.read()[-3000:]
        raise RuntimeError(f"the app did not become ready:\n{tail}")

    def close(self):
        stop(self.process)
        stop(self.redis)
        shutil.rmtree(self.work, ignore_errors=True)


def run(name, target, app):
    before = target.rss_mb()
    with Probe(target) as probe:
        started = time.monotonic()
        try:
            figure = ATTACKS[name](target, app)
        except Exception as e:  # an attack that breaks is a result, not a reason to stop the bench
            figure = f"attack failed: {type(e).__name__}: {e}"
        took = time.monotonic() - started
        time.sleep(1)  # the probe's view of the moment after
    after = target.rss_mb()
    row = {
        "attack": name, "seconds": took, "worst_ms": probe.worst_ms(), "failed": probe.failed,
        "probes": len(probe.latencies), "outage": probe.longest_outage,
        "rss": (before, probe.rss_peak, after), "figure": figure,
    }
    mb = lambda v: "-" if v is None else f"{v:.0f}"
    log(f"== {name}: {took:.1f} s; probes: worst {row['worst_ms']:.0f} ms, failed {probe.failed}/{len(probe.latencies)}, "
        f"longest outage {probe.longest_outage:.1f} s; RSS MB before/peak/after {mb(before)}/{mb(probe.rss_peak)}/{mb(after)}")
    log(f"   {figure}")
    return row


def answers_up(target, within):
    """Whether /actuator/health answers UP at some point in the next `within` seconds."""
    end = time.monotonic() + within
    while True:
        status, body, _ = request(target, "GET", "/actuator/health", timeout=5)
        if status == 200 and b'"UP"' in body:
            return True
        if time.monotonic() >= end:
            return False
        time.sleep(1)


def table(rows):
    mb = lambda v: "-" if v is None else f"{v:.0f}"
    log("\n| attack | worst probe | failed probes | longest outage | RSS MB before / peak / after | figure |")
    log("|---|---|---|---|---|---|")
    for r in rows:
        log(f"| {r['attack']} | {r['worst_ms']:.0f} ms | {r['failed']}/{r['probes']} | {r['outage']:.1f} s | "
            f"{' / '.join(mb(v) for v in r['rss'])} | {r['figure']} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("attacks", nargs="*", help=f"some of {', '.join(ATTACKS)} (default: {' '.join(DEFAULT)})")
    parser.add_argument("--jar", help="start this jar freshly for each attack")
    parser.add_argument("--heap", default="-Xmx256m")
    parser.add_argument("--url", help="attack a site already running here, such as http://127.0.0.1:8080")
    parser.add_argument("--smtp", help="its sandbox listener, HOST:PORT")
    parser.add_argument("--pid", type=int, help="the process whose RSS to report")
    options = parser.parse_args()
    names = options.attacks or DEFAULT
    unknown = [n for n in names if n not in ATTACKS]
    if unknown or bool(options.jar) == bool(options.url):
        parser.error(f"unknown attack {unknown}" if unknown else "give exactly one of --jar and --url")

    # 1,000 subscribers need the descriptors.
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(soft, 8192), hard), hard))
    # SIGTERM (the shell's trap) ends through the finally blocks, which stop what was started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    rows = []
    if options.url:
        host, _, port = (options.smtp or "127.0.0.1:0").rpartition(":")
        target = Target(options.url, (host, int(port)) if options.smtp else None, options.pid)
        healthy = True
        for name in names:
            rows.append(run(name, target, None))
            if not answers_up(target, within=30):
                log(f"/actuator/health has not answered UP for 30 s after {name}: no further attack")
                healthy = False
                break
        table(rows)
        # Slow or failed probes are figures (a loaded machine has them); a dead site is a failure.
        return 0 if healthy else 1

    work = tempfile.mkdtemp(prefix="abuse-")
    try:
        for name in names:
            if name == "redis" and shutil.which("redis-server") is None:
                log("== redis: skipped (no redis-server)")
                continue
            app = App(options.jar, work, redis=(name == "redis"), heap=options.heap)
            try:
                app.wait_ready()
                rows.append(run(name, app.target, app))
            finally:
                app.close()
        table(rows)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
