"""Waits for a starting application's first 200 of / and then for its readiness, and prints
both as milliseconds since the launch: "FIRST READY".

    python3 bench/first200.py LAUNCH_NS PORT PID

LAUNCH_NS is the wall clock at launch in nanoseconds (date +%s%N). One process polls every
5 ms with a plain socket; a curl started 100 times a second took a share of the two cores
from the very start it measured. Exits with 1 when the process PID ends first.
"""
import http.client
import os
import sys
import time


def alive(pid):
    try:
        os.kill(pid, 0)
        return True
    except OSError:
        return False


def get(port, path):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait(port, pid, path, done):
    while True:
        try:
            status, body = get(port, path)
            if done(status, body):
                return time.time_ns()
        except (OSError, http.client.HTTPException):
            pass
        if not alive(pid):
            sys.exit(1)
        time.sleep(0.005)


def main():
    launch, port, pid = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    first = wait(port, pid, "/", lambda status, body: status == 200)
    ready = wait(port, pid, "/actuator/health/readiness", lambda status, body: b'"UP"' in body)
    print((first - launch) // 1_000_000, (ready - launch) // 1_000_000)


main()
