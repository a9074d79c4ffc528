#!/usr/bin/env python3
"""Does adding workers add capacity? The bulk update of the standard data set with 1, 2 and 4 workers.

Seeds the standard data set (seed-demo-data --full: 200,000 posts) into a database of its own once
(kept for later runs), then for each worker count starts a cluster of one API and that many
workers (ops/cluster/up), and times bulk updates that move every post to a new category, from the
request to `succeeded` as a client sees it; before each, VACUUM and CHECKPOINT (the last update
left a dead version of every post). During each it reads from /proc the CPU the database's
PostgreSQL backends and the workers used, and how busy the machine's cores were: on one machine
the workers share the cores with PostgreSQL, and that is what the table shows. Prints a markdown
table for ops/cluster/README.md.

    ops/cluster/workers-table [--runs 3] [--workers 1,2,4] [--posts N] [--dir DIR] [--database NAME]
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
import uuid
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "bench"))
import measure  # noqa: E402  (ops/bench's CPU seconds of processes, from /proc)
import cluster as cl  # noqa: E402
import rolling  # noqa: E402
from probe import call, poll, sql  # noqa: E402


def cores_busy():
    """(busy, total) jiffies of all cores since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def backends(state):
    return [int(r[0]) for r in sql(state, f"SELECT pid FROM pg_stat_activity WHERE datname = '{state['database']}'")]


def update(state, dir, token):
    """One bulk update of every post to a new category: seconds from request to succeeded, posts
    changed, and CPU seconds used meanwhile by PostgreSQL's backends and by the workers, and the
    share of the cores that were busy."""
    lb = state["addresses"]["api"].removesuffix("/api")
    workers = [p["pid"] for p in state["processes"] if p["kind"] == "worker"]
    status, category = call(lb, "POST", "/api/categories", {"name": "Moved " + uuid.uuid4().hex[:8]}, token)
    if status != 201:
        raise SystemExit(f"POST /api/categories answered {status}: {category}")
    groups = {"postgres": lambda: backends(state), "workers": lambda: workers}
    before = {k: measure.cpu_seconds(v) for k, v in groups.items()}
    busy, total = cores_busy()
    started = time.monotonic()
    status, job = call(lb, "POST", "/api/posts/bulk-update",
                       {"filter": {"created_after": "1970-01-01T00:00:00Z"}, "set": {"category_id": category["id"]}}, token)
    if status != 202:
        raise SystemExit(f"bulk update answered {status}: {job}")
    final = poll("the bulk update", lambda: call(lb, "GET", f"/api/jobs/{job['job_id']}", token=token),
                 lambda r: r[0] == 200 and r[1]["state"] in ("succeeded", "failed"), limit=1800, every=0.1)[1]
    seconds = time.monotonic() - started
    busy2, total2 = cores_busy()
    used = {k: measure.cpu_used(before[k], measure.cpu_seconds(v)) for k, v in groups.items()}
    if final["state"] != "succeeded":
        raise SystemExit(f"bulk update failed: {final}")
    return {"seconds": seconds, "changed": final["result"]["changed"], "busy": (busy2 - busy) / max(1, total2 - total),
            **used, **spread(state, job["job_id"])}


def spread(state, job_id):
    """How the chunk jobs of a fanned-out bulk update went round the workers: chunks per JobRunr
    server (most first), and the seconds from the first chunk's start to the first chunk of each
    other server. Empty when the update did not fan out (one job applied every chunk)."""
    starts = []
    for (text,) in sql(state, f"SELECT jobasjson FROM jobrunr_jobs WHERE jobsignature LIKE '%BulkUpdateChunk%'"
                              f" AND jobasjson LIKE '%{job_id}%'"):
        processing = [h for h in json.loads(text)["jobHistory"] if h["state"] == "PROCESSING"]
        if processing:
            starts.append((processing[-1]["serverId"], datetime.fromisoformat(processing[-1]["createdAt"].replace("Z", "+00:00"))))
    if not starts:
        return {"chunks": "1 job", "joined": []}
    first = min(at for _, at in starts)
    servers = {server: [at for s, at in starts if s == server] for server, _ in starts}
    ordered = sorted(servers.values(), key=min)
    return {"chunks": "+".join(str(len(ats)) for ats in sorted(servers.values(), key=len, reverse=True)),
            "joined": [(min(ats) - first).total_seconds() for ats in ordered[1:]]}


