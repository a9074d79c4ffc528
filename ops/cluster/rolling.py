#!/usr/bin/env python3
"""Rolling restarts of a running cluster, under work, each asserting that nothing is lost.

APIs: while a bounded load (load.py) reads and writes through HAProxy, each API in turn is stopped
with SIGTERM, started again and waited for until HAProxy routes to it (cluster.restart_one);
not one request may fail, and the report gives requests and p50/p99/max latency before, during and
after the restart. Worker: a bulk update of every post (fanned out into chunk jobs, more than the
workers' threads) runs, and one worker is stopped with SIGTERM while it runs chunks of it and other
chunks are not done; it is started again; the update must succeed with every post changed exactly
once (its new category, its version one up), checked in the database.

check.py runs both on its own cluster; run alone, against a cluster that is up, it prints the
report for ops/cluster/README.md: ops/cluster/rolling --dir DIR [--seed N].
"""
import argparse
import json
import re
import sys
import time
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import cluster as cl  # noqa: E402
from load import Load, report, summary  # noqa: E402
from probe import Failed, call, expect, poll, sql  # noqa: E402


def seed(state, dir, posts):
    """posts by 1,000 users, for the load to read and the bulk update to change."""
    started = time.monotonic()
    line = cl.seed(dir, state, "--users", "1000", "--categories", "20", "--tags", "200", "--posts", str(posts))
    print(f"seeded in {time.monotonic() - started:.1f} s: {line}", flush=True)


def sign_in(state, dir):
    lb = state["addresses"]["api"].removesuffix("/api")
    status, answer = call(lb, "POST", "/api/tokens", {"username": cl.ADMIN, "password": (dir / "admin-password").read_text().strip()})
    if status not in (200, 201):
        raise Failed(f"sign-in through HAProxy: {status} {answer}")
    return answer["token"]


def apis(dir, token, settle=3.0, warm=2.0):
    """The APIs restarted in turn under load; fails unless every request got the answer it expects."""
    cluster = cl.Cluster(dir)
    state = cluster.state
    lb = state["addresses"]["api"].removesuffix("/api")
    ids = [int(r[0]) for r in sql(state, "SELECT id FROM posts ORDER BY random() LIMIT 2000")]
    names = [p["name"] for p in state["processes"] if p["kind"] == "api"]
    events = []
    with Load(lb, token, ids) as load:
        time.sleep(warm + settle)  # paths warmed up, then a steady spell before the first stop, for comparison
        first = time.monotonic()
        for name in names:
            began = time.monotonic()
            times = cl.restart_one(cluster, name)
            events.append(f"{name}: SIGTERM at {began - load.began:.1f} s; "
                          + ", ".join(f"{what} after {seconds:.1f} s" for what, seconds in times.items()))
        last = time.monotonic()
        time.sleep(settle)
    end = time.monotonic()
    phases = [(f"before (after {warm:.0f} s of warm-up)", first - settle, first), ("during the rolling restart", first, last),
              ("after", last, end), ("whole run", load.began, end)]
    print(f"rolling restart of {', '.join(names)} under load through HAProxy ({len(load.threads)} threads,"
          f" keep-alive, {load.rate} req/s each at most; reads, lists, 404s, edits, new posts):")
    for e in events:
        print("  " + e)
    print(report(load, phases), flush=True)
    during = summary(load.window(first, last))
    whole = summary(load.records)
    expect(f"APIs restarted in turn under load: {whole['requests']:,} requests, {during['requests']:,} during the restarts"
           f" (p99 {during['p99']:.0f} ms), none failed", whole["failed"] == 0 and during["requests"] >= 100,
           f"{whole['failed']} failed, {during['requests']} requests during the restarts")


def server_id(record):
    """The id of the JobRunr server a worker runs now, from its log (its latest start)."""
    ids = re.findall(r"BackgroundJobServer \(\S+ - ([0-9a-f-]{36})\) using", Path(record["log"]).read_text(errors="replace"))
    if not ids:
        raise Failed(f"{record['name']}: no job server start in {record['log']}")
    return ids[-1]


