"""The tables of ops/bench/bench.py: each row beside its limit and its target from the issue's and the
design's performance budget, the batch figures, and at --scale N each per-request cost beside the
standard run's. Writes results/<stamp>-<mode>.md and .json, and latest-<mode>.* after a full run of
the usual jar (compare.py writes the table of several runs). See README.md.
"""
import json
import os

from limits import ROOT, log, psql

RESULTS = ROOT / "ops" / "bench" / "results"
SCALE_TARGET = 1.25  # a per-request cost at N× the data within this factor of the standard set's


def row(scenario, conns, m, limit_name=None, limit=None, target=None, scaled=False, key=None):
    """A line of the main table. target: one of the classes below, or None (a limit, or information);
    scaled: a per-request row whose cost at --scale N is held against the standard run's; key: the
    row's name where the name shown holds a figure (runs are compared by it)."""
    return {"scenario": scenario, "conns": conns, "m": m, "limit_name": limit_name, "limit": limit,
            "target": target, "scaled": scaled, "key": key or scenario}


class Ratio:
    """Requests/s at least {least} × the limit's, judged at {at} connections (None: at each)."""

    def __init__(self, least, at=None):
        self.least, self.at = least, at

    def judge(self, r):
        ratio = r["m"]["rps"] / r["limit"]["rps"]
        judged = self.at is None or r["conns"] == self.at
        return (f"{ratio:.2f}", f"{r['limit']['rps']:,.0f}",
                f"≥ {self.least:.2f}" + ("" if self.at is None else f" at {self.at}") if judged else "",
                ratio >= self.least if judged else None)


class Rate:
    """Requests/s at least {least}, judged at {at} connections; beside the row's limit, if it has one."""

    def __init__(self, least, at=16):
        self.least, self.at = least, at

    def judge(self, r):
        shown = (f"{r['m']['rps'] / r['limit']['rps']:.2f}", f"{r['limit']['rps']:,.0f}") if r.get("limit") else ("", "")
        if r["conns"] != self.at:
            return (*shown, "", None)
        return (*shown, f"≥ {self.least:,} req/s", r["m"]["rps"] >= self.least)


class Latency:
    """wrk's p99 (or p50) under {most} ms, judged at {at} connections."""

    def __init__(self, most, at=16, percentile="p99"):
        self.most, self.at, self.percentile = most, at, percentile

    def judge(self, r):
        if r["conns"] != self.at:
            return "", "", "", None
        return "", "", f"{self.percentile} < {self.most} ms", r["m"][self.percentile] < self.most


def fmt_ms(v):
    return "–" if v is None else f"{v:.2f}"


def verdict(ok):
    return "yes" if ok else "**no**"


def main_table(rows, verdicts):
    lines = ["| scenario | conns | req/s | p50 ms | p99 ms | CPU ms/req: Inkwell · PostgreSQL · Redis | limit | limit req/s"
             " | ratio | target | met |",
             "| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | --- |"]
    for r in rows:
        m = r["m"]
        ratio = limit_rps = target = met = ""
        if r["target"] is not None:
            ratio, limit_rps, target, ok = r["target"].judge(r)
            if ok is not None:
                verdicts.append(ok)
                met = verdict(ok)
        errors = f" ({m['errors']} non-2xx)" if m.get("errors") else ""
        cpu = m.get("cpu")
        cpu = f"{cpu['inkwell']:.3f} · {cpu['postgres']:.3f} · {cpu['redis']:.3f}" if cpu else ""
        lines.append(f"| {r['scenario']}{errors} | {r['conns']} | {m['rps']:,.0f} | {fmt_ms(m['p50'])} | {fmt_ms(m['p99'])}"
                     f" | {cpu} | {r['limit_name'] or ''} | {limit_rps} | {ratio} | {target} | {met} |")
    return lines


