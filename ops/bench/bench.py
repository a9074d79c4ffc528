#!/usr/bin/env python3
"""Inkwell's benchmark: the API against the machine's own limits, side by side in one run.

Loads the standard data set with Inkwell's own seed-demo-data, starts the api and the worker from
ops/target/inkwell.jar against the machine's PostgreSQL and Redis, measures with wrk, pgbench and
redis-benchmark, and writes a markdown table to ops/bench/results/. See ops/bench/README.md.
Only the standard library: it runs wherever python3 does.
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
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
JAR = ROOT / "ops" / "target" / "inkwell.jar"
CONFIG = ROOT / "ops" / "config"
RESULTS = ROOT / "ops" / "bench" / "results"
ADMIN_PASSWORD = "bench-admin-password-1"


def log(message):
    print(f"bench: {message}", flush=True)


def free_port():
    """A free port below Linux's ephemeral range (32768-60999): one the kernel hands out (bind to 0)
    can be taken by an outgoing connection before the server that was meant to get it binds it."""
    while True:
        port = random.randrange(20000, 32768)
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue


class Settings:
    def __init__(self, args):
        self.smoke = args.smoke
        self.pg_host = os.environ.get("BENCH_PGHOST", "127.0.0.1")
        self.pg_port = os.environ.get("BENCH_PGPORT", "5432")
        self.pg_user = os.environ.get("BENCH_PGUSER", "postgres")
        self.database = "inkwell_bench_smoke" if args.smoke else "inkwell_bench"
        self.pgbench_database = "inkwell_pgbench"
        self.redis_host = os.environ.get("BENCH_REDIS_HOST", "127.0.0.1")
        self.redis_port = os.environ.get("BENCH_REDIS_PORT", "6379")
        self.duration = args.duration or (2 if args.smoke else 10)
        self.connections = [16] if args.smoke else [16, 64]
        self.size = (["--users", "200", "--categories", "10", "--tags", "50", "--posts", "2000"] if args.smoke
                     else ["--full"])
        self.bulk_users = 500 if args.smoke else 10_000

    @property
    def jdbc_url(self):
        return f"jdbc:postgresql://{self.pg_host}:{self.pg_port}/{self.database}"

    @property
    def redis_url(self):
        return f"redis://{self.redis_host}:{self.redis_port}"

    def env(self, **extra):
        env = dict(os.environ)
        env.update(DATABASE_URL=self.jdbc_url, DATABASE_USER=self.pg_user, DATABASE_PASSWORD="",
                   REDIS_URL=self.redis_url, ADMIN_PASSWORD=ADMIN_PASSWORD)
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


def psql(s, sql, database=None, timing=False):
    """Runs sql; returns stdout (with timing: the milliseconds psql reports, one per statement)."""
    script = ("\\timing on\n" if timing else "") + sql
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", s.pg_host, "-p", s.pg_port,
                          "-U", s.pg_user, "-d", database or s.database],
                         input=script, capture_output=True, text=True, check=True).stdout
    if timing:
        return [float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", out, re.M)]
    return out.strip()


def jar(s, *args, env=None, check=True):
    return subprocess.run(["java", "-jar", str(JAR)] + list(args), cwd=ROOT, env=env or s.env(),
                          capture_output=True, text=True, check=check)


# ---- data -------------------------------------------------------------------------------------

def load(s):
    log(f"database {s.database} on {s.pg_host}:{s.pg_port}: drop, create, migrate, seed")
    psql(s, f"DROP DATABASE IF EXISTS {s.database} WITH (FORCE)", database="postgres")
    psql(s, f"CREATE DATABASE {s.database}", database="postgres")
    jar(s, "api", "db", "migrate", str(CONFIG / "api.yml"))
    started = time.monotonic()
    seeded = jar(s, "api", "seed-demo-data", *s.size, str(CONFIG / "api.yml"))
    seconds = time.monotonic() - started
    line = [l for l in seeded.stdout.splitlines() if l.startswith("seed-demo-data:")]
    log(line[0] if line else seeded.stdout[-500:])
    jar(s, "api", "create-admin", "--username", "bench", "--email", "bench@example.com", str(CONFIG / "api.yml"),
        env=s.env(INKWELL_ADMIN_PASSWORD=ADMIN_PASSWORD))
    settle(s)
    return seconds


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
        self.port = free_port()
        self.admin_port = free_port()
        self.log_path = logs / f"{name}.log"
        command = ["java", "-Ddw.cache.namespace=inkwell-bench"] + list(props) + [
            "-jar", str(JAR), role, "server", str(CONFIG / f"{role}.yml")]
        self.process = subprocess.Popen(command, cwd=ROOT, env=s.env(PORT=self.port, ADMIN_PORT=self.admin_port),
                                        stdout=open(self.log_path, "w"), stderr=subprocess.STDOUT)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def await_ready(self, limit=120):
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"{self.name} exited; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.url("/health-check?type=ready"), timeout=2) as r:
                    if r.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.1)
        raise SystemExit(f"{self.name} not ready after {limit} s; see {self.log_path}")

    def metrics(self):
        request = urllib.request.Request(f"http://127.0.0.1:{self.admin_port}/metrics")
        request.add_header("Authorization", basic("admin", ADMIN_PASSWORD))
        with urllib.request.urlopen(request, timeout=10) as r:
            return json.load(r)

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
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration or s.duration}s", "--latency", "--timeout", "5s"]
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


def lua(path, body):
    path.write_text(body)
    return path


def run_pgbench(s, database, connections, *args):
    """pgbench -n -M prepared with args at that concurrency for the run's duration: its tps and its output."""
    out = subprocess.run(["pgbench", "-n", "-M", "prepared", *args, "-c", str(connections), "-j", "2", "-T", str(s.duration),
                          "-h", s.pg_host, "-p", s.pg_port, "-U", s.pg_user, database],
                         capture_output=True, text=True, check=True).stdout
    return float(re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out).group(1)), out