def worker(dir, token, name="worker-1"):
    """A worker restarted in the middle of a bulk update of every post: the update succeeds and every
    post is changed once."""
    cluster = cl.Cluster(dir)
    state = cluster.state
    lb = state["addresses"]["api"].removesuffix("/api")
    record = cluster.named(name)
    posts, versions = (int(x) for x in sql(state, "SELECT count(*), sum(version) FROM posts")[0])
    status, category = call(lb, "POST", "/api/categories", {"name": "Restarted " + uuid.uuid4().hex[:8]}, token)
    expect("a new category", status == 201, f"{status} {category}")
    started = time.monotonic()
    status, job = call(lb, "POST", "/api/posts/bulk-update",
                       {"filter": {"created_after": "1970-01-01T00:00:00Z"}, "set": {"category_id": category["id"]}}, token)
    expect(f"bulk update of all {posts:,} posts accepted", status == 202, f"{status} {job}")
    job_id = job["job_id"]
    mine = server_id(record)

    # Chunks planned, done, run by any worker now, and run by this one now (its JobRunr server's id
    # is in the PROCESSING state of each chunk job it holds).
    def progress():
        return [int(x) for x in sql(state, f"""
            WITH running AS (SELECT jobasjson::jsonb -> 'jobHistory' -> -1 ->> 'serverId' AS server FROM jobrunr_jobs
                              WHERE state = 'PROCESSING' AND jobsignature LIKE '%BulkUpdateChunk%'
                                AND jobasjson LIKE '%{job_id}%')
            SELECT COALESCE((SELECT chunk_count FROM bulk_updates WHERE id = '{job_id}'), 0),
                   (SELECT count(done_at) FROM bulk_update_chunks WHERE bulk_update_id = '{job_id}'),
                   (SELECT count(*) FROM running), (SELECT count(*) FROM running WHERE server = '{mine}')""")[0]]
    planned, done, running, its = poll(f"{name} running a chunk of the bulk update", progress,
                                       lambda p: p[3] > 0 and p[1] < p[0] or p[0] > 0 and p[1] == p[0], every=0.05)
    expect(f"{name} stopped mid-job: of {planned} chunks, {done} done, {running} running ({its} on {name}),"
           f" {max(0, planned - done - running)} waiting", planned > 0 and done < planned and its > 0,
           "the bulk update finished before the worker ran a chunk of it: more posts (over 40,000 to fan out)")
    stopped_at = time.monotonic() - started
    times = cl.restart_one(cluster, name)
    after = progress()
    print(f"{name}: SIGTERM {stopped_at:.1f} s after the request; "
          + ", ".join(f"{what} after {seconds:.1f} s" for what, seconds in times.items())
          + f"; {after[1]} of {after[0]} chunks done when it was ready again", flush=True)
    final = poll("the bulk update", lambda: call(lb, "GET", f"/api/jobs/{job_id}", token=token),
                 lambda r: r[0] == 200 and r[1]["state"] in ("succeeded", "failed"))[1]
    expect(f"bulk update succeeded {time.monotonic() - started:.1f} s after the request", final["state"] == "succeeded", f"{final}")
    wrong, count, total = (int(x) for x in sql(state, f"""
        SELECT count(*) FILTER (WHERE category_id IS DISTINCT FROM {category['id']}), count(*), sum(version) FROM posts""")[0])
    expect(f"every post in the new category, each changed once (versions {versions:,} + {posts:,} = {total:,})",
           wrong == 0 and count == posts and total == versions + posts,
           f"{wrong} of {count} posts elsewhere, versions {total} (expected {versions + posts})")
    undone, matched, changed, errors = sql(state, f"""
        SELECT count(*) FILTER (WHERE done_at IS NULL), sum(matched), sum(changed), count(last_error)
          FROM bulk_update_chunks WHERE bulk_update_id = '{job_id}'""")[0]
    expect(f"every chunk done once ({planned} chunks, {changed} posts changed, {errors} chunk errors recorded)",
           undone == "0" and int(matched) == int(changed) == posts and final["result"]["changed"] == posts,
           f"{undone} chunks not done, matched {matched}, changed {changed}, result {final['result']}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=str(HERE / "run"), help="run folder of a running cluster (default ops/cluster/run)")
    parser.add_argument("--seed", type=int, default=0, help="seed this many posts first (the database must have none)")
    parser.add_argument("--only", choices=("apis", "worker"), help="one of the two (default both)")
    args = parser.parse_args()
    dir = Path(args.dir).resolve()
    state = json.loads((dir / cl.STATE).read_text())
    if args.seed:
        seed(state, dir, args.seed)
    token = sign_in(state, dir)
    try:
        if args.only in (None, "apis"):
            apis(dir, token)
        if args.only in (None, "worker"):
            worker(dir, token)
    except Failed as e:
        raise SystemExit(f"FAILED: {e}")


if __name__ == "__main__":
    main()
