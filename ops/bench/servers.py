"""The jars under test and their processes, for ops/bench/bench.py: a Target is one jar (a copy of
it, its servers, its own cache namespace, its admin token, the warm-ups done on it); a Server one
process of it, started as the start scripts do. And the bench's HTTP calls. See README.md.
"""
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from limits import ROOT

CONFIG = ROOT / "ops" / "config"
ADMIN_PASSWORD = "bench-admin-password-1"

# Rate limits raised so that they do not throttle the load (sign-up's included).
RAISED = [f"-Ddw.rateLimits.{k}.{f}=100000000" for k in ("tokens", "search", "bulk", "signUp") for f in ("perMinute", "burst")]
# The servers a run can start, by name: (the jar's command, system properties), in the order they start.
ROLES = {"api": ("api", RAISED), "api-uncached": ("api", RAISED + ["-Ddw.cache.enabled=false"]), "worker": ("worker", [])}


class Target:
    """A jar under test. The bench runs a copy of it (a build during the run changes nothing
    measured); each jar gets its own cache namespace (two jars would otherwise read each other's
    entries) and, when there are two, server logs of its own (<name>-a.log, <name>-b.log)."""

    def __init__(self, s, source, label, key, work, logs):
        self.s, self.source, self.label, self.key, self.logs = s, Path(source).resolve(), label, key, logs
        self.suffix = f"-{key}" if key else ""
        self.jar = work / f"inkwell{self.suffix}.jar"
        shutil.copyfile(self.source, self.jar)
        self.config = config_of(self.source)
        self.namespace = s.namespace + self.suffix
        self.servers, self.warmed, self._token = {}, set(), None

    def start(self, roles):
        """Starts the servers of those roles that are not running, side by side, and waits until each is ready."""
        started = [self.launch(role) for role in ROLES if role in roles and role not in self.servers]
        for server in started:
            server.await_ready()

    def launch(self, role):
        command, props = ROLES[role]
        server = self.servers[role] = Server(self, role, command, props)
        return server

    def stop(self, role=None):
        for name in [role] if role else list(self.servers):
            server = self.servers.pop(name, None)
            if server:
                server.stop()

    def command(self, *args, env=None, check=True):
        """A command of the jar, with the project's JVM options (ops/config/jvm.options)."""
        return subprocess.run(self.s.jvm + ["-jar", str(self.jar)] + list(args), cwd=ROOT, env=env or self.s.env(),
                              capture_output=True, text=True, check=check)

    @property
    def token(self):
        """The bench admin's bearer token, from whichever of this jar's apis runs."""
        if self._token is None:
            api = self.servers.get("api") or self.servers["api-uncached"]
            status, answer = call("POST", api.url("/api/tokens"), {"username": "bench", "password": ADMIN_PASSWORD})
            if status >= 300:
                raise SystemExit(f"POST /api/tokens answered {status}: {str(answer)[:300]}")
            self._token = answer["token"]
        return self._token

    def flush(self):
        """Drops this jar's cache keys (its namespace), nothing else in that Redis."""
        flush_namespace(self.s.redis_host, self.s.redis_port, self.namespace)

    def describe(self):
        built = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(self.source.stat().st_mtime))
        config = "" if self.config == CONFIG else f", configuration {self.config}"
        return f"{self.label} ({self.source}, built {built}{config})"


def flush_namespace(host, port, namespace):
    """Drops the cache keys of {namespace} in the Redis at host:port, nothing else there."""
    keys = subprocess.run(["redis-cli", "-h", str(host), "-p", str(port), "--scan", "--pattern", f"{namespace}:*"],
                          capture_output=True, text=True).stdout.split()
    for i in range(0, len(keys), 500):
        subprocess.run(["redis-cli", "-h", str(host), "-p", str(port), "UNLINK"] + keys[i:i + 500], capture_output=True)


def config_of(jar):
    """The configuration directory a jar runs with: its own checkout's ops/config when the jar is
    that checkout's build (<checkout>/ops/target/*.jar), as an older build may not know what this
    checkout's configuration names (or need what it no longer does); else this checkout's."""
    jar = Path(jar).resolve()
    own = jar.parent.parent / "config"
    return own if jar.parent.name == "target" and (own / "api.yml").is_file() else CONFIG


def jar_label(path):
    """at-<commit> for a jar of a git checkout without uncommitted changes, built after its last
    commit (so built from it); None when that is not known."""
    def git(*args):
        done = subprocess.run(["git", "-C", str(Path(path).resolve().parent), *args], capture_output=True, text=True)
        return done.stdout.strip() if done.returncode == 0 else None

    head = git("log", "-1", "--format=%ct %h")
    if not head or git("status", "--porcelain", "--untracked-files=no") != "":
        return None
    committed, short = head.split()
    return f"at-{short}" if os.path.getmtime(path) >= int(committed) else None


class Server:
    """A server process of a target's jar, with its log under results/logs."""

    def __init__(self, target, name, command, props=()):
        s = target.s
        self.name = name
        self.port = s.free_port()
        self.admin_port = s.free_port()
        self.log_path = target.logs / f"{name}{target.suffix}.log"
        line = s.jvm + [f"-Ddw.cache.namespace={target.namespace}"] + list(props) + [
            "-jar", str(target.jar), command, "server", str(target.config / f"{command}.yml")]
        self.started = time.monotonic()
        self.process = subprocess.Popen(line, cwd=ROOT, env=s.env(PORT=self.port, ADMIN_PORT=self.admin_port),
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
        stop(self.process)


def stop(process):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()


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
