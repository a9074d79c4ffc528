#!/usr/bin/env python3
"""Inkwell scaled out on one machine: HAProxy, two APIs, two workers, PgBouncer, PostgreSQL, Redis.

`up` installs HAProxy and PgBouncer if missing (Debian packages), builds the jar if missing, and
starts PgBouncer in transaction mode in front of the machine's PostgreSQL, the APIs and workers
through it (work that needs a session straight to PostgreSQL), and HAProxy in front of the APIs;
it returns once every part is ready. `down` stops exactly what `up` started, from the pids it wrote;
`restart NAME...` restarts APIs and workers in turn, each ready again before the next.
Everything goes under a run folder (pids, logs, generated configs). See ops/cluster/README.md.
Only the standard library: it runs wherever python3 does.
"""
import argparse
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "ops" / "bench"))
import bench  # noqa: E402  (its choice of free ports)
import servers  # noqa: E402  (emptying a cache namespace)
JAR = ROOT / "ops" / "target" / "inkwell.jar"
CONFIG = ROOT / "ops" / "config"
HERE = Path(__file__).resolve().parent
STATE = "cluster.json"
ADMIN = "cluster"  # the API admin up creates; its password is in <run folder>/admin-password
# HAProxy connects to the APIs from this loopback address, and the APIs believe X-Forwarded-For
# only from it (TRUSTED_PROXIES): a client on 127.0.0.1 talking to an API directly cannot pose as
# another one, and clients on other loopback addresses count apart behind HAProxy.
PROXY_SOURCE = "127.0.0.2"
STARTED = time.monotonic()
JVM = ["java"] + ([f"@{CONFIG / 'jvm.options'}"] if (CONFIG / "jvm.options").exists() else [])


def log(message):
    elapsed = int(time.monotonic() - STARTED)
    print(f"cluster [{elapsed // 60}:{elapsed % 60:02d}]: {message}", file=sys.stderr, flush=True)


class Settings:
    def __init__(self, args):
        self.dir = Path(args.dir).resolve()
        self.pg_host = os.environ.get("CLUSTER_PGHOST", "127.0.0.1")
        self.pg_port = int(os.environ.get("CLUSTER_PGPORT", "5432"))
        self.pg_user = os.environ.get("CLUSTER_PGUSER", "postgres")
        self.redis_url = os.environ.get("CLUSTER_REDIS_URL", "redis://127.0.0.1:6379")
        if getattr(args, "command", None) != "up":
            return
        self.database = args.database
        self.jobs_database = f"{args.database}_jobs"  # the workers' pool in PgBouncer: same database, own pool
        self.namespace = args.namespace
        self.apis, self.workers = args.apis, args.workers
        low, high = (int(p) for p in args.ports.split("-"))
        self.ports = list(range(low, high + 1))
        random.shuffle(self.ports)
        self.lb_port = args.port
        self.jvm = JVM

    # A free port of the range, below Linux's ephemeral ports (which outgoing connections take): ops/bench's way.
    free_port = bench.Settings.free_port

    def direct_url(self):
        return f"jdbc:postgresql://{self.pg_host}:{self.pg_port}/{self.database}"

    def pooled_url(self, database, port):
        # Debian 12's PgBouncer (1.18) keeps no prepared statement across transactions: the driver
        # must not switch to server-side prepared statements (it does after 5 runs of one statement).
        return f"jdbc:postgresql://127.0.0.1:{port}/{database}?prepareThreshold=0"


# ---- tools ------------------------------------------------------------------------------------

