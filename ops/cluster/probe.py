"""What the cluster's checks (check.py, rolling.py) share: one request through HTTP, an expectation
that fails the run, a poll with a deadline, and a query of the cluster's database."""
import http.client
import json
import subprocess
import time

LIMIT = 120  # seconds any awaited outcome gets


class Failed(Exception):
    pass


def call(base, method, path, body=None, token=None, source=None, headers=None):
    """One request to base (http://host:port) from the local address source; (status, JSON or text)."""
    host, port = base.removeprefix("http://").split("/")[0].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0) if source else None)
    try:
        all_headers = {"Content-Type": "application/json", **(headers or {})}
        if token:
            all_headers["Authorization"] = "Bearer " + token
        connection.request(method, path, body=None if body is None else json.dumps(body), headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        try:
            return response.status, json.loads(data) if data else None
        except ValueError:
            return response.status, data.decode(errors="replace")
    finally:
        connection.close()


def expect(what, condition, detail=""):
    if not condition:
        raise Failed(f"{what}: {detail}")
    print(f"ok: {what}", flush=True)


def poll(what, step, done, limit=LIMIT, every=0.25):
    deadline = time.monotonic() + limit
    last = None
    while time.monotonic() < deadline:
        last = step()
        if done(last):
            return last
        time.sleep(every)
    raise Failed(f"{what}: not after {limit} s (last: {str(last)[:300]})")


def sql(state, query, limit=60):
    """Rows of a query on the cluster's database, straight to PostgreSQL: lists of text fields."""
    out = subprocess.run(["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-d", state["direct_url"]],
                         input=query, capture_output=True, text=True, timeout=limit)
    if out.returncode != 0:
        raise Failed(f"psql: {out.stderr.strip()}")
    return [line.split("\t") for line in out.stdout.splitlines()]