def batch_table(s, notes, verdicts):
    """Bulk work, memory, start and commands: one line each (those measured), with its limit and target."""
    lines = ["| batch | Inkwell | limit | ratio | target | met |", "| --- | ---: | --- | ---: | --- | --- |"]

    def line(name, value, limit, ratio, target, ok):
        if ok is not None:
            verdicts.append(ok)
        lines.append(f"| {name} | {value} | {limit} | {ratio} | {target} | {'' if ok is None else verdict(ok)} |")

    if "bulk_users" in notes:
        n, bulk, copy = notes["bulk_users"]
        line(f"bulk create of {n:,} users (`POST /api/users/bulk`, median of 3)", f"{bulk:.2f} s ({n / bulk:,.0f} rows/s)",
             f"`COPY` {copy:.2f} s, median of 3 ({n / copy:,.0f} rows/s)", f"{copy / bulk:.2f}", "≥ 0.50", copy / bulk >= 0.5)
    if "bulk_update" in notes:
        u = notes["bulk_update"]
        line(f"bulk update of {u['posts']:,} posts' category (job, request to succeeded)", f"{u['seconds']:.1f} s",
             f"one plain `UPDATE` of the same column on a copy of the rows without the search vector {u['honest']:.1f} s",
             f"{u['honest'] / u['seconds']:.2f}", "≥ 0.50 (within 2×)", u["honest"] / u["seconds"] >= 0.5)
        line("", "", f"the same `UPDATE` on Inkwell's posts (rolled back) {u['plain']:.1f} s",
             f"{u['plain'] / u['seconds']:.2f}", "", None)
    if "local" in notes:
        local = notes["local"]
        line("local mode, start to first answer (fresh data folder, demo data)",
             "no answer in 120 s" if local is None else f"{local:.1f} s", "", "", "< 10 s", local is not None and local < 10)
    if "memory" in notes:
        rss = notes["memory"]
        line("API resident memory after the runs (VmRSS; " + ", ".join(f"{k} {v:,.0f} MB" for k, v in rss.items()) + ")",
             f"{max(rss['api'], rss['api-uncached']):,.0f} MB", "", "", "≤ 512 MB",
             max(rss["api"], rss["api-uncached"]) <= 512)
    if "start" in notes:
        line(f"api start to ready (process start to `/health-check?type=ready` 200, alone, median of {notes['runs']})",
             f"{notes['start']:.1f} s", "", "", "≤ 5 s", notes["start"] <= 5)
        for key, name in (("db_status", "`api db status`"), ("create_admin", "`api create-admin`")):
            line(f"{name}, wall time (median of {notes['runs']})", f"{notes[key]:.1f} s", "", "", "≤ 3 s", notes[key] <= 3)
    if notes.get("seed"):
        judged = s.mode == "standard"
        line(f"load: `api seed-demo-data {' '.join(notes['seed_args'])}`", f"{notes['seed']:.1f} s", "", "",
             "≤ 30 s" if judged else "", notes["seed"] <= 30 if judged else None)
    return lines if len(lines) > 2 else []


def statements_line(notes):
    if "statements" not in notes:
        return []
    return ["SQL statements per request (Jdbi's statement timers, mean of 50; kept: a page read since the last post "
            "write, answered from the cache; built: the api without cache, every post read from PostgreSQL): "
            + "; ".join(f"{kind} page of 20: {st[(kind, 'api')]:.1f} kept, {st[(kind, 'api-uncached')]:.1f} built"
                        for st in [notes["statements"]] for kind in ("list", "search"))
            + f"; `POST /api/posts`: {notes['post_statements']:.1f}."]


