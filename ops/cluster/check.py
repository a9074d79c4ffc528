#!/usr/bin/env python3
"""Checks that Inkwell works through ops/cluster: HAProxy, two APIs, two workers, PgBouncer.

Starts a cluster of its own (ops/cluster/up, a fresh database seeded with --posts posts), then,
each check failing the run: a write through HAProxy is read back from every API instance directly,
edits included (no instance serves a stale copy); the sign-in limit holds across the instances and
counts each client address apart behind HAProxy; a bulk update runs on the workers behind PgBouncer
and every instance sees its result; a backup is made and verified, and passes its restore check;
the APIs restarted in turn (SIGTERM, start, ready) under reads and writes through HAProxy fail none
of their requests, and a worker restarted in the middle of a bulk update of every post loses
nothing (rolling.py); no process logged an error. Stops the cluster (ops/cluster/down) unless
--keep. Exit status 0 when all pass. More checks: a function of (state, dir) called in main.
"""
import argparse
import json
import re
import subprocess
import sys
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cluster as cl  # noqa: E402  (the run folder's state and the admin's name)
import rolling  # noqa: E402
from probe import Failed, call, expect, poll  # noqa: E402,F401  (check.call: as before)

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


def acceptance(state, dir):
    """The project's black-box acceptance checks (ops/acceptance/run, AcceptanceIT) through HAProxy."""
    run = subprocess.run([str(cl.ROOT / "ops" / "acceptance" / "run"), state["addresses"]["api"], "--admin", cl.ADMIN,
                          "--password-file", str(dir / "admin-password")], cwd=cl.ROOT)
    expect("the acceptance checks through HAProxy (ops/target/failsafe-reports says which failed)", run.returncode == 0,
           f"exit status {run.returncode}")


# What operators scrape, parsed as Prometheus parses it: each family with its type and labels.
API_FAMILIES = {"inkwell_http_requests": ("counter", {"method", "route", "code"}),
                "inkwell_http_request_duration_seconds": ("histogram", {"method", "route"}),
                "inkwell_rate_limit_rejections": ("counter", {"limit"}),
                "inkwell_sign_in_failures": ("counter", set())}
WORKER_FAMILIES = {"inkwell_jobs": ("counter", {"type", "outcome"}),
                   "inkwell_job_duration_seconds": ("histogram", {"type", "outcome"}),
                   "inkwell_bulk_update_chunks": ("counter", set()),
                   "inkwell_backup_last_success_timestamp_seconds": ("gauge", set()),
                   "inkwell_backup_last_size_bytes": ("gauge", set())}


def metrics(state, dir):
    """Every API's and worker's /prometheus, parsed by Prometheus's own Python client's text-format
    parser: each exports the families operators alert on, with their types; across the instances of
    a kind, each family has samples with its labels, after the checks above made requests, refused
    sign-ins, a bulk update and a backup (one worker may have run none of the jobs)."""
    import base64
    import urllib.request
    from prometheus_client.parser import text_string_to_metric_families
    secret = (dir / "admin-port-password").read_text().strip()
    samples = {"api": {}, "worker": {}}
    for p in state["processes"]:
        if p["kind"] not in samples:
            continue
        request = urllib.request.Request(f"http://127.0.0.1:{p['admin_port']}/prometheus", headers={
            "Authorization": "Basic " + base64.b64encode(f"admin:{secret}".encode()).decode()})
        with urllib.request.urlopen(request, timeout=10) as answer:
            families = {f.name: f for f in text_string_to_metric_families(answer.read().decode())}
        for name, (kind, _) in (API_FAMILIES if p["kind"] == "api" else WORKER_FAMILIES).items():
            family = families.get(name)
            expect(f"{p['name']} exports {name} as a {kind}", family is not None and family.type == kind,
                   f"{family.type if family else 'absent'}")
            samples[p["kind"]].setdefault(name, []).extend(family.samples)
    for kind, expected in (("api", API_FAMILIES), ("worker", WORKER_FAMILIES)):
        for name, (_, labels) in expected.items():
            found = samples[kind][name]
            seen = {k for sample in found for k in sample.labels} - {"le"}
            expect(f"the {kind}s' {name} has samples labelled {sorted(labels)}", found and seen == labels,
                   f"{len(found)} samples, labels {sorted(seen)}")


# The lines of each kind of process's log that tell of an error (request log lines do not).
# Two warnings are not errors: the start's "initialized dependency has not yet recovered" (not ready
# until first checked) and JobRunr's "slow performance" of a job filter (a cold JVM on a busy machine).
# Nor is HAProxy's word that an API went down or came up by its readiness check (the restarts);
# "no server available" is. Nor PgBouncer's word that a client waited long enough to be given one
# of the pool's reserve connections (the reserve is there for such bursts: the workers' chunk jobs
# of a fanned-out bulk update; seen in CI); a client refused or a server error is.
JAVA = re.compile(r"^(ERROR|WARN) (?!.*(initialized dependency has not yet recovered|has slow performance of))|Exception")
ERRORS = {"api": JAVA, "worker": JAVA, "pgbouncer": re.compile(r" (WARNING|ERROR|FATAL) (?!.*taking connection from reserve_pool)"),
          "haproxy": re.compile(r"\[(WARNING|ALERT)\](?!.*Server apis/api-\d+ is (UP|DOWN), reason: Layer7 )")}


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
    parser.add_argument("--posts", type=int, default=100_000,
                        help="posts seeded first: the restarts' load reads them, the worker's bulk update changes them all (default 100,000)")
    args = parser.parse_args()
    dir = Path(args.dir).resolve()
    if not args.running:
        subprocess.run([str(HERE / "up"), "--dir", str(dir), "--database", args.database, "--namespace", args.database,
                        "--fresh"], check=True)
    state = json.loads((dir / cl.STATE).read_text())
    # The checks, in order; a new one is a function of (state, dir) added here.
    steps = [("seed", lambda: rolling.seed(state, dir, args.posts))] if not args.running else []
    steps.append(("checks through HAProxy and each API", lambda: checks(state, dir)))
    steps.append(("the acceptance checks through HAProxy", lambda: acceptance(state, dir)))
    steps.append(("metrics parsed as Prometheus does", lambda: metrics(state, dir)))
    if not args.running:
        steps.append(("APIs restarted in turn under load", lambda: rolling.apis(dir, rolling.sign_in(state, dir))))
        steps.append(("a worker restarted mid bulk update", lambda: rolling.worker(dir, rolling.sign_in(state, dir))))
    failure = None
    haproxy = next(p for p in state["processes"] if p["kind"] == "haproxy")
    seconds = []
    try:
        for name, step in steps:
            started = time.monotonic()
            step()
            seconds.append(f"{name} {time.monotonic() - started:.0f} s")
    except Failed as e:
        failure = str(e)
    finally:
        # HAProxy's log is read up to here: down rightly makes it say that no API is left.
        before_down = Path(haproxy["log"]).read_text(errors="replace")
        if not args.keep and not args.running:
            subprocess.run([str(HERE / "down"), "--dir", str(dir)], check=False)
    print("took: " + ", ".join(seconds), flush=True)
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
