#!/usr/bin/env python3
"""Times POST /api/v1/decode on one keep-alive connection: texts of 4, 16 and 64 KiB, each
sent many times, one request at a time, so each figure is the time of one decode plus one
loopback round trip. Prints mean, p50 and p99 per size, and the decode time per KiB as the
slope between the smallest and the largest text (which leaves out the fixed cost of a
request). Python 3 standard library only.

Usage: bench/decode.py --url http://127.0.0.1:18080 [--requests 300] [--warm-up 200]
"""

import argparse
import http.client
import json
import statistics
import sys
import time
import urllib.parse

KIB = 1024

# A mail log and a bounce as they are pasted: Postfix and Exim deliveries, a client
# library's error, a delivery-status notification and the returned message's text.
UNIT = """\
Mar 11 08:01:55 mx1 postfix/smtp[4711]: 9A8B7C6D5E: to=<alice@example.org>, relay=mail.example.org[198.51.100.7]:25, delay=301, delays=0.02/0/300/0, dsn=4.7.1, status=deferred (host mail.example.org[198.51.100.7] said: 450 4.7.1 <alice@example.org>: Recipient address rejected: Greylisted (in reply to RCPT TO command))
2024-02-05 10:14:20 1rABCe-000456-7Y == carol@example.org R=dnslookup T=remote_smtp defer (-44) H=mx.example.org [198.51.100.20]: SMTP error from remote mail server after RCPT TO:<carol@example.org>: 451 4.7.1 Greylisted, please try again later
SMTP error: {'bob@example.com': (550, b'5.1.1 <bob@example.com>: Recipient address rejected: User unknown in virtual mailbox table')}

Final-Recipient: rfc822; bob@example.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.com
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: Recipient address rejected:
    User unknown in virtual mailbox table

Here are the figures for the third quarter, as discussed on the call
last week: revenue 1250 up 4.2 percent, costs 980, margin 270 at 21.6.
"""

# The shape the security review found costly: a code on every short line.
CRAFTED = "550 \n"


def text(unit, size):
    return (unit * (size // len(unit) + 1))[:size]


def largest_text(unit, limit=64 * KIB):
    low, high = 0, limit
    while low < high:
        middle = (low + high + 1) // 2
        if len(json.dumps({"text": text(unit, middle)}).encode()) <= limit:
            low = middle
        else:
            high = middle - 1
    return low


def post(conn, body):
    start = time.perf_counter()
    conn.request("POST", "/api/v1/decode", body=body, headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    data = response.read()
    seconds = time.perf_counter() - start
    if response.status != 200:
        sys.exit(f"unexpected answer {response.status}: {data[:200]!r}")
    return seconds, json.loads(data)


def p(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=200)
    args = parser.parse_args()
    url = urllib.parse.urlsplit(args.url)
    if url.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit("only loopback is benchmarked")
    conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)

    bodies = {}
    sizes = {}
    for name, unit in (("realistic", UNIT), ("crafted", CRAFTED)):
        # The largest text the API takes: its body, with the JSON quoting of the line
        # breaks, must stay within 64 KiB.
        largest = largest_text(unit)
        sizes[name] = [4 * KIB, 16 * KIB, largest]
        for size in sizes[name]:
            bodies[(name, size)] = json.dumps({"text": text(unit, size)})
    seconds, answer = post(conn, bodies[("realistic", sizes["realistic"][-1])])
    if not answer["complete"] or not answer["findings"] or not answer["recipients"]:
        sys.exit(f"the realistic text was not read whole: {json.dumps(answer)[:300]}")
    print(f"warming up with {args.warm_up} requests of each text ...")
    for _ in range(args.warm_up):
        for body in bodies.values():
            post(conn, body)

    print(f"{'text':10} {'KiB':>5} {'body':>6} {'mean ms':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}")
    means = {}
    for (name, size), body in bodies.items():
        times = [post(conn, body)[0] * 1000 for _ in range(args.requests)]
        means[(name, size)] = statistics.mean(times)
        print(f"{name:10} {size / KIB:>5.1f} {len(body):>6} {statistics.mean(times):>8.2f} "
              f"{p(times, 0.5):>7.2f} {p(times, 0.99):>7.2f} {max(times):>7.2f}")
    for name in ("realistic", "crafted"):
        small, large = sizes[name][0], sizes[name][-1]
        slope = (means[(name, large)] - means[(name, small)]) / ((large - small) / KIB)
        print(f"{name}: decode time per KiB {slope * 1000:.1f} us (slope of the mean between "
              f"{small / KIB:.0f} and {large / KIB:.1f} KiB; {args.requests} requests each, one at a time)")


if __name__ == "__main__":
    main()