def ensure_packages():
    missing = [pkg for tool, pkg in (("haproxy", "haproxy"), ("pgbouncer", "pgbouncer"), ("psql", "postgresql-client"),
                                     ("pg_dump", "postgresql-client"), ("redis-cli", "redis-tools"))
               if shutil.which(tool) is None and not Path(f"/usr/sbin/{tool}").exists()]
    missing = sorted(set(missing))
    if not missing:
        return
    log(f"installing {' '.join(missing)}")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    # The packages' own services are not wanted (up starts its own, on its own ports): policy-rc.d
    # keeps Debian's maintainer scripts from starting them where no systemd runs.
    policy = Path("/usr/sbin/policy-rc.d")
    added = os.geteuid() == 0 and not policy.exists()
    if added:
        policy.write_text("#!/bin/sh\nexit 101\n")
        policy.chmod(0o755)
    try:
        subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing, check=True, env=env)
    finally:
        if added:
            policy.unlink()


def tool(name):
    found = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
    if not found:
        raise SystemExit(f"{name} is not installed")
    return found


def build(force):
    if force or not JAR.exists():
        log("building ops/target/inkwell.jar")
        subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=ROOT, check=True)


def psql(s, sql, database="postgres", port=None, host=None):
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", host or s.pg_host,
                          "-p", str(port or s.pg_port), "-U", s.pg_user, "-d", database],
                         input=sql, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"psql ({database}): {out.stderr.strip()}")
    return out.stdout.strip()


def session_settings():
    """The settings the driver asks for in its `options` startup parameter (DatabaseFactory's
    defaults: statement and lock timeouts, no JIT), as SET statements. PgBouncer 1.18 refuses that
    parameter (it is told to ignore it), so its connections get them from connect_query instead."""
    source = (ROOT / "persistence/src/main/java/dev/inkwell/persistence/DatabaseFactory.java").read_text()
    m = re.search(r'properties\.put\("options",\s*"([^"]*)"\)', source)
    if not m:
        raise SystemExit("DatabaseFactory.java: no default `options` property found")
    pairs = re.findall(r"-c\s+(\w+)=(\S+)", m.group(1))
    return "; ".join(f"SET {name} = {value}" for name, value in pairs)


# ---- processes ---------------------------------------------------------------------------------

def start_time(pid):
    """The process's start (clock ticks since boot): with the pid, it tells a process from a later
    one that reused its pid. None when it is gone (or a zombie: ended, not yet collected)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return None if fields[0] == "Z" else int(fields[19])
    except (OSError, IndexError, ValueError):
        return None


class Cluster:
    """The state file of a run folder: what up started, in order, so that down stops exactly that."""

    def __init__(self, dir):
        self.dir = dir
        self.path = dir / STATE
        self.state = json.loads(self.path.read_text()) if self.path.exists() else {"processes": [], "addresses": {}}

    def save(self):
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.state, indent=2) + "\n")
        tmp.replace(self.path)

    def running(self):
        return [p for p in self.state["processes"] if start_time(p["pid"]) == p["start_time"]]

    def start(self, name, kind, command, env=None, stop=signal.SIGTERM, **info):
        """Starts a process and records it. env: for an API or worker, the variables set on top of
        this environment (recorded, so that restart starts it the same way; secrets are not)."""
        record = dict(name=name, kind=kind, log=str(self.dir / "logs" / f"{name}.log"), stop=int(stop),
                      command=command, env=env, **info)
        self.launch(record, "wb")  # a new run starts its logs afresh
        self.state["processes"].append(record)
        self.save()
        return record

    def launch(self, record, mode):
        with open(record["log"], mode) as out:
            process = subprocess.Popen(record["command"], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                       env=None if record["env"] is None else app_env(self.dir, record["env"]),
                                       stdin=subprocess.DEVNULL, start_new_session=True)
        record.update(pid=process.pid, start_time=start_time(process.pid))

    def alive(self, record):
        return start_time(record["pid"]) == record["start_time"]

    def named(self, name):
        found = [p for p in self.state["processes"] if p["name"] == name]
        if not found:
            raise SystemExit(f"no process {name} in {self.path} (there are {', '.join(p['name'] for p in self.state['processes'])})")
        return found[0]


def get(url, timeout=2.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()
    except OSError:
        return None, b""


def await_until(what, check, cluster, records, limit=180):
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        for record in records:
            if not cluster.alive(record):
                raise SystemExit(f"{record['name']} exited while waiting for {what}; see {record['log']}")
        if check():
            return
        time.sleep(0.25)
    raise SystemExit(f"{what}: not after {limit} s; see the logs in {cluster.dir / 'logs'}")


def ready(record):
    return get(f"http://127.0.0.1:{record['port']}/health-check?type=ready")[0] == 200


def haproxy_servers(socket_path):
    """Status of each API behind HAProxy (UP, DOWN, MAINT...), from its stats socket."""
    try:
        with socket.socket(socket.AF_UNIX) as sock:
            sock.settimeout(2)
            sock.connect(str(socket_path))
            sock.sendall(b"show stat\n")
            data = b""
            while chunk := sock.recv(65536):
                data += chunk
    except OSError:
        return {}
    lines = data.decode().splitlines()
    if not lines or not lines[0].startswith("# "):
        return {}
    header = lines[0][2:].split(",")
    rows = [dict(zip(header, line.split(","))) for line in lines[1:] if line]
    return {r["svname"]: r["status"] for r in rows if r["pxname"] == "apis" and r["svname"] not in ("BACKEND", "FRONTEND")}


# ---- configs -----------------------------------------------------------------------------------

def pgbouncer_ini(s, port, folder):
    settings = session_settings()
    server = f"host={s.pg_host} port={s.pg_port} dbname={s.database}"
    # Pool sizes: PostgreSQL's max_connections (100 by default) holds PgBouncer's server
    # connections, api 10 + workers 8 (+ 2 reserve each), and the workers' direct pools (a LISTEN
    # and a backup each, 8 at most): 38 at most for the whole cluster, 24 in practice.
    text = f"""; Generated by ops/cluster/up: PgBouncer in transaction mode between Inkwell and PostgreSQL.
