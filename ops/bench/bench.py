#!/usr/bin/env python3
"""Inkwell's benchmark: the API against the machine's own limits, side by side in one run.

Loads the standard data set with Inkwell's own seed-demo-data, starts the api and the worker from
ops/target/inkwell.jar (or the jars given) against the machine's PostgreSQL and Redis, measures
with wrk, pgbench and redis-benchmark, and writes a markdown table to ops/bench/results/. See
ops/bench/README.md. Only the standard library: it runs wherever python3 does. This file holds the
options and the order of a run; its modules, one duty each: scenarios.py the rows (what each
loads, warms up, is held against) and the phases they run in; workload.py what they send;
measure.py how they are measured; servers.py the jars and their processes; dataset.py the data
set; limits.py the machine's limits (PostgreSQL alone doing a request's statements, COPY, one
UPDATE, the password hash); report.py the tables and their targets; compare.py several runs side
by side (--repeat, two jars).
"""
import argparse
import datetime
import os
import random
import re
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import compare
import dataset
import report
import scenarios
import workload
from limits import ROOT, log
from servers import ADMIN_PASSWORD, CONFIG, Target, jar_label

JAR = ROOT / "ops" / "target" / "inkwell.jar"


class Settings:
    """The run's settings: the servers it uses, its data set, durations and connection counts."""

    def __init__(self, args):
        self.smoke = args.smoke
        self.scale = args.scale
        self.pg_host = os.environ.get("BENCH_PGHOST", "127.0.0.1")
        self.pg_port = os.environ.get("BENCH_PGPORT", "5432")
        self.pg_user = os.environ.get("BENCH_PGUSER", "postgres")
        base = args.database or os.environ.get("BENCH_DATABASE", "inkwell_bench")
        # Each data set its own database, so that --skip-load works for each.
        self.database = base + ("_smoke" if args.smoke else "") + (f"_x{self.scale}" if self.scale > 1 else "")
        self.pgbench_database = os.environ.get("BENCH_PGBENCH_DATABASE",
                                               "inkwell_pgbench" if base == "inkwell_bench" else f"{base}_pgbench")
        self.namespace = args.namespace or os.environ.get("BENCH_NAMESPACE", "inkwell-bench")
        low, high = (int(p) for p in (args.ports or os.environ.get("BENCH_PORTS", "20000-32767")).split("-"))
        self.ports = list(range(low, high + 1))
        random.shuffle(self.ports)
        self.redis_host = os.environ.get("BENCH_REDIS_HOST", "127.0.0.1")
        self.redis_port = os.environ.get("BENCH_REDIS_PORT", "6379")
        self.duration = args.duration or (2 if args.smoke else 10)
        self.connections = [16] if args.smoke else [16, 64]
        self.baseline_mode = "smoke" if args.smoke else "standard"
        scaled = f"scale{self.scale}" if self.scale > 1 else ""
        self.mode = (f"{scaled}-smoke" if scaled else "smoke") if args.smoke else (scaled or "standard")
        options = CONFIG / "jvm.options"
        self.jvm = ["java"] + ([f"@{options}"] if options.exists() else [])
        self.bulk_users = 500 if args.smoke else 10_000
        self.runs = 1 if args.smoke else 3  # of the start and command timings

    def free_port(self):
        """A free port of the bench's range (below Linux's ephemeral range, 32768-60999, by default:
        one the kernel hands out can be taken by an outgoing connection before the server binds it)."""
        while self.ports:
            port = self.ports.pop()
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                    return port
                except OSError:
                    continue
        raise SystemExit("no free port left in the bench's range (BENCH_PORTS / --ports)")

    @property
    def jdbc_url(self):
        return f"jdbc:postgresql://{self.pg_host}:{self.pg_port}/{self.database}"

    def env(self, **extra):
        env = dict(os.environ)
        env.update(DATABASE_URL=self.jdbc_url, DATABASE_USER=self.pg_user, DATABASE_PASSWORD="",
                   REDIS_URL=f"redis://{self.redis_host}:{self.redis_port}", ADMIN_PASSWORD=ADMIN_PASSWORD)
        env.update({k: str(v) for k, v in extra.items()})
        return env


# ---- tools ------------------------------------------------------------------------------------

def ensure_tools():
    missing = [pkg for tool, pkg in (("wrk", "wrk"), ("pgbench", "postgresql-contrib"),
                                     ("redis-benchmark", "redis-tools"), ("redis-cli", "redis-tools"),
                                     ("psql", "postgresql-client"))
               if shutil.which(tool) is None]
    if missing:
        log(f"installing {' '.join(missing)}")
        sudo = [] if os.geteuid() == 0 else ["sudo"]
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq"] + missing, check=True,
                       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))


def build(force):
    if force or not JAR.exists():
        log("building ops/target/inkwell.jar")
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)


# ---- the run -----------------------------------------------------------------------------------

def arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny data and 2 s runs: proves the harness works (CI)")
    parser.add_argument("--scale", type=int, default=1, help="N times the data set (seed-demo-data --scale N), "
                                                             "compared with the latest run at 1x")
    parser.add_argument("--duration", type=int, help="seconds per wrk/pgbench run (default 10; smoke 2)")
    parser.add_argument("--build", action="store_true", help="rebuild ops/target/inkwell.jar even if it exists")
    parser.add_argument("--skip-load", action="store_true", help="reuse the loaded database of the last run")
    parser.add_argument("--only", metavar="PATTERN[,PATTERN...]",
                        help="only the rows whose name contains a pattern (case-insensitive), with their limits; see"
                             " --list. A comma followed by a space is part of a pattern (row names have them)")
    parser.add_argument("--list", action="store_true", help="print the rows' names (what --only matches) and exit")
    parser.add_argument("--jar", action="append", metavar="PATH",
                        help="run this jar instead of ops/target/inkwell.jar; twice: A and B, compared")
    parser.add_argument("--label", action="append", metavar="NAME",
                        help="the jar's name in the result (e.g. at-999cd1d), once per --jar; by default at-<commit>"
                             " for a jar built in a git checkout without uncommitted changes")
    parser.add_argument("--repeat", type=int, default=1, metavar="N",
                        help="measure each row N times (two jars: alternating A, B, B, A, A, B, ...); the medians compared")
    parser.add_argument("--database", help="base name of the databases (env BENCH_DATABASE; default inkwell_bench)")
    parser.add_argument("--namespace", help="the servers' cache namespace (env BENCH_NAMESPACE; default inkwell-bench)")
    parser.add_argument("--ports", help="ports for the servers, LOW-HIGH (env BENCH_PORTS; default 20000-32767)")
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if len(args.jar or []) > 2:
        parser.error("--jar: at most two (A and B)")
    if len(args.label or []) > len(args.jar or [JAR]):
        parser.error("--label: one per jar")
    return args


def main():
    args = arguments()
    if args.list:
        print(scenarios.listing([16] if args.smoke else [16, 64]))
        return
    plan = scenarios.Plan(scenarios.patterns(args.only), compared=len(args.jar or []) > 1 or args.repeat > 1)
    s = Settings(args)
    ensure_tools()
    if args.build or not args.jar:
        build(args.build)
    for path in args.jar or []:
        if not Path(path).is_file():
            raise SystemExit(f"--jar {path}: no such file")
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    logs = report.RESULTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    paths, labels = args.jar or [JAR], args.label or []
    targets = [Target(s, path, labels[i] if i < len(labels) else jar_label(path) or f"jar-{'ab'[i]}",
                      "ab"[i] if len(paths) > 1 else "", work, logs) for i, path in enumerate(paths)]
    named = bool(args.jar or args.label)
    name, title = result_name(s, stamp, plan, targets, named, args.repeat)
    notes = {"jvm": " ".join(s.jvm[1:]) or "none (no ops/config/jvm.options)"}

    if args.skip_load:
        # The last run rewrote every post (the bulk update) and added some: without a vacuum, lists
        # and searches would wade through the dead row versions until autovacuum comes round.
        dataset.clean(s)
        dataset.settle(s)
    else:
        notes["seed"], notes["seed_args"] = dataset.load(s, targets[0])
    for target in targets:
        target.flush()
    dataset.ensure_pgbench_database(s)

    runs = {(t, n): scenarios.Run(t, n) for n in range(args.repeat) for t in targets}
    # With two jars, each worker starts for its own bulk update only (scenarios.bulk_update_job).
    roles = plan.roles() - ({"worker"} if len(targets) > 1 else set())
    try:
        for target in targets:
            target.start(roles)
        requests = workload.Workload(s, work, stamp)
        notes.update(requests.notes)
        for phase in plan.phases():
            if phase.stopped:
                for target in targets:
                    target.stop()
            for target, n in scenarios.order(targets, args.repeat):
                phase.run(plan, scenarios.Context(s, requests, target, runs[(target, n)]))
    finally:
        for target in targets:
            target.stop()
    ordered = [runs[(t, n)] for n in range(args.repeat) for t in targets]
    if len(ordered) == 1:
        report.write(s, stamp, name, title, ordered[0].rows, {**notes, **ordered[0].notes}, targets if named else (),
                     latest=plan.full and not args.jar)
    else:
        compare.write(s, stamp, name, title, ordered, notes, targets)
    shutil.rmtree(work, ignore_errors=True)


def result_name(s, stamp, plan, targets, named, repeat):
    """The result's file name and heading. A partial run (--only), another jar's, a comparison or
    repeated runs each say so in the name, so that none is taken for the full run of the mode."""
    def safe(label):
        return re.sub(r"[^A-Za-z0-9._-]+", "-", label)

    name, title = f"{stamp}-{s.mode}", f"Inkwell benchmark, {s.mode} data set"
    if not plan.full:
        name += "-only"
        title += ", only the rows matching " + ", ".join(f"\"{p}\"" for p in plan.patterns) + " and their limits"
    if len(targets) == 2:
        name += f"-{safe(targets[0].label)}-vs-{safe(targets[1].label)}"
        title += f", A {targets[0].label} against B {targets[1].label}"
    elif named:
        name += f"-{safe(targets[0].label)}"
        title += f", {targets[0].label}"
    if repeat > 1:
        name += f"-x{repeat}"
        title += f", {repeat} runs" + (" of each" if len(targets) == 2 else "")
    return name, f"{title}, {stamp}"


if __name__ == "__main__":
    main()
