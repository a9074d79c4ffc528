"""How ops/bench/bench.py measures: wrk with the CPU each process used, its scripts, the warm-up
until a path's rate is steady, posts written alongside a run, and the timed calls of the batch
figures (bulk work, statement counts, start and commands, local mode). See README.md.
"""
import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from limits import ROOT, log, lua, psql
from servers import ADMIN_PASSWORD, Server, call, stop

BENCH_EMAILS = "@bench.example.com"  # users the bench creates: deleted before a --skip-load run


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


# ---- wrk's scripts -----------------------------------------------------------------------------

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


def post_lua(path, token, body):
    return lua(path, "wrk.method = 'POST'\n"
                     f"wrk.headers['Authorization'] = 'Bearer {token}'\n"
                     "wrk.headers['Content-Type'] = 'application/json'\n"
                     f"wrk.body = '{json.dumps(body)}'\n")


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


# ---- around the runs ---------------------------------------------------------------------------

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


# ---- the batch figures -------------------------------------------------------------------------

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


def start_and_commands(s, target, tag, notes):
    """With nothing else of the bench running: an api's start to ready, `api db status` and
    `api create-admin` (a new admin each time), each the median of s.runs."""
    starts, status, admins = [], [], []
    for i in range(s.runs):
        server = Server(target, f"api-start{i}", "api")
        try:
            starts.append(server.await_ready())
        finally:
            server.stop()
        started = time.monotonic()
        target.command("api", "db", "status", str(target.config / "api.yml"))
        status.append(time.monotonic() - started)
        name = f"admin{tag}x{i}"
        started = time.monotonic()
        target.command("api", "create-admin", "--username", name, "--email", name + BENCH_EMAILS, str(target.config / "api.yml"),
                       env=s.env(INKWELL_ADMIN_PASSWORD=ADMIN_PASSWORD))
        admins.append(time.monotonic() - started)
    notes.update(start=statistics.median(starts), db_status=statistics.median(status),
                 create_admin=statistics.median(admins), runs=s.runs)


def local_first_answer(s, target):
    data = Path(tempfile.mkdtemp(prefix="inkwell-bench-local-"))
    port = s.free_port()
    env = dict(os.environ, INKWELL_DATA_DIR=str(data), PORT=str(port), ADMIN_PORT=str(s.free_port()),
               WORKER_PORT=str(s.free_port()), WORKER_ADMIN_PORT=str(s.free_port()), DASHBOARD_PORT=str(s.free_port()))
    for key in ("DATABASE_URL", "REDIS_URL", "BACKUP_DIR"):
        env.pop(key, None)
    started = time.monotonic()
    process = subprocess.Popen(s.jvm + ["-jar", str(target.jar), "local"], cwd=ROOT, env=env,
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
        stop(process)
        shutil.rmtree(data, ignore_errors=True)