[databases]
; One PostgreSQL database, two pools: a bulk update's chunks (long transactions, up to
; jobs.workerCount per worker) cannot take the connections API requests need.
; connect_query: the driver's session settings (DatabaseFactory's `options`), which PgBouncer
; cannot pass on from the client, set on each new server connection instead.
{s.database} = {server} pool_size=10 connect_query='{settings}'
{s.jobs_database} = {server} pool_size=8 connect_query='{settings}'

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
; No Unix socket: clients come over TCP only.
unix_socket_dir =
; PostgreSQL trusts this machine's loopback clients, and so does PgBouncer here. In production:
; auth_type = scram-sha-256 with the users' secrets in auth_file (or auth_query).
auth_type = trust
auth_file = {folder / "userlist.txt"}
; SHOW POOLS, SHOW STATS...: psql -h 127.0.0.1 -p {port} -U {s.pg_user} pgbouncer
admin_users = {s.pg_user}
; A server connection is lent for one transaction; session state (SET, advisory locks, LISTEN,
; server-side prepared statements) does not survive it: such work uses directDatabaseUrl.
pool_mode = transaction
; Client connections: the apps' pools, 2 x 16 (api) + 2 x 8 (workers), with room for more instances.
max_client_conn = 200
; A pool under pressure for reserve_pool_timeout seconds may open this many more.
reserve_pool_size = 2
reserve_pool_timeout = 1
; A client waits this long for a server connection, then gets an error (the apps' own pool waits
; are 2 s; a job waiting behind other chunks may wait longer).
query_wait_timeout = 15
server_connect_timeout = 5
server_login_retry = 1
; Idle server connections close after this long.
server_idle_timeout = 60
; The driver sends these at startup: extra_float_digits is set again by it with SET, and options
; (statement and lock timeouts, no JIT) comes from connect_query above.
ignore_startup_parameters = extra_float_digits, options
log_connections = 0
log_disconnections = 0
"""
    if os.geteuid() == 0:
        text += "; PgBouncer refuses to run as root.\nuser = postgres\n"
    return text


def haproxy_cfg(s, port, stats_port, apis, socket_path):
    servers = "\n".join(f"    server {a['name']} 127.0.0.1:{a['port']} check" for a in apis)
    return f"""# Generated by ops/cluster/up: HAProxy in front of the Inkwell APIs.
