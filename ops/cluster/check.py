#!/usr/bin/env python3
"""Checks that Inkwell works through ops/cluster: HAProxy, two APIs, two workers, PgBouncer.

Starts a cluster of its own (ops/cluster/up, a fresh database), then, each check failing the run:
a write through HAProxy is read back from every API instance directly, edits included (no
instance serves a stale copy); the sign-in limit holds across the instances and counts each
client address apart behind HAProxy; a bulk update runs on the workers behind PgBouncer and every
instance sees its result; a backup is made and verified, and passes its restore check; api-1
stopped with SIGTERM while clients read through HAProxy fails none of their requests; no process
logged an error. Stops the cluster (ops/cluster/down) unless --keep. Exit status 0 when all pass.
"""
import argparse
import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cluster as cl  # noqa: E402  (the run folder's state and the admin's name)

LIMIT = 120  # seconds any awaited outcome gets


class Failed(Exception):
    pass


def call(base, method, path, body=None, token=None, source=None, headers=None):
    """One request to base (http://host:port) from the local address source; (status, JSON or text)."""
    host, port = base.removeprefix("http://").split("/")[0].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0) if source else None)
    try:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if token:
            all_headers["Authorization"] = "Bearer " + token
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        try:
            return response.status, json.loads(data) if data else None
        except ValueError:
            return response.status, data.decode(errors="replace")
    finally:
        connection.close()


def expect(what, condition, detail=""):
    if not condition:
        raise Failed(f"{what}: {detail}")
    print(f"ok: {what}", flush=True)


def poll(what, step, done):
    deadline = time.monotonic() + LIMIT
    last = None
    while time.monotonic() < deadline:
        last = step()
        if done(last):
            return last
        time.sleep(0.25)
    raise Failed(f"{what}: not after {LIMIT} s (last: {str(last)[:300]})")


def checks(state, dir):
    lb = state["addresses"]["api"].removesuffix("/api")
    instances = [u.removesuffix("/api") for u in state["addresses"]["api instances (direct, not through HAProxy)"].split()]
    password = (dir / "admin-password").read_text().strip()
    status, answer = call(lb, "POST", "/api/tokens", {"username": cl.ADMIN, "password": password})
    expect("sign-in through HAProxy", status in (200, 201), f"{status} {answer}")
    token = answer["token"]

    # A write through HAProxy, read from every instance directly; then edits, each read everywhere.
    tag = "cluster-" + uuid.uuid4().hex[:8]
    status, post = call(lb, "POST", "/api/posts", {"title": "Written through HAProxy", "content": "One write, two readers.",
                                                  "tags": [tag], "published": True}, token)
    expect("a post created through HAProxy", status == 201, f"{status} {post}")
    pid = post["id"]
    for round in range(1, 7):
        for base in instances:
            status, read = call(base, "GET", f"/api/posts/{pid}")
            expect(f"round {round}: {base} reads the latest title", status == 200 and read["title"] == post["title"],
                   f"{status} {read if status != 200 else read['title']!r}, wrote {post['title']!r}")
        status, post = call(lb, "PATCH", f"/api/posts/{pid}", {"title": f"Edited through HAProxy, round {round}"}, token)
        if status != 200:
            raise Failed(f"PATCH through HAProxy: {status} {post}")

    # The sign-in limit (a burst of 10 per client, refilled at 20 a minute) is one bucket across both
    # instances, per client address: 20 attempts at once from one address through HAProxy (half of
    # them to each instance) are refused beyond the burst. A new username each time keeps the
    # per-account limit of failures out of it.
    source = "127.0.0.3"
    with ThreadPoolExecutor(20) as pool:
        statuses = list(pool.map(lambda i: call(lb, "POST", "/api/tokens", {"username": f"nobody{i}", "password": "wrong"},
                                                source=source)[0], range(20)))
    expect("the sign-in limit holds across the instances (20 at once: at most 10 and a refill let through)",
           statuses.count(429) >= 8 and set(statuses) <= {401, 429}, f"{sorted(statuses)}")
    other = call(lb, "POST", "/api/tokens", {"username": "nobody99", "password": "wrong"}, source="127.0.0.4")[0]
    expect("another client address behind HAProxy has its own limit", other != 429, f"{other}")

    # A bulk update on the workers (behind PgBouncer), seen by every instance.
    ids = [pid]
    for i in range(4):
        status, p = call(lb, "POST", "/api/posts", {"title": f"Bulk {i}", "content": "to be tagged", "tags": [tag],
                                                   "published": True}, token)
        ids.append(p["id"])
        for base in instances:  # cached everywhere first, so the worker must drop the copies
            call(base, "GET", f"/api/posts/{p['id']}")
    added = tag + "-bulk"
    status, job = call(lb, "POST", "/api/posts/bulk-update", {"ids": ids, "set": {"add_tags": [added]}}, token)
    expect("bulk update accepted", status == 202, f"{status} {job}")
    started = time.monotonic()
    done = poll("the bulk update", lambda: call(lb, "GET", f"/api/jobs/{job['job_id']}", token=token),
                lambda r: r[0] == 200 and r[1]["state"] in ("succeeded", "failed"))
    expect(f"bulk update succeeded ({time.monotonic() - started:.1f} s)", done[1]["state"] == "succeeded", f"{done[1]}")
    for base in instances:
        for i in ids:
            status, read = call(base, "GET", f"/api/posts/{i}")
            expect(f"{base} sees post {i}'s new tag", status == 200 and added in read["tags"], f"{status} {read}")

    # A backup (pg_dump of an exported snapshot, under a session lock) and its restore check.
    status, backup = call(lb, "POST", "/api/admin/backups", token=token)
    expect("backup accepted", status == 202, f"{status} {backup}")
    made = poll("the backup", lambda: call(lb, "GET", f"/api/admin/backups/{backup['job_id']}", token=token),
                lambda r: r[0] == 200 and r[1]["state"] != "running")
    expect("backup verified", made[1]["state"] == "verified", f"{made[1]}")
    status, check = call(lb, "POST", "/api/admin/backups/restore-check", token=token)
    expect("restore check accepted", status == 202, f"{status} {check}")
    checked = poll("the restore check", lambda: call(lb, "GET", f"/api/jobs/{check['job_id']}", token=token),
                   lambda r: r[0] == 200 and r[1]["state"] in ("succeeded", "failed"))
    expect("restore check succeeded", checked[1]["state"] == "succeeded", f"{checked[1]}")


