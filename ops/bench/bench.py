#!/usr/bin/env python3
"""Inkwell's benchmark: the API against the machine's own limits, side by side in one run.

Loads the standard data set with Inkwell's own seed-demo-data, starts the api and the worker from
ops/target/inkwell.jar against the machine's PostgreSQL and Redis, measures with wrk, pgbench and
redis-benchmark, and writes a markdown table to ops/bench/results/. See ops/bench/README.md.
Only the standard library: it runs wherever python3 does. limits.py holds the machine's limits
(PostgreSQL alone doing a request's statements, COPY, one UPDATE, the password hash), report.py
the tables and their targets.
"""
import argparse
import base64
import datetime
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import limits
import report
from limits import ROOT, log, lua, psql, sql_literal
from report import Latency, Rate, Ratio, row

JAR = ROOT / "ops" / "target" / "inkwell.jar"
CONFIG = ROOT / "ops" / "config"
ADMIN_PASSWORD = "bench-admin-password-1"
BENCH_EMAILS = "@bench.example.com"  # users the bench creates: deleted before a --skip-load run


class Settings:
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

    def seed_args(self):
        n = self.scale
        if self.smoke:
            return ["--users", str(200 * n), "--categories", "10", "--tags", "50", "--posts", str(2000 * n)]
        if n == 1:
            return ["--full"]
        # --scale N is seed-demo-data's own (issue 20); a jar without it gets the same sizes spelled out.
        if "--scale" in jar(self, "api", "seed-demo-data", "-h", check=False).stdout:
            return ["--full", "--scale", str(n)]
        log(f"this jar's seed-demo-data has no --scale: {10_000 * n:,} users and {200_000 * n:,} posts spelled out")
        return ["--full", "--users", str(10_000 * n), "--posts", str(200_000 * n)]

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


def jar(s, *args, env=None, check=True):
    """A command of the jar, with the project's JVM options (ops/config/jvm.options)."""
    return subprocess.run(s.jvm + ["-jar", str(JAR)] + list(args), cwd=ROOT, env=env or s.env(),
                          capture_output=True, text=True, check=check)


# ---- data -------------------------------------------------------------------------------------

def load(s):
    log(f"database {s.database} on {s.pg_host}:{s.pg_port}: drop, create, migrate, seed")
    psql(s, f"DROP DATABASE IF EXISTS {s.database} WITH (FORCE)", database="postgres")
    psql(s, f"CREATE DATABASE {s.database}", database="postgres")
    jar(s, "api", "db", "migrate", str(CONFIG / "api.yml"))
    size = s.seed_args()
    started = time.monotonic()
    seeded = jar(s, "api", "seed-demo-data", *size, str(CONFIG / "api.yml"))
    seconds = time.monotonic() - started
    line = [l for l in seeded.stdout.splitlines() if l.startswith("seed-demo-data:")]
    log(line[0] if line else seeded.stdout[-500:])
    jar(s, "api", "create-admin", "--username", "bench", "--email", "bench@example.com", str(CONFIG / "api.yml"),
        env=s.env(INKWELL_ADMIN_PASSWORD=ADMIN_PASSWORD))
    settle(s)
    return seconds, size


def clean(s):
    """Before a --skip-load run: the posts and users the last runs created go (the bulk update's
    new categories stay), so that each run measures about the same data set."""
    psql(s, f"""DELETE FROM posts WHERE author_id = (SELECT id FROM users WHERE username = 'bench');
DELETE FROM posts WHERE title = {sql_literal(limits.INSERT_TITLE)};
DELETE FROM users WHERE email LIKE '%{BENCH_EMAILS}';""")


def settle(s):
    """Vacuums (a last run's bulk update left a dead version of every post) and writes the dirty
    pages now, not in a checkpoint while the measurements run."""
    psql(s, "VACUUM ANALYZE")
    try:
        psql(s, "CHECKPOINT")
    except subprocess.CalledProcessError:
        log("CHECKPOINT refused (needs a superuser or pg_checkpoint); measuring anyway")


# ---- processes ---------------------------------------------------------------------------------