global
    log stdout format raw local0
    maxconn 4096
    # The runtime API (`show stat`, `disable server apis/api-1`...), for up and operators.
    stats socket {socket_path} mode 600 level admin

defaults
    mode http
    log global
    option httplog
    option dontlognull
    # X-Forwarded-For with the client's address, appended to any the client sent: the APIs believe
    # it only from {PROXY_SOURCE} (TRUSTED_PROXIES), the address HAProxy connects from.
    option forwardfor
    # A request whose connection to an API failed goes to the other one.
    option redispatch
    retries 2
    timeout connect 2s
    # Longer than any request takes (a bulk request of 10,000 users: seconds).
    timeout client 60s
    timeout server 60s
    timeout http-request 10s
    timeout http-keep-alive 10s
    # Requests queue this long when every API is at maxconn, then get 503.
    timeout queue 5s
    timeout check 1s

frontend inkwell
    bind 127.0.0.1:{port}
    default_backend apis

backend apis
    balance roundrobin
    # Only instances whose readiness answers 200. On SIGTERM an API answers 503 at once and keeps
    # serving for 5 s (health.shutdownWaitPeriod): checked every second and out after 2 failures,
    # it takes no new request before it stops; back in after 2 successes.
    option httpchk
    http-check send meth GET uri /health-check?type=ready
    http-check expect status 200
    # Idle connections to the APIs are closed after 5 s (pool-purge-delay), before Jetty closes
    # them (its idleTimeout is 30 s): no request is sent on a connection the API is closing.
    default-server inter 1s fall 2 rise 2 maxconn 64 pool-purge-delay 5s
    source {PROXY_SOURCE}
{servers}

frontend stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /
    stats refresh 5s