def drain(state):
    """api-1 stopped with SIGTERM while four clients read through HAProxy: not one request fails
    (the API turns not ready at once and serves 5 s more; HAProxy takes it out within 2 s)."""
    lb = state["addresses"]["api"].removesuffix("/api")
    api = next(p for p in state["processes"] if p["name"] == "api-1")
    statuses, stop = [], threading.Event()

    def read():
        while not stop.is_set():
            try:
                statuses.append(call(lb, "GET", "/api/posts?per_page=1")[0])
            except OSError as e:
                statuses.append(repr(e))

    readers = [threading.Thread(target=read) for _ in range(4)]
    for r in readers:
        r.start()
    time.sleep(1)
    os.kill(api["pid"], signal.SIGTERM)
    poll("api-1 to stop", lambda: cl.start_time(api["pid"]), lambda started: started != api["start_time"])
    time.sleep(1)
    stop.set()
    for r in readers:
        r.join()
    failed = [x for x in statuses if x != 200]
    expect(f"api-1 stopped (SIGTERM) under reads through HAProxy: {len(statuses)} requests, none failed",
           statuses and not failed, f"{len(failed)} failed: {failed[:10]}")


# The lines of each kind of process's log that tell of an error (request log lines do not).
# Two warnings are not errors: the start's "initialized dependency has not yet recovered" (not ready
# until first checked) and JobRunr's "slow performance" of a job filter (a cold JVM on a busy machine).
JAVA = re.compile(r"^(ERROR|WARN) (?!.*(initialized dependency has not yet recovered|has slow performance of))|Exception")
ERRORS = {"api": JAVA, "worker": JAVA,
          "pgbouncer": re.compile(r" (WARNING|ERROR|FATAL) "), "haproxy": re.compile(r"\[(WARNING|ALERT)\]")}


def log_errors(state, texts):
    """Error lines of every process's log (texts: a log's text read earlier, instead of the file's now)."""
    found = []
    for p in state["processes"]:
        pattern = ERRORS[p["kind"]]
        text = texts.get(p["log"]) or Path(p["log"]).read_text(errors="replace")
        for line in text.splitlines():
            if pattern.search(line):
                found.append(f"{p['name']}: {line[:300]}")
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(HERE / "run-check"), help="run folder (default ops/cluster/run-check)")
    parser.add_argument("--keep", action="store_true", help="leave the cluster running afterwards")
    parser.add_argument("--running", action="store_true", help="check the cluster already running in --dir: no up, no down")
    parser.add_argument("--database", default="inkwell_cluster_check", help="database, dropped and created (default inkwell_cluster_check)")
    args = parser.parse_args()
    dir = Path(args.dir).resolve()
    if not args.running:
        subprocess.run([str(HERE / "up"), "--dir", str(dir), "--database", args.database, "--namespace", args.database,
                        "--fresh"], check=True)
    state = json.loads((dir / cl.STATE).read_text())
    failure = None
    haproxy = next(p for p in state["processes"] if p["kind"] == "haproxy")
    before_down = ""
    try:
        checks(state, dir)
        # HAProxy's log is read up to here: from the drain on, it rightly says which APIs went away.
        before_down = Path(haproxy["log"]).read_text(errors="replace")
        if not args.running:
            drain(state)
    except Failed as e:
        failure = str(e)
    finally:
        before_down = before_down or Path(haproxy["log"]).read_text(errors="replace")
        if not args.keep and not args.running:
            subprocess.run([str(HERE / "down"), "--dir", str(dir)], check=False)
    errors = log_errors(state, {haproxy["log"]: before_down})
    for line in errors:
        print(f"logged: {line}")
    if failure:
        raise SystemExit(f"FAILED: {failure}")
    if errors:
        raise SystemExit(f"FAILED: {len(errors)} error lines in the logs (above)")
    print("cluster check passed")


if __name__ == "__main__":
    main()
