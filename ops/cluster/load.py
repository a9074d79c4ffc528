"""A bounded load of reads and writes through HAProxy, every request's outcome and latency kept.

The rolling restart (rolling.py) runs it while it stops and starts each API. Python threads rather
than wrk: each request is kept with its time, kind and outcome, so the report takes the seconds of
the restart apart from the rest and names every failed request, and the load needs nothing that
up does not install (wrk is ops/bench's). A failure is an answer other than the one the request
expects (200 for reads and edits, 201 for a new post, 404 for a post that does not exist), or
no answer at all: a refused or broken connection, a timeout. Each thread keeps one keep-alive
connection to HAProxy (a new one after a failure) and paces itself; the run is bounded in time and
in requests, whatever its caller does.
"""
import http.client
import json
import random
import threading
import time

# What each thread sends, in turn: half reads of one post, a list page, a post that does not
# exist (its 404 is the expected answer), a quarter writes (an edit, a new post).
MIX = ("read", "list", "read", "edit", "read", "missing", "read", "create")
EXPECTED = {"read": 200, "list": 200, "missing": 404, "edit": 200, "create": 201}


class Load:
    def __init__(self, base, token, post_ids, threads=8, rate=25, limit=300, max_requests=200_000):
        self.host, port = base.removeprefix("http://").split("/")[0].split(":")
        self.port = int(port)
        self.headers = {"Content-Type": "application/json", "Authorization": "Bearer " + token}
        self.post_ids = list(post_ids)
        self.rate, self.limit, self.max_requests = rate, limit, max_requests
        self.records = []  # (started, seconds, kind, status or error text, as expected)
        self.marks = []  # (time, what): the caller's events, for the report
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(threads)]

    def __enter__(self):
        self.began = time.monotonic()
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        for t in self.threads:
            t.join(60)

    def mark(self, what):
        self.marks.append((time.monotonic(), what))

    def request(self, kind, rnd, n, i):
        post = rnd.choice(self.post_ids)
        if kind == "read":
            return "GET", f"/api/posts/{post}", None
        if kind == "list":
            return "GET", f"/api/posts?per_page=20&page={rnd.randint(1, 50)}", None
        if kind == "missing":
            return "GET", f"/api/posts/{2**62 + i}", None
        if kind == "edit":
            return "PATCH", f"/api/posts/{post}", {"title": f"Edited under load by thread {n}, request {i}"}
        return "POST", "/api/posts", {"title": f"Written under load by thread {n}, request {i}",
                                      "content": "A post written while the APIs restart.", "published": True}

    def run(self, n):
        rnd = random.Random(n)
        connection = None
        interval = 1 / self.rate
        next_at = time.monotonic()
        i = 0
        while not self.stopping.is_set() and time.monotonic() - self.began < self.limit and len(self.records) < self.max_requests:
            kind = MIX[i % len(MIX)]
            method, path, body = self.request(kind, rnd, n, i)
            i += 1
            started = time.monotonic()
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
                connection.request(method, path, body=None if body is None else json.dumps(body), headers=self.headers)
                response = connection.getresponse()
                response.read()
                outcome = response.status
                if response.will_close:
                    connection.close()
                    connection = None
            except (OSError, http.client.HTTPException) as e:
                outcome = f"{type(e).__name__}: {e}"
                if connection is not None:
                    connection.close()
                connection = None
            with self.lock:
                self.records.append((started, time.monotonic() - started, kind, outcome, outcome == EXPECTED[kind]))
            next_at = max(next_at + interval, time.monotonic() - 1)  # no burst to catch up after a slow answer
            self.stopping.wait(max(0.0, next_at - time.monotonic()))
        if connection is not None:
            connection.close()

    def window(self, start=None, end=None):
        """The records of requests started in [start, end)."""
        return [r for r in self.records if (start is None or r[0] >= start) and (end is None or r[0] < end)]


def summary(records):
    """requests, failed, p50, p99 and max latency in ms of records."""
    latencies = sorted(r[1] * 1000 for r in records)

    def percentile(p):  # nearest rank
        return latencies[max(0, -(-len(latencies) * p // 100) - 1)] if latencies else float("nan")
    return {"requests": len(records), "failed": sum(1 for r in records if not r[4]),
            "p50": percentile(50), "p99": percentile(99), "max": latencies[-1] if latencies else float("nan")}


def report(load, phases):
    """A markdown table, one row per phase (name, start, end), and the failed requests, if any."""
    lines = ["| phase | seconds | requests | failed | p50 ms | p99 ms | max ms |", "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for name, start, end in phases:
        s = summary(load.window(start, end))
        lines.append(f"| {name} | {end - start:.1f} | {s['requests']:,} | {s['failed']} | {s['p50']:.1f} | {s['p99']:.1f} |"
                     f" {s['max']:.0f} |")
    failed = [r for r in load.records if not r[4]]
    for started, seconds, kind, outcome, _ in failed[:20]:
        lines.append(f"failed: at {started - load.began:.2f} s, {kind}, {outcome} after {seconds * 1000:.0f} ms")
    if len(failed) > 20:
        lines.append(f"failed: ... {len(failed) - 20} more")
    return "\n".join(lines)