"""


# ---- up ----------------------------------------------------------------------------------------

def up(args):
    s = Settings(args)
    s.dir.mkdir(parents=True, exist_ok=True)
    cluster = Cluster(s.dir)
    if cluster.running():
        raise SystemExit(f"a cluster of {s.dir} is running ({', '.join(p['name'] for p in cluster.running())}):"
                         f" ops/cluster/down --dir {s.dir} first")
    if cluster.path.exists():
        cluster.path.replace(s.dir / "cluster.stopped.json")
    cluster = Cluster(s.dir)
    (s.dir / "logs").mkdir(exist_ok=True)
    ensure_packages()
    build(args.build)
    # The cluster runs a copy of the jar: a build meanwhile (the acceptance checks' own, in check)
    # rewrites ops/target/inkwell.jar, which running JVMs and restarts must not see half written.
    shutil.copy2(JAR, s.dir / "inkwell.jar")
    try:
        start(s, cluster, args)
    except BaseException:
        log("up failed: stopping what it started")
        stop(cluster)
        raise


def start(s, cluster, args):
    prepare_database(s, args.fresh)
    check_headroom(s)
    redis_ping(s)

    pgb_port = s.free_port()
    folder = s.dir / "pgbouncer"
    folder.mkdir(exist_ok=True)
    (folder / "userlist.txt").write_text(f'"{s.pg_user}" ""\n')
    (folder / "pgbouncer.ini").write_text(pgbouncer_ini(s, pgb_port, folder))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        for f in folder.iterdir():
            shutil.chown(f, "postgres")
    pgbouncer = cluster.start("pgbouncer", "pgbouncer", [tool("pgbouncer"), str(folder / "pgbouncer.ini")],
                              stop=signal.SIGINT, port=pgb_port)  # SIGINT: finish transactions, then stop
    await_until("PgBouncer", lambda: pgbouncer_answers(s, pgb_port), cluster, [pgbouncer], limit=20)

    env = dict(DATABASE_USER=s.pg_user, DATABASE_DIRECT_URL=s.direct_url(), REDIS_URL=s.redis_url,
               TRUSTED_PROXIES=PROXY_SOURCE, BACKUP_DIR=str(s.dir / "backups"))
    api_env = dict(env, DATABASE_URL=s.pooled_url(s.database, pgb_port))
    worker_env = dict(env, DATABASE_URL=s.pooled_url(s.jobs_database, pgb_port))

    log("migrating (straight to PostgreSQL: directDatabaseUrl)")
    run_jar(app_env(s.dir, api_env), "api", "db", "migrate", str(CONFIG / "api.yml"))
    admin_password = create_admin(s, app_env(s.dir, api_env))

    props = [f"-Ddw.cache.namespace={s.namespace}", "-Ddw.server.applicationConnectors[0].bindHost=127.0.0.1"]
    servers = []
    for i in range(1, s.workers + 1):
        port, admin, dashboard = s.free_port(), s.free_port(), s.free_port()
        servers.append(cluster.start(f"worker-{i}", "worker", s.jvm + props + ["-jar", str(s.dir / "inkwell.jar"), "worker", "server",
                                                                              str(CONFIG / "worker.yml")],
                                     dict(worker_env, PORT=str(port), ADMIN_PORT=str(admin), DASHBOARD_PORT=str(dashboard)),
                                     port=port, admin_port=admin))
    # HAProxy's port is the APIs' public address: the links of their feeds point there.
    lb_port = s.lb_port or s.free_port()
    api_env = dict(api_env, PUBLIC_BASE_URL=f"http://127.0.0.1:{lb_port}")
    apis = []
    for i in range(1, s.apis + 1):
        port, admin = s.free_port(), s.free_port()
        apis.append(cluster.start(f"api-{i}", "api", s.jvm + props + ["-jar", str(s.dir / "inkwell.jar"), "api", "server", str(CONFIG / "api.yml")],
                                  dict(api_env, PORT=str(port), ADMIN_PORT=str(admin)), port=port, admin_port=admin))
    servers += apis
    log(f"waiting for {len(servers)} servers to be ready")
    await_until("the APIs and workers to be ready", lambda: all(ready(r) for r in servers), cluster, servers + [pgbouncer])

    stats_port = s.free_port()
    hfolder = s.dir / "haproxy"
    hfolder.mkdir(exist_ok=True)
    socket_path = hfolder / "admin.sock"
    (hfolder / "haproxy.cfg").write_text(haproxy_cfg(s, lb_port, stats_port, apis, socket_path))
    check = subprocess.run([tool("haproxy"), "-c", "-q", "-f", str(hfolder / "haproxy.cfg")], capture_output=True, text=True)
    if check.returncode != 0:
        raise SystemExit(f"haproxy refused its configuration: {check.stdout}{check.stderr}")
    haproxy = cluster.start("haproxy", "haproxy", [tool("haproxy"), "-db", "-f", str(hfolder / "haproxy.cfg")],
                            port=lb_port, stats_port=stats_port, socket=str(socket_path))
    await_until("HAProxy to route to every API",
                lambda: set(haproxy_servers(socket_path).values()) == {"UP"} and len(haproxy_servers(socket_path)) == len(apis),
                cluster, [haproxy], limit=30)
    api_url = f"http://127.0.0.1:{lb_port}/api"
    status, _ = get(api_url + "/posts?per_page=1", timeout=30)  # a cold API's first read takes seconds on a busy machine
    if status != 200:
        raise SystemExit(f"GET {api_url}/posts through HAProxy answered {status}")

    addresses = {
        "api": api_url,
        "api instances (direct, not through HAProxy)": " ".join(f"http://127.0.0.1:{a['port']}/api" for a in apis),
        "haproxy stats": f"http://127.0.0.1:{stats_port}/",
        "workers (health)": " ".join(f"http://127.0.0.1:{w['port']}/health-check?type=ready"
                                     for w in servers if w["kind"] == "worker"),
        "admin ports (user admin, password in admin-port-password)": " ".join(f"http://127.0.0.1:{r['admin_port']}/metrics"
                                                                             for r in servers),
        "pgbouncer": f"postgresql://{s.pg_user}@127.0.0.1:{pgb_port}/{s.database} (workers: /{s.jobs_database};"
                     f" console: psql -h 127.0.0.1 -p {pgb_port} -U {s.pg_user} pgbouncer)",
        "postgresql (direct)": f"postgresql://{s.pg_user}@{s.pg_host}:{s.pg_port}/{s.database}",
        "redis": f"{s.redis_url} (namespace {s.namespace})",
        "sign in": f"user {ADMIN}, password in {s.dir / 'admin-password'}" if admin_password else
                   f"user {ADMIN} existed before this run; its password is not known to up (--fresh starts over)",
        "run folder": f"{s.dir} (logs/, configs, {STATE}); stop with ops/cluster/down --dir {s.dir}",
    }
    cluster.state["addresses"] = addresses
    cluster.state.update(database=s.database, namespace=s.namespace, pgbouncer_port=pgb_port,
                         direct_url=f"postgresql://{s.pg_user}@{s.pg_host}:{s.pg_port}/{s.database}",
                         direct_jdbc_url=s.direct_url(), database_user=s.pg_user)
    cluster.save()
    for name, value in addresses.items():
        print(f"{name}: {value}")


def prepare_database(s, fresh):
    psql(s, "SELECT 1")
    exists = psql(s, f"SELECT 1 FROM pg_database WHERE datname = '{s.database}'") == "1"
    if exists and fresh:
        log(f"dropping database {s.database} (--fresh)")
        psql(s, f"DROP DATABASE {s.database} WITH (FORCE)")
        exists = False
    if fresh:
        # The new database reuses post ids whose cached copies an earlier run left (10 minutes).
        log(f"emptying cache namespace {s.namespace} (--fresh)")
        servers.flush_namespace(*redis_address(s), s.namespace)
    if not exists:
        log(f"creating database {s.database}")
        psql(s, f"CREATE DATABASE {s.database}")


def check_headroom(s):
    """PgBouncer's pools (10 + 8, 2 reserve each) and the workers' direct pools (8 each at most)
    must fit what PostgreSQL has left; says so instead of failing later under load."""
    limit = int(psql(s, "SHOW max_connections")) - int(psql(s, "SHOW superuser_reserved_connections"))
    used = int(psql(s, "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend'"))
    needed = 10 + 8 + 2 * 2 + 8 * s.workers
    if limit - used < needed:
        log(f"warning: PostgreSQL has {limit - used} connections left (max_connections less reserved, less {used} in use);"
            f" the cluster may open {needed}")


def redis_address(s):
    host, _, port = s.redis_url.removeprefix("redis://").partition("/")[0].rpartition("@")[2].partition(":")
    return host, int(port or 6379)


def redis_ping(s):
    host, port = redis_address(s)
    try:
        with socket.create_connection((host, port), timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            if not sock.recv(64).startswith(b"+PONG"):
                raise OSError("no PONG")
    except OSError as e:
        raise SystemExit(f"Redis at {s.redis_url} does not answer ({e})")


def pgbouncer_answers(s, port):
    out = subprocess.run(["psql", "-X", "-At", "-h", "127.0.0.1", "-p", str(port), "-U", s.pg_user, "-d", s.database,
                          "-c", "SELECT 1"], capture_output=True, text=True)
    return out.returncode == 0


# Variables of this environment that would change what the apps do (another database's user, a
# dashboard, backup schedules): the apps start without them.
UNSET = ("DATABASE_USER", "DATABASE_PASSWORD", "DASHBOARD_PASSWORD", "BACKUP_SCHEDULE", "RESTORE_CHECK_SCHEDULE")


def app_env(dir, settings):
    """An API's or worker's environment: this one without UNSET, with settings (what cluster.json
    records) and the admin ports' password, read from its file at each start rather than recorded."""
    env = {k: v for k, v in os.environ.items() if k not in UNSET}
    env.update(settings, ADMIN_PASSWORD=secret(dir / "admin-port-password"))
    return env