def settle(state):
    sql(state, "VACUUM ANALYZE posts", limit=900)
    sql(state, "CHECKPOINT", limit=900)


def job_threads():
    """jobs.workerCount of ops/config/worker.yml: the jobs one worker runs at once."""
    return int(re.search(r"^\s+workerCount:\s*(\d+)", (cl.CONFIG / "worker.yml").read_text(), re.M).group(1))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(HERE / "run-workers"), help="run folder (default ops/cluster/run-workers)")
    parser.add_argument("--database", default="inkwell_cluster_workers",
                        help="database (default inkwell_cluster_workers), seeded once and kept")
    parser.add_argument("--workers", default="1,2,4", help="worker counts, in this order (default 1,2,4)")
    parser.add_argument("--runs", type=int, default=3, help="bulk updates per worker count (default 3; the median is shown)")
    parser.add_argument("--warm-up", type=int, default=1,
                        help="bulk updates first, not counted, per worker count (default 1: the workers' JIT compiles the path)")
    parser.add_argument("--posts", type=int, help="seed this many posts instead of the standard set (to try the script out)")
    parser.add_argument("--fresh", action="store_true", help="drop the database and seed it again")
    args = parser.parse_args()
    dir = Path(args.dir).resolve()
    counts = [int(n) for n in args.workers.split(",")]
    size = ["--full"] if args.posts is None else ["--users", "1000", "--categories", "50", "--tags", "500", "--posts", str(args.posts)]
    results = {}
    seeded = None
    for i, n in enumerate(counts):
        up = [str(HERE / "up"), "--dir", str(dir), "--database", args.database, "--namespace", args.database,
              "--apis", "1", "--workers", str(n)]
        subprocess.run(up + (["--fresh"] if args.fresh and i == 0 else []), check=True, stdout=subprocess.DEVNULL)
        try:
            state = json.loads((dir / cl.STATE).read_text())
            posts = int(sql(state, "SELECT count(*) FROM posts")[0][0])
            if posts == 0:
                started = time.monotonic()
                cl.log(f"seeding {' '.join(size)}")
                line = cl.seed(dir, state, *size)
                cl.log(f"seeded in {time.monotonic() - started:.0f} s: {line}")
                posts = int(sql(state, "SELECT count(*) FROM posts")[0][0])
            seeded = seeded or posts
            token = rolling.sign_in(state, dir)
            results[n] = []
            for run in range(args.warm_up + args.runs):
                settle(state)
                r = update(state, dir, token)
                if r["changed"] != posts:
                    raise SystemExit(f"the bulk update changed {r['changed']:,} of {posts:,} posts")
                what = "warm-up" if run < args.warm_up else f"run {run - args.warm_up + 1}"
                cl.log(f"{n} worker(s), {what}: {r['seconds']:.1f} s, PostgreSQL {r['postgres']:.1f} CPU s,"
                       f" workers {r['workers']:.1f} CPU s, cores {100 * r['busy']:.0f}% busy, chunks per worker {r['chunks']},"
                       f" others' first chunk after {', '.join(f'{j:.1f}' for j in r['joined']) or '-'} s")
                if run >= args.warm_up:
                    results[n].append(r)
        finally:
            subprocess.run([str(HERE / "down"), "--dir", str(dir)], check=False, stdout=subprocess.DEVNULL)
    print(f"\nbulk update of all {seeded:,} posts to a new category, request to `succeeded`; {args.runs} runs per row,"
          f" median (min-max); {os.cpu_count()} cores\n")
    print("| worker processes (job threads) | request to `succeeded` | posts/s | speed-up | PostgreSQL CPU s | workers' CPU s"
          " | cores busy | chunks per worker (last run) | other workers' first chunk after |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    base = statistics.median(r["seconds"] for r in results[counts[0]])
    for n in counts:
        rs = results[n]
        med = statistics.median(r["seconds"] for r in rs)
        print(f"| {n} ({job_threads() * n}) | {med:.1f} s ({min(r['seconds'] for r in rs):.1f}-{max(r['seconds'] for r in rs):.1f}) |"
              f" {seeded / med:,.0f} | {base / med:.2f} | {statistics.median(r['postgres'] for r in rs):.1f} |"
              f" {statistics.median(r['workers'] for r in rs):.1f} | {100 * statistics.median(r['busy'] for r in rs):.0f}% |"
              f" {rs[-1]['chunks']} | {', '.join(f'{j:.1f} s' for j in rs[-1]['joined']) or '-'} |")


if __name__ == "__main__":
    main()