class Server:
    """An inkwell.jar server process with its log under results/logs."""

    def __init__(self, s, name, role, logs, props=()):
        self.name = name
        self.port = s.free_port()
        self.admin_port = s.free_port()
        self.log_path = logs / f"{name}.log"
        command = s.jvm + [f"-Ddw.cache.namespace={s.namespace}"] + list(props) + [
            "-jar", str(JAR), role, "server", str(CONFIG / f"{role}.yml")]
        self.started = time.monotonic()
        self.process = subprocess.Popen(command, cwd=ROOT, env=s.env(PORT=self.port, ADMIN_PORT=self.admin_port),
                                        stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def await_ready(self, limit=120):
        """Waits for /health-check?type=ready to answer 200; returns the seconds since the process started."""
        while time.monotonic() - self.started < limit:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url("/health-check?type=ready"), timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - self.started
            except OSError:
                pass
            time.sleep(0.05)
        raise SystemExit(f"{self.name} not ready after {limit} s; see {self.log_path}")

    def metrics(self):
        request = urllib.request.Request(f"http://127.0.0.1:{self.admin_port}/metrics")
        request.add_header("Authorization", basic("admin", ADMIN_PASSWORD))
        with urllib.request.urlopen(request, timeout=10) as r:
            return json.load(r)

    def resident_mb(self):
        """The process's resident memory (VmRSS) in MB."""
        status = Path(f"/proc/{self.process.pid}/status").read_text()
        return int(re.search(r"^VmRSS:\s+(\d+) kB", status, re.M).group(1)) / 1024

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def call(method, url, body=None, token=None, timeout=300):
    """body: a JSON value, or bytes already encoded (so that a timed call does not time the encoding)."""
    data = None if body is None else body if isinstance(body, bytes) else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")


# ---- measurements ------------------------------------------------------------------------------

def cpu_seconds(pids):
    """The CPU time (user + system) each process has used so far, by pid."""
    used = {}
    for pid in pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            used[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
        except (OSError, IndexError, ValueError):
            pass  # gone meanwhile
    return used


def cpu_used(before, after):
    """CPU seconds between two readings; a process started in between (a new pooled connection's
    backend) counts whole, one that ended in between is lost."""
    return sum(t - before.get(pid, 0) for pid, t in after.items())


def named(name):
    return lambda: [int(p) for p in subprocess.run(["pgrep", "-x", name], capture_output=True, text=True).stdout.split()]


def wrk(s, url, connections, script=None, duration=None, server=None):
    """requests/s, p50 ms, p99 ms, non-2xx count; with {server}, also the CPU ms per request of
    that Inkwell process, of PostgreSQL and of Redis (read from /proc: they run on this machine)."""
    command = ["wrk", f"-t{min(2, connections)}", f"-c{connections}", f"-d{duration or s.duration}s", "--latency",
               "--timeout", "5s"]
    if script:
        command += ["-s", str(script)]
    groups = {} if server is None else {"inkwell": lambda: [server.process.pid], "postgres": named("postgres"),
                                        "redis": named("redis-server")}
    before = {k: cpu_seconds(v) for k, v in groups.items()}
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    used = {k: cpu_used(before[k], cpu_seconds(v)) for k, v in groups.items()}
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))

    def percentile(p):
        m = re.search(rf"^\s+{p}%\s+([0-9.]+)(us|ms|s)\s*$", out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket_errors = re.search(r"Socket errors: (.*)", out)
    return {"rps": rps, "p50": percentile(50), "p99": percentile(99),
            "errors": int(errors.group(1)) if errors else 0, "socket_errors": socket_errors.group(1) if socket_errors else "",
            "cpu": {k: 1000 * v / max(1, requests) for k, v in used.items()} if groups else None}


def urls_lua(path, urls):
    """A wrk script that GETs one of urls at random per request."""
    return lua(path, "urls = {" + ",".join(f"'{u}'" for u in urls) + "}\n"
                     "request = function() return wrk.format('GET', urls[math.random(#urls)]) end\n")


# Each wrk thread runs its own copy of a script: seeded alike, both would write the same posts in
# the same order (and wait on each other's row locks) or pick the same new usernames.
THREAD_SEED = """local threads = 0
function setup(thread) threads = threads + 1; thread:set("tid", threads) end
function init(args) math.randomseed(os.time() * 1000 + tid) end
local n = 0
"""


def patch_lua(path, token, ids):
    """PATCH of a random one of ids, a new title each time (so it writes: an unchanged post is not written)."""
    return lua(path, THREAD_SEED + "ids = {" + ",".join(map(str, ids)) + "}\n"
               f"wrk.headers['Authorization'] = 'Bearer {token}'\n"
               "wrk.headers['Content-Type'] = 'application/json'\n"
               "request = function()\n"
               "  local body = '{\"title\":\"Edited by the bench ' .. math.random(1000000000) .. '\"}'\n"
               "  return wrk.format('PATCH', '/api/posts/' .. ids[math.random(#ids)], nil, body)\nend\n")


def signup_lua(path, prefix):
    """Sign-ups of new users (prefix, the thread and a count make each name new)."""
    return lua(path, THREAD_SEED + "wrk.headers['Content-Type'] = 'application/json'\n"
               "request = function()\n  n = n + 1\n"
               f"  local name = '{prefix}' .. tid .. '_' .. n\n"
               f"  local body = '{{\"username\":\"' .. name .. '\",\"email\":\"' .. name .. '{BENCH_EMAILS}\","
               "\"password\":\"bench-password-1\"}'\n"
               "  return wrk.format('POST', '/api/users', nil, body)\nend\n")


def fill(server, paths):
    """GETs each path once (each answer 200): fills the cache with them."""
    for path in paths:
        with urllib.request.urlopen(server.url(path), timeout=60) as answer:
            answer.read()


def warm_up(s, url, script, name, step=5, limit=180, connections=16, steady=True):
    """Loads url in runs of step seconds until three runs in a row are within 5% of their mean (the
    JIT has compiled the path), for at most limit seconds; one run if not steady (writes: each run
    adds rows); one 1 s run in smoke."""
    if s.smoke:
        wrk(s, url, connections, script, duration=1)
        return
    rates, started = [], time.monotonic()
    while time.monotonic() - started < limit:
        rates.append(wrk(s, url, connections, script, duration=step)["rps"])
        last = rates[-3:]
        if not steady or len(last) == 3 and max(abs(r - statistics.mean(last)) for r in last) <= 0.05 * statistics.mean(last):
            break
    log(f"warm-up, {name}: " + ", ".join(f"{r:,.0f}" for r in rates) + f" req/s in {time.monotonic() - started:.0f} s")


def vocabulary_word(rank):
    """The data set's word of Zipf rank {rank} (as DemoDataDao builds its vocabulary)."""
    def syllable(d):
        return "bcdfghjklmnpqrstvwxz"[d // 5] + "aeiou"[d % 5]
    x = rank * 48271 % 1_000_000
    return syllable(x % 100) + syllable((x // 100) % 100) + syllable(x // 10000)


def search_words():
    """40 words of ranks 1,000 to 2,950: each in roughly 0.5% to 1.5% of the posts, as a reader
    searches (the commonest words are in most posts and rank thousands of rows per query)."""
    return [vocabulary_word(rank) for rank in range(1000, 3000, 50)]


COMMON_MATCHES = 22_909  # the common word: matches among the standard set's ~160,000 published posts
RARE_RANKS = range(15_000, 16_000, 50)  # 20 words of about 0.1% of the posts each


def common_words(s):
    """The 3 words of ranks 90 to 112 (Zipf: each in about 14% of the posts) whose matches come
    closest to the issue's common word, 22,909 of the standard set's published posts (scaled by the
    published posts here); at --scale N those of the run it is compared with. With their match counts."""
    base = report.baseline(s)
    if base and base.get("common_words"):
        return limits.match_counts(s, base["common_words"])
    published = int(psql(s, "SELECT count(*) FROM posts WHERE published"))
    target = COMMON_MATCHES * published / 160_000
    counts = limits.match_counts(s, [vocabulary_word(rank) for rank in range(90, 113)])
    return dict(sorted(counts.items(), key=lambda wc: abs(wc[1] - target))[:3])


def post_content():
    """About 1 KB of the data set's words (ranks 5,000 on) that no search of the bench looks for:
    the posts the bench writes add no match to the searches measured after them."""
    return " ".join(vocabulary_word(rank) for rank in range(5000, 5200))[:1000]


def statements(server):
    """The application's SQL statements so far (Dropwizard times every Jdbi statement)."""
    timers = server.metrics()["timers"]
    return sum(t["count"] for name, t in timers.items() if name.startswith("dev.inkwell.persistence."))


def statements_per_request(server, url, n=50, method="GET", body=None, token=None):
    before = statements(server)
    for _ in range(n):
        status, _ = call(method, url, body, token, timeout=10)
        if status >= 300:
            raise SystemExit(f"{method} {url} answered {status}")
    return (statements(server) - before) / n


def bulk_users(api, token, n, run):
    # Encoded before the clock starts, as COPY's rows are written before psql times it.
    users = json.dumps([{"username": f"b{run}u{i:05d}", "email": f"b{run}u{i:05d}{BENCH_EMAILS}"} for i in range(n)]).encode()
    started = time.monotonic()
    status, answer = call("POST", api.url("/api/users/bulk"), users, token)
    seconds = time.monotonic() - started
    if status != 201:
        raise SystemExit(f"bulk user creation answered {status}: {str(answer)[:300]}")
    return seconds


def bulk_update(s, api, token):
    category = int(psql(s, "SELECT max(id) FROM categories"))
    started = time.monotonic()
    status, answer = call("POST", api.url("/api/posts/bulk-update"),
                          {"filter": {"created_after": "1970-01-01T00:00:00Z"}, "set": {"category_id": category}}, token)
    if status != 202:
        raise SystemExit(f"bulk update answered {status}: {str(answer)[:300]}")
    job = answer["job_id"]
    deadline = time.monotonic() + 1800
    while time.monotonic() < deadline:
        status, state = call("GET", api.url(f"/api/jobs/{job}"), token=token)
        if status == 200 and state["state"] in ("succeeded", "failed"):
            if state["state"] == "failed":
                raise SystemExit(f"bulk update failed: {state}")
            return time.monotonic() - started
        time.sleep(0.2)
    raise SystemExit("bulk update did not finish in 30 minutes")


def start_and_commands(s, logs, stamp, notes):
    """With nothing else of the bench running: an api's start to ready, `api db status` and
    `api create-admin` (a new admin each time), each the median of s.runs."""
    starts, status, admins = [], [], []
    for i in range(s.runs):
        server = Server(s, f"api-start{i}", "api", logs)
        try:
            starts.append(server.await_ready())
        finally:
            server.stop()
        started = time.monotonic()
        jar(s, "api", "db", "status", str(CONFIG / "api.yml"))
        status.append(time.monotonic() - started)
        name = f"admin{stamp[11:17]}x{i}"
        started = time.monotonic()
        jar(s, "api", "create-admin", "--username", name, "--email", name + BENCH_EMAILS, str(CONFIG / "api.yml"),
            env=s.env(INKWELL_ADMIN_PASSWORD=ADMIN_PASSWORD))
        admins.append(time.monotonic() - started)
    notes.update(start=statistics.median(starts), db_status=statistics.median(status),
                 create_admin=statistics.median(admins), runs=s.runs)


def local_first_answer(s):
    data = Path(tempfile.mkdtemp(prefix="inkwell-bench-local-"))
    port = s.free_port()
    env = dict(os.environ, INKWELL_DATA_DIR=str(data), PORT=str(port), ADMIN_PORT=str(s.free_port()),
               WORKER_PORT=str(s.free_port()), WORKER_ADMIN_PORT=str(s.free_port()), DASHBOARD_PORT=str(s.free_port()))
    for key in ("DATABASE_URL", "REDIS_URL", "BACKUP_DIR"):
        env.pop(key, None)
    started = time.monotonic()
    process = subprocess.Popen(s.jvm + ["-jar", str(JAR), "local"], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.monotonic() - started < 120:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/posts?per_page=1", timeout=2) as r:
                    if r.status == 200:
                        return time.monotonic() - started
            except OSError:
                pass
            time.sleep(0.05)
        log("local mode did not answer within 120 s")
        return None  # a row that says so: the figures measured before it are still written
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(data, ignore_errors=True)


class Writes:
    """While in its block, a thread creates per_second posts a second through the api (the
    pages' invalidations a site with writes has); counts what it wrote."""

    def __init__(self, api, token, body, per_second):
        self.url, self.token, self.body, self.pause = api.url("/api/posts"), token, body, 1 / per_second
        self.stop, self.count = threading.Event(), 0

    def run(self):
        due = time.monotonic()
        while True:
            due += self.pause  # on a fixed schedule; back to back when a post takes longer
            if self.stop.wait(max(0.0, due - time.monotonic())):
                return
            status, _ = call("POST", self.url, self.body, self.token, timeout=30)
            self.count += status == 201

    def __enter__(self):
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def flush_namespace(s):
    """Drops the bench's own cache keys (a run starts cold), nothing else in that Redis."""
    keys = subprocess.run(["redis-cli", "-h", s.redis_host, "-p", s.redis_port, "--scan", "--pattern", f"{s.namespace}:*"],
                          capture_output=True, text=True).stdout.split()
    for i in range(0, len(keys), 500):
        subprocess.run(["redis-cli", "-h", s.redis_host, "-p", s.redis_port, "UNLINK"] + keys[i:i + 500], capture_output=True)


# ---- the run -----------------------------------------------------------------------------------

TRIVIAL = "trivial endpoint `GET /health-check?type=alive`"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny data and 2 s runs: proves the harness works (CI)")
    parser.add_argument("--scale", type=int, default=1, help="N times the data set (seed-demo-data --scale N), "
                                                             "compared with the latest run at 1x")
    parser.add_argument("--duration", type=int, help="seconds per wrk/pgbench run (default 10; smoke 2)")
    parser.add_argument("--build", action="store_true", help="rebuild the jar even if it exists")
    parser.add_argument("--skip-load", action="store_true", help="reuse the loaded database of the last run")
    parser.add_argument("--database", help="base name of the databases (env BENCH_DATABASE; default inkwell_bench)")
    parser.add_argument("--namespace", help="the servers' cache namespace (env BENCH_NAMESPACE; default inkwell-bench)")
    parser.add_argument("--ports", help="ports for the servers, LOW-HIGH (env BENCH_PORTS; default 20000-32767)")
    args = parser.parse_args()
    if args.scale < 1:
        parser.error("--scale must be at least 1")
    s = Settings(args)
    ensure_tools()
    build(args.build)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    logs = report.RESULTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    notes = {"jvm": " ".join(s.jvm[1:]) or "none (no ops/config/jvm.options)"}

    if args.skip_load:
        # The last run rewrote every post (the bulk update) and added some: without a vacuum, lists
        # and searches would wade through the dead row versions until autovacuum comes round.
        clean(s)
        settle(s)
    else:
        notes["seed"], notes["seed_args"] = load(s)
    flush_namespace(s)
    if not psql(s, f"SELECT 1 FROM pg_database WHERE datname = '{s.pgbench_database}'", database="postgres"):
        psql(s, f"CREATE DATABASE {s.pgbench_database}", database="postgres")
        subprocess.run(["pgbench", "-i", "-q", "-s", "10", "-h", s.pg_host, "-p", s.pg_port, "-U", s.pg_user,
                        s.pgbench_database], check=True, capture_output=True)

    high = "100000000"
    raised = [f"-Ddw.rateLimits.{k}.{f}={high}" for k in ("tokens", "search", "bulk", "signUp") for f in ("perMinute", "burst")]
    api = Server(s, "api", "api", logs, raised)
    uncached = Server(s, "api-uncached", "api", logs, raised + ["-Ddw.cache.enabled=false"])
    worker = Server(s, "worker", "worker", logs)
    servers = [api, uncached, worker]
    try:
        for server in servers:
            server.await_ready()
        rows = measure(s, api, uncached, work, stamp, notes)
        notes["memory"] = {server.name: server.resident_mb() for server in servers}
    finally:
        for server in servers:
            server.stop()
    log("start to ready, db status, create-admin, local mode")
    start_and_commands(s, logs, stamp, notes)
    notes["local"] = local_first_answer(s)
    report.write(s, stamp, rows, notes)
    shutil.rmtree(work, ignore_errors=True)


def measure(s, api, uncached, work, stamp, notes):
    """Every row of the main table, and the batch figures into notes."""
    rows = []
    status, answer = call("POST", api.url("/api/tokens"), {"username": "bench", "password": ADMIN_PASSWORD})
    token = answer["token"]
    bench_id = int(psql(s, "SELECT id FROM users WHERE username = 'bench'"))
    posts = int(psql(s, "SELECT count(*) FROM posts"))
    hot = min(1000, posts)
    published = [int(x) for x in psql(s, f"SELECT id FROM posts WHERE published ORDER BY id LIMIT {hot}").split()]
    hot_paths = [f"/api/posts/{pid}" for pid in published]
    words = search_words()
    common = common_words(s)
    rare = limits.match_counts(s, [vocabulary_word(rank) for rank in RARE_RANKS])
    notes["common_words"] = list(common)
    notes["words"] = (f"common {', '.join(f'{w} {n:,}' for w, n in common.items())} (the issue's: 22,909 of the standard"
                      f" set); rare, {len(rare)} words of ranks {RARE_RANKS.start:,}–{RARE_RANKS[-1]:,}:"
                      f" {min(rare.values()):,}–{max(rare.values()):,} each; the 40 words of the other search rows:"
                      f" {words[0]}… (ranks 1,000–2,950)")
    log(f"search words: {notes['words']}")
    ids_lua = urls_lua(work / "ids.lua", hot_paths)
    all_ids = [int(x) for x in psql(s, "SELECT id FROM posts WHERE published ORDER BY random() LIMIT 20000").split()]
    cold_lua = urls_lua(work / "cold.lua", [f"/api/posts/{pid}" for pid in all_ids])
    pages = max(1, min(50, posts // 25))
    list_urls = [f"/api/posts?per_page=20&page={n}" for n in range(1, pages + 1)]
    search_urls = [f"/api/posts?per_page=20&q={w}" for w in words]
    page_urls = list_urls + search_urls
    list_lua, search_lua = urls_lua(work / "list.lua", list_urls), urls_lua(work / "search.lua", search_urls)
    common_lua = urls_lua(work / "common.lua", [f"/api/posts?per_page=20&q={w}" for w in common])
    rare_lua = urls_lua(work / "rare.lua", [f"/api/posts?per_page=20&q={w}" for w in rare])
    user_pages, tag_pages = (max(1, min(50, -(-int(psql(s, f"SELECT count(*) FROM {t}")) // 20))) for t in ("users", "tags"))
    users_lua = urls_lua(work / "users.lua", [f"/api/users?per_page=20&page={n}" for n in range(1, user_pages + 1)])
    tags_lua = urls_lua(work / "tags.lua", [f"/api/tags?per_page=20&page={n}" for n in range(1, tag_pages + 1)])
    content = post_content()
    post_body = {"title": "A benchmark post", "content": content, "tags": ["bench"], "published": True}
    post_lua = lua(work / "post.lua", "wrk.method = 'POST'\n"
                   f"wrk.headers['Authorization'] = 'Bearer {token}'\n"
                   "wrk.headers['Content-Type'] = 'application/json'\n"
                   f"wrk.body = '{json.dumps(post_body)}'\n")
    limits.check_post_read_sql(s)
    insert_sql = None
    try:
        insert_sql = lua(work / "insert.sql", limits.post_insert_script(limits.insert_values(bench_id, content)))
        limits.check_post_insert(s, insert_sql)
    except (ValueError, subprocess.CalledProcessError) as e:
        notes["insert_error"] = getattr(e, "stderr", None) or str(e)
        insert_sql = None
        log(f"the post's insert statements could not be run alone: {notes['insert_error']}")

    def bench_posts():
        """A PATCH script for the posts the bench wrote (POST rows): the standard data stays as seeded."""
        ids = psql(s, f"SELECT id FROM posts WHERE author_id = {bench_id} ORDER BY random() LIMIT 20000").split()
        if not ids:
            raise SystemExit("no post of the bench's own to edit: did POST /api/posts fail? see results/logs/api.log")
        return patch_lua(work / "patch.lua", token, ids)

    log("warming up")
    fill(api, hot_paths)  # the hot set, for the warm-up
    # Warm both servers' JIT before measuring: with 2 cores busy serving, C2 takes up to a
    # minute of load to compile a request path (measured, uncached reads: 1,900 req/s in the
    # first 5 s, 8,200 after 40 s), so each path is loaded until its rate is steady.
    warm_up(s, api.url("/health-check?type=alive"), None, "trivial endpoint")
    warm_up(s, api.url("/api/posts"), ids_lua, "cached reads")
    for server in (api, uncached):
        warm_up(s, server.url("/api/posts"), cold_lua, f"{server.name}: uncached reads")
        warm_up(s, server.url("/api/posts"), list_lua, f"{server.name}: list pages")
        warm_up(s, server.url("/api/posts"), search_lua, f"{server.name}: searches")
    warm_up(s, uncached.url("/api/posts"), common_lua, "common word")
    warm_up(s, uncached.url("/api/posts"), rare_lua, "rare words")
    warm_up(s, api.url("/api/users"), users_lua, "users pages")
    warm_up(s, api.url("/api/categories"), None, "categories")
    warm_up(s, api.url("/api/tags"), tags_lua, "tags pages")
    warm_up(s, api.url("/api/analytics/posts-per-category"), None, "analytics", connections=1)
    warm_up(s, api.url("/api/posts"), post_lua, "new posts", steady=False)
    warm_up(s, api.url("/api/posts"), bench_posts(), "post edits", steady=False)
    max_id = int(psql(s, "SELECT max(id) FROM posts"))

    for c in s.connections:
        log(f"{c} connections")
        trivial = wrk(s, api.url("/health-check?type=alive"), c, server=api)
        pg = limits.pgbench(s, c)
        rows.append(row(TRIVIAL, c, trivial))
        rows.append(row("`pgbench -S` (prepared)", c, pg))
        rows.append(row("`redis-benchmark` GET", c, limits.redis_benchmark(s, c)))
        # Entries live cache.ttl (10 minutes) from their fill, and the warm-up and the rows
        # before take longer: so the hot set and the pages are dropped and filled again here.
        flush_namespace(s)
        fill(api, hot_paths)
        rows.append(row("cached `GET /api/posts/{id}`", c, wrk(s, api.url("/api/posts"), c, ids_lua, server=api),
                        "trivial endpoint", trivial, Ratio(0.5), scaled=True))
        rows.append(row("uncached `GET /api/posts/{id}`", c, wrk(s, uncached.url("/api/posts"), c, cold_lua, server=uncached),
                        "pgbench -S", pg, Ratio(0.5), scaled=True))
        rows.append(row("PostgreSQL alone: the post's read (pgbench, random ids)", c,
                        limits.pgbench_post_read(s, c, max_id, work)))
        fill(api, page_urls)  # the kept pages as readers meet them between writes: built once, then measured
        rows.append(row("list page of 20", c, wrk(s, api.url("/api/posts"), c, list_lua, server=api),
                        target=Latency(20), scaled=True))
        rows.append(row("full-text search, page of 20", c, wrk(s, api.url("/api/posts"), c, search_lua, server=api),
                        target=Latency(20), scaled=True))
        # The same pages built for every request (the api without cache): what a page no reader
        # asked for since the last post write costs.
        rows.append(row("list page of 20, built each time (cache off)", c,
                        wrk(s, uncached.url("/api/posts"), c, list_lua, server=uncached), scaled=True))
        rows.append(row("full-text search, page of 20, built each time (cache off)", c,
                        wrk(s, uncached.url("/api/posts"), c, search_lua, server=uncached), scaled=True))
        rows.append(row("PostgreSQL alone: ranking every match of the search (pgbench, same words)", c,
                        limits.pgbench_ranking(s, c, words, work)))
        rows.append(row("search, common word, page built (cache off)", c,
                        wrk(s, uncached.url("/api/posts"), c, common_lua, server=uncached), target=Latency(50), scaled=True))
        rows.append(row("search, rare word, page built (cache off)", c,
                        wrk(s, uncached.url("/api/posts"), c, rare_lua, server=uncached), target=Rate(3_400), scaled=True))
        rows.append(row("users, page of 20 (`GET /api/users`)", c, wrk(s, api.url("/api/users"), c, users_lua, server=api),
                        target=Rate(8_000), scaled=True))
        rows.append(row("`GET /api/categories`", c, wrk(s, api.url("/api/categories"), c, server=api),
                        target=Rate(8_000), scaled=True))
        rows.append(row("tags, page of 20 (`GET /api/tags`)", c, wrk(s, api.url("/api/tags"), c, tags_lua, server=api),
                        target=Rate(8_000), scaled=True))
        if c == 16:
            # Kept pages with writes going on: each new post drops every kept page.
            for scenario, script in (("list page of 20", list_lua), ("full-text search, page of 20", search_lua)):
                with Writes(api, token, post_body, 10) as writes:
                    measured = wrk(s, api.url("/api/posts"), c, script, server=api)
                rows.append(row(f"{scenario}, {writes.count / s.duration:.0f} new posts/s alongside", c, measured))
        rows.append(row("`POST /api/posts`", c, wrk(s, api.url("/api/posts"), c, post_lua, server=api),
                        "trivial endpoint", trivial, Ratio(0.06, at=16), scaled=True))
        if insert_sql:
            rows.append(row("PostgreSQL alone: the post's insert statements (pgbench)", c,
                            limits.pgbench_post_insert(s, c, insert_sql)))
        rows.append(row("`PATCH /api/posts/{id}` (a new title)", c, wrk(s, api.url("/api/posts"), c, bench_posts(), server=api),
                        "trivial endpoint", trivial, Ratio(0.06, at=16), scaled=True))
    rows.append(row("analytics `GET /api/analytics/posts-per-category`, one at a time", 1,
                    wrk(s, api.url("/api/analytics/posts-per-category"), 1, server=api), target=Latency(50, at=1, percentile="p50")))

    list_url, search_url = list_urls[-1], search_urls[0]
    fill(api, [list_url, search_url])  # built once since the last rows' posts: the counts are of kept pages
    notes["statements"] = {(kind, server.name): statements_per_request(server, server.url(url))
                           for kind, url in (("list", list_url), ("search", search_url)) for server in (api, uncached)}
    notes["post_statements"] = statements_per_request(api, api.url("/api/posts"), 20, "POST", post_body, token)

    log("bulk creation of users, bulk update of every post")
    copy = statistics.median(limits.copy_users(s, s.bulk_users) for _ in range(3))  # 0.1 s: one run alone varies 2x
    # Names unique to this run: with --skip-load the last run's bulk users may still be there.
    # One untimed request first: like every other scenario, measured with the path compiled.
    bulk_users(api, token, s.bulk_users, f"{stamp[11:17]}w")
    bulk = statistics.median(bulk_users(api, token, s.bulk_users, f"{stamp[11:17]}r{run}") for run in range(3))
    notes["bulk_users"] = (s.bulk_users, bulk, copy)
    total = int(psql(s, "SELECT count(*) FROM posts"))
    plain, honest = limits.plain_update(s), limits.honest_update(s)
    notes["bulk_update"] = {"posts": total, "seconds": bulk_update(s, api, token), "plain": plain, "honest": honest}

    # Sign-ups last: each holds a 19 MiB Argon2id hash in the heap while it runs, 16 or 64 at once,
    # more than some heaps hold (OutOfMemoryError); nothing else is measured on that api after them.
    log("sign-ups")
    warm_up(s, api.url("/api/users"), signup_lua(work / "signup-warm.lua", f"w{stamp[11:17]}"), "sign-ups", steady=False)
    for c in s.connections:
        hashes = limits.password_hash_rate(s, s.jvm)
        rows.append(row(f"Argon2id password hashes alone, {os.cpu_count()} threads (PasswordHashRate)", c, hashes))
        rows.append(row("sign-up `POST /api/users`", c,
                        wrk(s, api.url("/api/users"), c, signup_lua(work / f"signup{c}.lua", f"s{stamp[11:17]}c{c}t"),
                            server=api), "password hashes alone", hashes, Ratio(0.8, at=16)))
    return rows


if __name__ == "__main__":
    main()