def secret(path):
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(18) + "\n")
    return path.read_text().strip()


def run_jar(env, *args):
    out = subprocess.run(JVM + ["-jar", str(JAR)] + list(args), cwd=ROOT, env=env, capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])} failed:\n{out.stdout[-2000:]}{out.stderr[-2000:]}")
    return out.stdout


def seed(dir, state, *size):
    """seed-demo-data (size: its arguments, e.g. --full) into the running cluster's database, straight
    to PostgreSQL (it takes a session lock); only into a database without posts. Its summary line."""
    env = app_env(dir, {"DATABASE_URL": state["direct_jdbc_url"], "DATABASE_DIRECT_URL": "",
                        "DATABASE_USER": state["database_user"]})
    out = run_jar(env, "api", "seed-demo-data", *size, str(CONFIG / "api.yml"))
    lines = [line for line in out.splitlines() if line.startswith("seed-demo-data:")]
    return lines[0] if lines else out[-300:]


def create_admin(s, env):
    """The API admin "cluster", created once per database; None when it existed without a password file."""
    path = s.dir / "admin-password"
    exists = psql(s, f"SELECT 1 FROM users WHERE username = '{ADMIN}'", database=s.database) == "1"
    if exists:
        return path.read_text().strip() if path.exists() else None
    password = secret(path)
    run_jar(dict(env, INKWELL_ADMIN_PASSWORD=password), "api", "create-admin", "--username", ADMIN,
            "--email", f"{ADMIN}@example.com", str(CONFIG / "api.yml"))
    return password