def bound_table(s, rows, verdicts):
    """Uncached reads against the bound these cores allow: 1 / (1/trivial + 1/post's read)."""
    def rate(c, prefix):
        return next(r["m"]["rps"] for r in rows if r["conns"] == c and r["scenario"].startswith(prefix))

    lines = ["Uncached reads against what these cores can do for them: each needs the HTTP work of a request "
             "(the trivial endpoint's rate) and PostgreSQL's work for the post's read (its rate alone), on the same "
             "cores, so at most 1 / (1/trivial + 1/read) req/s:", "",
             "| conns | trivial req/s | post's read alone tps | bound req/s | bound ÷ `pgbench -S` | uncached req/s"
             " | ratio | target | met |", "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    for c in s.connections:
        if not any(r["conns"] == c and r["scenario"].startswith("uncached `GET") for r in rows):
            continue  # not measured (--only)
        trivial, read, cold, pg = (rate(c, p) for p in ("trivial endpoint", "PostgreSQL alone: the post's read",
                                                          "uncached `GET", "`pgbench -S`"))
        most = 1 / (1 / trivial + 1 / read)
        verdicts.append(cold / most >= 0.8)
        lines.append(f"| {c} | {trivial:,.0f} | {read:,.0f} | {most:,.0f} | {most / pg:.2f} | {cold:,.0f} | {cold / most:.2f}"
                     f" | ≥ 0.80 | {verdict(cold / most >= 0.8)} |")
    return lines if len(lines) > 4 else []


def cost(m):
    """A row's cost per request: the CPU of every process (ms) and the wall time (1 / req/s, ms)."""
    return (sum(m["cpu"].values()) if m.get("cpu") else None), 1000 / m["rps"]


def baseline(s):
    """At --scale N, the figures of the latest run at 1× of the same kind (its JSON), if there is one."""
    path = RESULTS / f"latest-{s.baseline_mode}.json"
    return json.loads(path.read_text()) if s.scale > 1 and path.exists() else None


def scale_table(s, rows, notes, verdicts):
    """At --scale N: each per-request row's cost beside the latest standard run's (its JSON)."""
    base = baseline(s)
    if base is None:
        return [f"No {s.baseline_mode} run to compare with (latest-{s.baseline_mode}.json is missing): run `ops/bench/run"
                f"{' --smoke' if s.smoke else ''}` first."]
    before = {(r["scenario"], r["conns"]): r for r in base["rows"]}
    lines = [f"Against the {s.baseline_mode} run {base['stamp']} ({base['data']}): cost per request at {s.scale}× ÷ at 1×,"
             f" CPU (all processes) and wall time (1 / req/s); target both ≤ {SCALE_TARGET}×.", "",
             "| scenario | conns | CPU ms/req 1× | CPU ms/req | × | ms/req 1× | ms/req | × | met |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
    for r in rows:
        old = before.get((r["scenario"], r["conns"]))
        if not r["scaled"] or old is None:
            continue
        (cpu, wall), (cpu1, wall1) = cost(r["m"]), cost(old)
        cpu_x = cpu / cpu1 if cpu and cpu1 else None
        ok = wall / wall1 <= SCALE_TARGET and (cpu_x is None or cpu_x <= SCALE_TARGET)
        verdicts.append(ok)
        lines.append(f"| {r['scenario']} | {r['conns']} | {fmt_ms(cpu1)} | {fmt_ms(cpu)} | "
                     f"{'–' if cpu_x is None else f'{cpu_x:.2f}'} | {wall1:.3f} | {wall:.3f} | {wall / wall1:.2f} | {verdict(ok)} |")
    old_update = base.get("bulk_update")
    if old_update and "bulk_update" in notes:
        now = notes["bulk_update"]
        per, per1 = now["seconds"] / now["posts"], old_update["seconds"] / old_update["posts"]
        ok = per / per1 <= SCALE_TARGET
        verdicts.append(ok)
        lines += ["", f"Bulk update, time per post: {1e6 * per1:.1f} µs at 1× ({old_update['posts']:,} posts), "
                      f"{1e6 * per:.1f} µs at {s.scale}× ({now['posts']:,} posts): {per / per1:.2f}× (target ≤ {SCALE_TARGET}×):"
                      f" {verdict(ok)}."]
    return lines


def header(s, title, notes, targets=()):
    """The heading and the lines on the machine, the jars and the data set that every result starts with."""
    buffers, data, small = psql(s, "SELECT current_setting('shared_buffers') || '|' || pg_size_pretty(pg_database_size(current_database()))"
                                   " || '|' || (pg_size_bytes(current_setting('shared_buffers')) < pg_database_size(current_database()))").split("|")
    lines = [f"# {title}", "",
             f"Machine: {os.cpu_count()} cores; PostgreSQL {psql(s, 'SHOW server_version')} (shared_buffers {buffers}, "
             f"database {data}) and Redis at {s.pg_host}:{s.pg_port} / {s.redis_host}:{s.redis_port}; wrk -t2, "
             f"{s.duration} s per run; load generator and servers share the machine; JVM options: {notes['jvm']}.", ""]
    if small == "true":
        lines += ["**shared_buffers is smaller than the database**: reads of posts go through the kernel's cache and "
                  "searches are slower than PostgreSQL set up as ops/RUNBOOK.md (PostgreSQL settings) says.", ""]
    if targets:
        lines += ["Jars: " + "; ".join((f"{'AB'[i]} " if len(targets) > 1 else "") + t.describe()
                                       for i, t in enumerate(targets)) + ".", ""]
    lines += [f"Data: {counts(s)}" + (f" (seeded in {notes['seed']:.1f} s)" if notes.get("seed") else "") + ".", ""]
    lines += ["Search words (published posts matched): " + notes["words"] + ".", ""]
    for kind in ("insert", "edit"):
        if notes.get(f"{kind}_error"):
            lines += [f"**PostgreSQL alone: the post's {kind} not measured**: {notes[f'{kind}_error']}", ""]
    return lines


def counts(s):
    return psql(s, "SELECT (SELECT count(*) FROM users) || ' users, ' || (SELECT count(*) FROM posts) || ' posts, ' "
                   "|| (SELECT count(*) FROM post_tags) || ' post tags'")


def record_rows(rows):
    """The rows as the JSON keeps them."""
    return [{"scenario": r["scenario"], "conns": r["conns"], **{k: r["m"].get(k) for k in ("rps", "p50", "p99", "cpu")}}
            for r in rows]


def tables(s, rows, notes, verdicts):
    """A run's main table, its batch figures, statement counts and the uncached reads' bound (those measured)."""
    lines = main_table(rows, verdicts) if rows else []
    for block in (batch_table(s, notes, verdicts), statements_line(notes), bound_table(s, rows, verdicts)):
        lines += ([""] if lines else []) + block if block else []
    return lines


def write(s, stamp, name, title, rows, notes, targets=(), latest=False):
    """One run's result: results/<name>.md and .json, and latest-<mode>.* if latest (a full run of the usual jar)."""
    verdicts = []
    lines = header(s, title, notes, targets) + tables(s, rows, notes, verdicts)
    if s.scale > 1:
        lines += ["", f"## At {s.scale}× the data", ""] + scale_table(s, rows, notes, verdicts)
    lines += ["", f"Budget: {sum(verdicts)} of {len(verdicts)} targets met"
              + ("" if latest else " (of the rows measured)") + ".", ""]
    record = {"mode": s.mode, "stamp": stamp, "scale": s.scale, "data": counts(s), "rows": record_rows(rows),
              "common_words": notes["common_words"]}
    if "bulk_update" in notes:
        record["bulk_update"] = {"posts": notes["bulk_update"]["posts"], "seconds": notes["bulk_update"]["seconds"]}
    save(name, "\n".join(lines), record, s.mode if latest else None)


def save(name, text, record, latest_mode=None):
    RESULTS.mkdir(parents=True, exist_ok=True)
    for stem in [name] + ([f"latest-{latest_mode}"] if latest_mode else []):
        (RESULTS / f"{stem}.md").write_text(text)
        (RESULTS / f"{stem}.json").write_text(json.dumps(record, indent=1) + "\n")
    print(text)
    log(f"written to ops/bench/results/{name}.md (and .json)")