def average(tps, out):
    """A pgbench figure with its mean latency as p50 (it reports no percentiles without a log)."""
    return {"rps": tps, "p50": float(re.search(r"latency average = ([0-9.]+) ms", out).group(1)), "p99": None}


def pgbench(s, connections):
    return average(*run_pgbench(s, s.pgbench_database, connections, "-S"))


# The work a search page cannot skip, as PostSearch writes it: rank every published match of the
# word and keep the best 21. Run alone it shows what PostgreSQL itself needs per search.
RANKING_SQL = ("SELECT p.id, ts_rank(p.search, tsq) AS rank FROM posts p CROSS JOIN websearch_to_tsquery('english', '{word}') AS tsq"
               " WHERE p.search @@ tsq AND p.published ORDER BY rank DESC, p.id DESC LIMIT 21;\n")


def pgbench_ranking(s, connections, words, work):
    """pgbench of the search's ranking query alone, one script per word, equally often; p50/p99 from its log."""
    scripts = []
    for i, word in enumerate(words):
        scripts += ["-f", str(lua(work / f"rank{i}.sql", RANKING_SQL.format(word=word)))]
    logs = work / f"ranking{connections}"
    logs.mkdir(exist_ok=True)
    tps, _ = run_pgbench(s, s.database, connections, *scripts, "-l", "--log-prefix", str(logs / "log"))
    latencies = sorted(int(line.split()[2]) / 1000 for f in logs.iterdir() for line in f.read_text().splitlines())
    return {"rps": tps, "p50": latencies[len(latencies) // 2], "p99": latencies[int(len(latencies) * 0.99)]}


TRIVIAL = "trivial endpoint `GET /health-check?type=alive`"
UNCACHED = "uncached `GET /api/posts/{id}`"
PGBENCH = "`pgbench -S` (prepared)"
POST_READ = "PostgreSQL alone: the post's read (pgbench, random ids)"


def post_read_sql():
    """The statement PostReads.findById runs, from PostSearch.java (so the two cannot drift apart)."""
    source = (ROOT / "persistence/src/main/java/dev/inkwell/persistence/post/PostSearch.java").read_text()
    block = lambda name: re.search(rf'{name} = """\n(.*?)""";', source, re.S).group(1)
    return "SELECT " + block("COLUMNS") + block("FROM") + " WHERE p.id = :id;\n"


def pgbench_post_read(s, connections, max_id, work):
    """pgbench of GET /api/posts/{id}'s one statement alone (the post with its author, category
    and tags), for random ids: what PostgreSQL itself can do for uncached reads."""
    script = lua(work / "post_read.sql", f"\\set id random(1, {max_id})\n" + post_read_sql())
    return average(*run_pgbench(s, s.database, connections, "-f", str(script)))


def check_post_read_sql(s):
    """Fails at the start, not after the warm-up, if the post read taken from PostSearch.java is not valid SQL."""
    psql(s, "EXPLAIN " + post_read_sql().replace(":id", "1"))


def fill(server, paths):
    """GETs each path once (each answer 200): fills the cache with them."""
    for path in paths:
        with urllib.request.urlopen(server.url(path), timeout=60) as answer:
            answer.read()


def warm_up(s, url, script, name, step=5, limit=180):
    """Loads url at 16 connections in runs of step seconds until three runs in a row are within 5%
    of their mean (the JIT has compiled the path), for at most limit seconds; one short run in smoke."""
    if s.smoke:
        wrk(s, url, 16, script, duration=2)
        return
    rates, started = [], time.monotonic()
    while time.monotonic() - started < limit:
        rates.append(wrk(s, url, 16, script, duration=step)["rps"])
        last = rates[-3:]
        if len(last) == 3 and max(abs(r - statistics.mean(last)) for r in last) <= 0.05 * statistics.mean(last):
            break
    log(f"warm-up, {name}: " + ", ".join(f"{r:,.0f}" for r in rates) + f" req/s in {time.monotonic() - started:.0f} s")


def redis_benchmark(s, connections):
    n = 50_000 if s.smoke else 400_000
    out = subprocess.run(["redis-benchmark", "-h", s.redis_host, "-p", s.redis_port, "-t", "get", "-c", str(connections),
                          "-n", str(n), "-q"], capture_output=True, text=True, check=True).stdout
    m = re.search(r"GET: ([0-9.]+) requests per second, p50=([0-9.]+) msec", out.replace("\r", "\n"))
    return {"rps": float(m.group(1)), "p50": float(m.group(2)), "p99": None}


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


def statements(server):
    """The application's SQL statements so far (Dropwizard times every Jdbi statement)."""
    timers = server.metrics()["timers"]
    return sum(t["count"] for name, t in timers.items() if name.startswith("dev.inkwell.persistence."))


def statements_per_request(server, url, n=50):
    before = statements(server)
    for _ in range(n):
        with urllib.request.urlopen(url, timeout=10) as r:
            r.read()
    return (statements(server) - before) / n


def copy_users(s, n):
    rows = "".join(f"copy{i:05d},copy{i:05d}@example.com\n" for i in range(n))
    times = psql(s, "BEGIN;\nCOPY users (username, email) FROM STDIN WITH (FORMAT csv);\n" + rows + "\\.\nROLLBACK;\n",
                 timing=True)
    return times[1] / 1000  # BEGIN, COPY, ROLLBACK


def bulk_users(api, token, n, run):
    # Encoded before the clock starts, as COPY's rows are written before psql times it.
    users = json.dumps([{"username": f"b{run}u{i:05d}", "email": f"b{run}u{i:05d}@example.com"} for i in range(n)]).encode()
    started = time.monotonic()
    status, answer = call("POST", api.url("/api/users/bulk"), users, token)
    seconds = time.monotonic() - started
    if status != 201:
        raise SystemExit(f"bulk user creation answered {status}: {str(answer)[:300]}")
    return seconds


def plain_update(s):
    times = psql(s, """BEGIN;
UPDATE posts SET category_id = (SELECT max(id) FROM categories), version = version + 1, updated_at = now()
 WHERE category_id IS DISTINCT FROM (SELECT max(id) FROM categories);
ROLLBACK;
""", timing=True)
    return times[1] / 1000


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
            return time.monotonic() - started, state
        time.sleep(0.2)
    raise SystemExit("bulk update did not finish in 30 minutes")


def local_first_answer():
    data = Path(tempfile.mkdtemp(prefix="inkwell-bench-local-"))
    port = free_port()
    env = dict(os.environ, INKWELL_DATA_DIR=str(data), PORT=str(port), ADMIN_PORT=str(free_port()),
               WORKER_PORT=str(free_port()), WORKER_ADMIN_PORT=str(free_port()), DASHBOARD_PORT=str(free_port()))
    for key in ("DATABASE_URL", "REDIS_URL", "BACKUP_DIR"):
        env.pop(key, None)
    started = time.monotonic()
    process = subprocess.Popen(["java", "-jar", str(JAR), "local"], cwd=ROOT, env=env,
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
        raise SystemExit("local mode did not answer within 120 s")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
        shutil.rmtree(data, ignore_errors=True)


# ---- the run -----------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny data and 2 s runs: proves the harness works (CI)")
    parser.add_argument("--duration", type=int, help="seconds per wrk/pgbench run (default 10; smoke 2)")
    parser.add_argument("--build", action="store_true", help="rebuild the jar even if it exists")
    parser.add_argument("--skip-load", action="store_true", help="reuse the loaded database of the last run")
    args = parser.parse_args()
    s = Settings(args)
    ensure_tools()
    build(args.build)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H%M%SZ")
    mode = "smoke" if s.smoke else "standard"
    logs = RESULTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="inkwell-bench-"))
    rows = []  # (scenario, connections, measured dict, limit name, limit dict, kind)
    notes = {}

    notes["seed"] = None if args.skip_load else load(s)
    if args.skip_load:
        # The last run rewrote every post (the bulk update) and added some: without a vacuum, lists
        # and searches would wade through the dead row versions until autovacuum comes round.
        settle(s)
    flush_namespace(s)
    if not psql(s, f"SELECT 1 FROM pg_database WHERE datname = '{s.pgbench_database}'", database="postgres"):
        psql(s, f"CREATE DATABASE {s.pgbench_database}", database="postgres")
        subprocess.run(["pgbench", "-i", "-q", "-s", "10", "-h", s.pg_host, "-p", s.pg_port, "-U", s.pg_user,
                        s.pgbench_database], check=True, capture_output=True)

    high = "100000000"
    limits = [f"-Ddw.rateLimits.{k}.{f}={high}" for k in ("tokens", "search", "bulk") for f in ("perMinute", "burst")]
    api = Server(s, "api", "api", logs, limits)
    uncached = Server(s, "api-uncached", "api", logs, limits + ["-Ddw.cache.enabled=false"])
    worker = Server(s, "worker", "worker", logs)
    servers = [api, uncached, worker]
    try:
        for server in servers:
            server.await_ready()
        status, answer = call("POST", api.url("/api/tokens"), {"username": "bench", "password": ADMIN_PASSWORD})
        token = answer["token"]
        posts = int(psql(s, "SELECT count(*) FROM posts"))
        hot = min(1000, posts)
        published = [int(x) for x in psql(s, f"SELECT id FROM posts WHERE published ORDER BY id LIMIT {hot}").split()]
        hot_paths = [f"/api/posts/{pid}" for pid in published]
        words = search_words()
        ids_lua = lua(work / "ids.lua", "ids = {" + ",".join(map(str, published)) + "}\n"
                      "request = function() return wrk.format('GET', '/api/posts/' .. ids[math.random(#ids)]) end\n")
        all_ids = [int(x) for x in psql(s, "SELECT id FROM posts WHERE published ORDER BY random() LIMIT 20000").split()]
        cold_lua = lua(work / "cold.lua", "ids = {" + ",".join(map(str, all_ids)) + "}\n"
                       "request = function() return wrk.format('GET', '/api/posts/' .. ids[math.random(#ids)]) end\n")
        pages = max(1, min(50, posts // 25))
        list_urls = [f"/api/posts?per_page=20&page={n}" for n in range(1, pages + 1)]
        search_urls = [f"/api/posts?per_page=20&q={w}" for w in words]
        page_urls = list_urls + search_urls
        list_lua, search_lua = (lua(work / f"{name}.lua", "urls = {" + ",".join(f"'{u}'" for u in urls) + "}\n"
                                    "request = function() return wrk.format('GET', urls[math.random(#urls)]) end\n")
                                for name, urls in (("list", list_urls), ("search", search_urls)))
        content = " ".join(words * 20)[:1000]
        post_body = {"title": "A benchmark post", "content": content, "tags": ["bench"], "published": True}
        post_lua = lua(work / "post.lua", "wrk.method = 'POST'\n"
                       f"wrk.headers['Authorization'] = 'Bearer {token}'\n"
                       "wrk.headers['Content-Type'] = 'application/json'\n"
                       f"wrk.body = '{json.dumps(post_body)}'\n")
        check_post_read_sql(s)
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
        max_id = int(psql(s, "SELECT max(id) FROM posts"))

        for c in s.connections:
            log(f"{c} connections")
            trivial = wrk(s, api.url("/health-check?type=alive"), c, server=api)
            pg = pgbench(s, c)
            redis = redis_benchmark(s, c)
            rows.append((TRIVIAL, c, trivial, None, None, "limit"))
            rows.append((PGBENCH, c, pg, None, None, "limit"))
            rows.append(("`redis-benchmark` GET", c, redis, None, None, "limit"))
            # Entries live cache.ttl (10 minutes) from their fill, and the warm-up and the rows
            # before take longer: so the hot set and the pages are dropped and filled again here.
            flush_namespace(s)
            fill(api, hot_paths)
            rows.append(("cached `GET /api/posts/{id}`", c, wrk(s, api.url("/api/posts"), c, ids_lua, server=api), "trivial endpoint", trivial, "ratio"))
            rows.append((UNCACHED, c, wrk(s, uncached.url("/api/posts"), c, cold_lua, server=uncached), "pgbench -S", pg, "ratio"))
            rows.append((POST_READ, c, pgbench_post_read(s, c, max_id, work), None, None, "limit"))
            fill(api, page_urls)  # the kept pages as readers meet them between writes: built once, then measured
            rows.append(("list page of 20", c, wrk(s, api.url("/api/posts"), c, list_lua, server=api), None, None, "p99"))
            rows.append(("full-text search, page of 20", c, wrk(s, api.url("/api/posts"), c, search_lua, server=api), None, None, "p99"))
            # The same pages built for every request (the api without cache): what a page no reader
            # asked for since the last post write costs.
            rows.append(("list page of 20, built each time (cache off)", c,
                         wrk(s, uncached.url("/api/posts"), c, list_lua, server=uncached), None, None, "info"))
            rows.append(("full-text search, page of 20, built each time (cache off)", c,
                         wrk(s, uncached.url("/api/posts"), c, search_lua, server=uncached), None, None, "info"))
            rows.append(("PostgreSQL alone: the search's ranking query (pgbench, same words)", c,
                         pgbench_ranking(s, c, words, work), None, None, "limit"))
            if c == 16:
                # Kept pages with writes going on: each new post drops every kept page.
                for scenario, script in (("list page of 20", list_lua), ("full-text search, page of 20", search_lua)):
                    with Writes(api, token, post_body, 10) as writes:
                        measured = wrk(s, api.url("/api/posts"), c, script, server=api)
                    rows.append((f"{scenario}, {writes.count / s.duration:.0f} new posts/s alongside", c, measured,
                                 None, None, "info"))
            rows.append(("`POST /api/posts`", c, wrk(s, api.url("/api/posts"), c, post_lua, server=api), None, None, "info"))

        list_url, search_url = list_urls[-1], search_urls[0]
        fill(api, [list_url, search_url])  # built once since the last rows' posts: the counts are of kept pages
        notes["statements"] = {(kind, server.name): statements_per_request(server, server.url(url))
                               for kind, url in (("list", list_url), ("search", search_url)) for server in (api, uncached)}

        copy = statistics.median(copy_users(s, s.bulk_users) for _ in range(3))  # 0.1 s: one run alone varies 2x
        # Names unique to this run: with --skip-load the last run's bulk users are still there.
        # One untimed request first: like every other scenario, measured with the path compiled.
        bulk_users(api, token, s.bulk_users, f"{stamp[11:17]}w")
        bulk = statistics.median(bulk_users(api, token, s.bulk_users, f"{stamp[11:17]}r{run}") for run in range(3))
        notes["bulk_users"] = (s.bulk_users, bulk, copy)
        total = int(psql(s, "SELECT count(*) FROM posts"))
        plain = plain_update(s)
        job_seconds, job = bulk_update(s, api, token)
        notes["bulk_update"] = (total, job_seconds, plain, job)
    finally:
        for server in servers:
            server.stop()
    notes["local"] = local_first_answer()
    write(s, mode, stamp, rows, notes)


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
    keys = subprocess.run(["redis-cli", "-h", s.redis_host, "-p", s.redis_port, "--scan", "--pattern", "inkwell-bench:*"],
                          capture_output=True, text=True).stdout.split()
    for i in range(0, len(keys), 500):
        subprocess.run(["redis-cli", "-h", s.redis_host, "-p", s.redis_port, "UNLINK"] + keys[i:i + 500], capture_output=True)


def bound(a, b):
    """The rate of requests that each need the work of one a-rate task and one b-rate task on the same cores."""
    return 1 / (1 / a + 1 / b)


def rate(c, rows, scenario):
    """The requests/s of a row of the table."""
    return next(m["rps"] for name, conns, m, *_ in rows if conns == c and name == scenario)


def uncached_against_bound(c, rows):
    """The uncached reads at c connections held against the bound of the trivial endpoint and the post's read."""
    trivial, read, cold, pg = (rate(c, rows, name) for name in (TRIVIAL, POST_READ, UNCACHED, PGBENCH))
    most = bound(trivial, read)
    return (f"{c} connections: {trivial:,.0f} and {read:,.0f} give at most {most:,.0f}, {most / pg:.2f} of `pgbench -S`, "
            f"which is {pg / read:.1f}× the post's read; Inkwell {cold:,.0f}, {cold / most:.2f} of the bound")


def fmt_ms(v):
    return "–" if v is None else f"{v:.2f}"


def write(s, mode, stamp, rows, notes):
    buffers, data, small = psql(s, "SELECT current_setting('shared_buffers') || '|' || pg_size_pretty(pg_database_size(current_database()))"
                                   " || '|' || (pg_size_bytes(current_setting('shared_buffers')) < pg_database_size(current_database()))").split("|")
    lines = [f"# Inkwell benchmark, {mode} data set, {stamp}", "",
             f"Machine: {os.cpu_count()} cores; PostgreSQL {psql(s, 'SHOW server_version')} (shared_buffers {buffers}, "
             f"database {data}) and Redis at {s.pg_host}:{s.pg_port} / {s.redis_host}:{s.redis_port}; wrk -t2, "
             f"{s.duration} s per run; load generator and servers share the machine.", ""]
    if small == "true":
        lines += ["**shared_buffers is smaller than the database**: reads of posts go through the kernel's cache and "
                  "searches are slower than PostgreSQL set up as ops/RUNBOOK.md (PostgreSQL settings) says.", ""]
    counts = psql(s, "SELECT (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM posts) || ' posts, ' "
                     "|| (SELECT count(*) FROM post_tags) || ' post tags'")
    lines += [f"Data: {counts}" + (f" (seeded in {notes['seed']:.1f} s)" if notes.get("seed") else "") + ".", ""]
    lines += ["| scenario | conns | req/s | p50 ms | p99 ms | CPU ms/req: Inkwell · PostgreSQL · Redis | limit | limit req/s | ratio | target | met |",
              "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |"]
    verdicts = []
    for scenario, c, m, limit_name, limit, kind in rows:
        ratio = target = met = ""
        limit_rps = ""
        if kind == "ratio":
            r = m["rps"] / limit["rps"]
            ratio, target, limit_rps = f"{r:.2f}", "≥ 0.50", f"{limit['rps']:,.0f}"
            met = "yes" if r >= 0.5 else "**no**"
        elif kind == "p99" and c == 16:
            target = "p99 < 20 ms"
            met = "yes" if m["p99"] < 20 else "**no**"
        if met:
            verdicts.append(met == "yes")
        errors = f" ({m['errors']} non-2xx)" if m.get("errors") else ""
        cpu = m.get("cpu")
        cpu = f"{cpu['inkwell']:.3f} · {cpu['postgres']:.3f} · {cpu['redis']:.3f}" if cpu else ""
        lines.append(f"| {scenario}{errors} | {c} | {m['rps']:,.0f} | {fmt_ms(m['p50'])} | {fmt_ms(m['p99'])} | {cpu} | "
                     f"{limit_name or ''} | {limit_rps} | {ratio} | {target} | {met} |")
    n, bulk, copy = notes["bulk_users"]
    r = copy / bulk
    verdicts.append(r >= 0.5)
    total, job_seconds, plain, job = notes["bulk_update"]
    u = plain / job_seconds
    verdicts.append(u >= 0.5)
    verdicts.append(notes["local"] < 10)
    lines += ["", "| batch | Inkwell | limit | ratio | target | met |", "| --- | ---: | ---: | ---: | --- | --- |",
              f"| bulk create of {n:,} users (`POST /api/users/bulk`, median of 3) | {bulk:.2f} s ({n / bulk:,.0f} rows/s) | "
              f"`COPY` {copy:.2f} s, median of 3 ({n / copy:,.0f} rows/s) | {r:.2f} | ≥ 0.50 | {'yes' if r >= 0.5 else '**no**'} |",
              f"| bulk update of {total:,} posts (job, request to succeeded) | {job_seconds:.1f} s | "
              f"one `UPDATE` {plain:.1f} s | {u:.2f} | ≥ 0.50 | {'yes' if u >= 0.5 else '**no**'} |",
              f"| local mode, start to first answer (fresh data folder, demo data) | {notes['local']:.1f} s | | | < 10 s | "
              f"{'yes' if notes['local'] < 10 else '**no**'} |", "",
              "SQL statements per request (Jdbi's statement timers, mean of 50; kept: a page read since the last post "
              "write, answered from the cache; built: the api without cache, every post read from PostgreSQL): "
              + "; ".join(f"{kind} page of 20: {st[(kind, 'api')]:.1f} kept, {st[(kind, 'api-uncached')]:.1f} built"
                          for st in [notes["statements"]] for kind in ("list", "search")) + ".", "",
              "Uncached reads against what these cores can do for them: each needs the HTTP work of a request "
              "(the trivial endpoint's rate) and PostgreSQL's work for the post's read (its rate alone), on the same "
              "cores, so at most 1 / (1/trivial + 1/read) req/s: "
              + "; ".join(uncached_against_bound(c, rows) for c in s.connections) + ".", "",
              f"Budget: {sum(verdicts)} of {len(verdicts)} targets met.", ""]
    text = "\n".join(lines)
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / f"{stamp}-{mode}.md").write_text(text)
    (RESULTS / f"latest-{mode}.md").write_text(text)
    print(text)
    log(f"written to ops/bench/results/{stamp}-{mode}.md")


if __name__ == "__main__":
    main()