# ---- down --------------------------------------------------------------------------------------

def down(args):
    dir = Path(args.dir).resolve()
    cluster = Cluster(dir)
    if not cluster.path.exists():
        raise SystemExit(f"no cluster in {dir} ({STATE} is missing)")
    stopped = stop(cluster)
    cluster.path.replace(dir / "cluster.stopped.json")
    log(f"stopped {stopped} processes; logs stay in {dir / 'logs'}")


def stop(cluster, grace=30):
    """Stops the cluster's processes in two waves: the APIs and workers first, while PgBouncer
    still serves their last transactions and HAProxy takes each API out as it turns not ready;
    then HAProxy and PgBouncer."""
    processes = cluster.state["processes"]
    return sum(stop_gracefully(cluster, wave, grace) for wave in ([p for p in processes if p["kind"] in ("api", "worker")],
                                                                  [p for p in processes if p["kind"] not in ("api", "worker")]))


def stop_gracefully(cluster, records, grace):
    """Sends each running process of records its stop signal and waits until they are gone; whatever
    still runs after grace seconds gets SIGKILL. Returns how many were running."""
    live = [p for p in records if cluster.alive(p)]
    for p in live:
        signal_quietly(p["pid"], p["stop"])
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(cluster.alive(p) for p in live):
        reap()
        time.sleep(0.1)
    for p in live:
        if cluster.alive(p):
            log(f"{p['name']} (pid {p['pid']}) still running after {grace} s: SIGKILL")
            signal_quietly(p["pid"], signal.SIGKILL)
    reap()
    return len(live)


# ---- restart -----------------------------------------------------------------------------------

def restart(args):
    """Restarts the named APIs and workers in turn, each ready (an API back in HAProxy) before the next."""
    cluster = Cluster(Path(args.dir).resolve())
    if not cluster.running():
        raise SystemExit(f"no cluster runs in {cluster.dir}")
    for name in args.names:
        times = restart_one(cluster, name)
        print(f"{name}: " + ", ".join(f"{what} after {seconds:.1f} s" for what, seconds in times.items()), flush=True)


