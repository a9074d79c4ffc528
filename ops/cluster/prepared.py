#!/usr/bin/env python3
"""What running without server-side prepared statements costs Inkwell's hot reads.

Behind PgBouncer 1.18 (Debian 12) in transaction mode the driver must not prepare statements on
the server (prepareThreshold=0): each statement is then parsed and planned on every run. This
measures, on a running cluster's database (seeded first if it has no posts), one API instance at a
time with its cache off, reached directly (not through HAProxy), in three set-ups back to back:
  direct         straight to PostgreSQL, the driver's default (prepared after 5 runs)
  direct, 0      straight to PostgreSQL, prepareThreshold=0
  pgbouncer, 0   through the cluster's PgBouncer, prepareThreshold=0 (what the cluster runs)
the CPU per request of the API process, of the database's PostgreSQL backends and of PgBouncer,
for an uncached GET /api/posts/{id} and a list page built each time, the median of the rounds.
Run it with nothing else of the cluster busy (its idle processes cost next to nothing).
Other work on the machine changes the rates, hardly the CPU per request: compare the set-ups of a
run, not runs of different times. Uses ops/bench's wrk and /proc helpers.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "bench"))
import measure  # noqa: E402  (ops/bench's wrk, scripts, warm-up and /proc CPU readings)
import cluster as cl  # noqa: E402


class Api:
    """An API process of the measurement: cache off, its own ports, pool to the given URL."""

    def __init__(self, s, name, url, logs):
        self.name = name
        self.port, admin = s.free_port(), s.free_port()
        env = dict(os.environ, DATABASE_URL=url, DATABASE_USER=s.pg_user, DATABASE_DIRECT_URL=s.direct_url(),
                   REDIS_URL=s.redis_url, PORT=str(self.port), ADMIN_PORT=str(admin))
        props = ["-Ddw.cache.enabled=false", "-Ddw.server.applicationConnectors[0].bindHost=127.0.0.1"]
        self.log = logs / f"prepared-{name.replace(' ', '').replace(',', '-')}.log"
        self.process = subprocess.Popen(s.jvm + props + ["-jar", str(cl.JAR), "api", "server", str(cl.CONFIG / "api.yml")],
                                        cwd=cl.ROOT, env=env, stdout=open(self.log, "w"), stderr=subprocess.STDOUT)

    def url(self, path=""):
        return f"http://127.0.0.1:{self.port}{path}"

    def await_ready(self):
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {self.log}")
            if cl.get(self.url("/health-check?type=ready"))[0] == 200:
                return
            time.sleep(0.25)
        raise SystemExit(f"{self.name} not ready; see {self.log}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def backends(s):
    """The pids of the PostgreSQL backends connected to the cluster's database now."""
    return [int(p) for p in cl.psql(s, f"SELECT pid FROM pg_stat_activity WHERE datname = '{s.database}'").split()]


def measure(s, api, url, script, pgbouncer_pid, duration):
    """requests/s and CPU ms per request of the API, the database's backends and PgBouncer, over one wrk run."""
    groups = {"api": lambda: [api.process.pid], "postgres": lambda: backends(s), "pgbouncer": lambda: [pgbouncer_pid]}
    before = {k: measure.cpu_seconds(v) for k, v in groups.items()}
    m = measure.wrk(s, url, 16, script, duration=duration)
    after = {k: measure.cpu_seconds(v) for k, v in groups.items()}
    requests = m["rps"] * duration
    if m["errors"] or m["socket_errors"]:
        raise SystemExit(f"{api.name}: {m['errors']} non-2xx answers, socket errors {m['socket_errors']!r}; see {api.log}")
    m["cpu"] = {k: 1000 * measure.cpu_used(before[k], after[k]) / max(1, requests) for k in groups}
    return m


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dir", default=os.environ.get("CLUSTER_DIR", str(HERE / "run")), help="run folder of a running cluster")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the three set-ups, back to back (default 3)")
    parser.add_argument("--posts", type=int, default=50_000, help="posts seeded into an empty database (default 50,000)")
    args = parser.parse_args()
    dir = Path(args.dir).resolve()
    state = json.loads((dir / cl.STATE).read_text())
    s = cl.Settings(argparse.Namespace(dir=str(dir), command="up", database=state["database"], namespace=state["namespace"],
                                       apis=0, workers=0, ports="20000-32767", port=None))
    s.smoke, s.duration = False, args.duration  # as ops/bench's wrk and warm_up read them
    pgbouncer = next(p for p in state["processes"] if p["kind"] == "pgbouncer")
    if cl.psql(s, "SELECT count(*) FROM posts", database=s.database) == "0":
        cl.log(f"seeding {args.posts:,} posts (straight to PostgreSQL)")
        print(cl.seed(dir, state, "--users", "2000", "--categories", "20", "--tags", "200", "--posts", str(args.posts)))
    ids = cl.psql(s, "SELECT id FROM posts WHERE published ORDER BY random() LIMIT 20000", database=s.database).split()
    work = Path(tempfile.mkdtemp(prefix="inkwell-prepared-"))
    paths = {"uncached `GET /api/posts/{id}`": measure.urls_lua(work / "ids.lua", [f"/api/posts/{i}" for i in ids]),
             "list page of 20, built each time": measure.urls_lua(work / "list.lua",
                                                                  [f"/api/posts?per_page=20&page={n}" for n in range(1, 51)])}
    direct = s.direct_url()
    setups = {"direct": direct, "direct, prepareThreshold=0": direct + "?prepareThreshold=0",
              "pgbouncer, prepareThreshold=0": s.pooled_url(s.database, state["pgbouncer_port"])}
    logs = dir / "logs"
    results = {(p, k): [] for p in paths for k in setups}
    # The three processes run side by side, each warmed up once (the JIT compiles a path under load
    # for up to a minute); then the rounds take them in turn, so each set-up meets the same machine.
    apis = {name: Api(s, name, url, logs) for name, url in setups.items()}
    try:
        for name, api in apis.items():
            api.await_ready()
            for path, script in paths.items():
                measure.warm_up(s, api.url("/api/posts"), script, f"{name}: {path}", limit=120)
        for round in range(args.rounds):
            for path, script in paths.items():
                for name, api in apis.items():
                    m = measure(s, api, api.url("/api/posts"), script, pgbouncer["pid"], args.duration)
                    results[(path, name)].append(m)
                    cl.log(f"round {round + 1}, {name}, {path}: {m['rps']:,.0f} req/s, CPU ms/request "
                           + ", ".join(f"{k} {v:.3f}" for k, v in m["cpu"].items()))
    finally:
        for api in apis.values():
            api.stop()
    print(f"\n{args.rounds} rounds of {args.duration} s, 16 connections, median per set-up; CPU ms per request\n")
    print("| request | set-up | req/s | p99 ms | API | PostgreSQL | PgBouncer | total |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for path in paths:
        for name in setups:
            ms = results[(path, name)]
            med = {k: statistics.median(m["cpu"][k] for m in ms) for k in ("api", "postgres", "pgbouncer")}
            print(f"| {path} | {name} | {statistics.median(m['rps'] for m in ms):,.0f} |"
                  f" {statistics.median(m['p99'] for m in ms):.1f} | {med['api']:.3f} | {med['postgres']:.3f} |"
                  f" {med['pgbouncer']:.3f} | {sum(med.values()):.3f} |")


if __name__ == "__main__":
    main()