def restart_one(cluster, name, limit=180):
    """Stops one API or worker gracefully (SIGTERM; an API turns not ready and serves 5 s more, a
    worker lets its running jobs finish for up to 10 s), starts it again as up did (same command,
    ports and settings; its log goes on), and returns once it is ready and, for an API, once HAProxy
    routes to it again. Its record in cluster.json gets the new pid, so down stays exact.
    Returns the seconds from the signal to each of: stopped, ready (and routed, for an API)."""
    record = cluster.named(name)
    if record["kind"] not in ("api", "worker") or not record.get("command"):
        raise SystemExit(f"{name}: only the APIs and workers of a cluster started by this version of up can be restarted")
    began = time.monotonic()
    stop_gracefully(cluster, [record], grace=60)
    times = {"stopped": time.monotonic() - began}
    with open(record["log"], "ab") as out:
        out.write(f"---- ops/cluster/restart {name} at {time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())}\n".encode())
    cluster.launch(record, "ab")
    cluster.save()
    await_until(f"{name} to be ready again", lambda: ready(record), cluster, [record], limit)
    times["ready"] = time.monotonic() - began
    if record["kind"] == "api":
        haproxy = next(p for p in cluster.state["processes"] if p["kind"] == "haproxy")
        await_until(f"HAProxy to route to {name} again", lambda: haproxy_servers(Path(haproxy["socket"])).get(name) == "UP",
                    cluster, [haproxy], limit=30)
        times["routed"] = time.monotonic() - began
    return times


def signal_quietly(pid, sig):
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass  # ended meanwhile


def reap():
    """Collects children of this process that ended (when up stops what it started)."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


# ---- main --------------------------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    default_dir = os.environ.get("CLUSTER_DIR", str(HERE / "run"))
    p_up = sub.add_parser("up", help="start the cluster; returns once it is ready")
    p_up.add_argument("--dir", default=default_dir, help="run folder: pids, logs, configs (env CLUSTER_DIR; default ops/cluster/run)")
    p_up.add_argument("--port", type=int, help="HAProxy's port (default: a free one of --ports)")
    p_up.add_argument("--ports", default=os.environ.get("CLUSTER_PORTS", "20000-32767"),
                      help="range of the ports chosen, LOW-HIGH (env CLUSTER_PORTS; default 20000-32767)")
    p_up.add_argument("--database", default=os.environ.get("CLUSTER_DATABASE", "inkwell_cluster"),
                      help="PostgreSQL database (env CLUSTER_DATABASE; default inkwell_cluster), created if missing")
    p_up.add_argument("--namespace", default="inkwell-cluster", help="the cache namespace in Redis (default inkwell-cluster)")
    p_up.add_argument("--apis", type=int, default=2, help="API instances (default 2)")
    p_up.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    p_up.add_argument("--fresh", action="store_true", help="drop and create the database first")
    p_up.add_argument("--build", action="store_true", help="rebuild the jar even if it exists")
    p_down = sub.add_parser("down", help="stop what up started")
    p_down.add_argument("--dir", default=default_dir, help="run folder of the cluster (env CLUSTER_DIR)")
    p_restart = sub.add_parser("restart", help="restart APIs and workers in turn (SIGTERM, start, ready)")
    p_restart.add_argument("--dir", default=default_dir, help="run folder of the cluster (env CLUSTER_DIR)")
    p_restart.add_argument("names", nargs="+", metavar="NAME", help="api-1, worker-2, ... (as in cluster.json)")
    args = parser.parse_args()
    if args.command == "up":
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.database):
            parser.error("--database: lower-case letters, digits and _ only")
        up(args)
    elif args.command == "restart":
        restart(args)
    else:
        down(args)


if __name__ == "__main__":
    main()
