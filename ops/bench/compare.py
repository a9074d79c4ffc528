"""The result of several runs of ops/bench/bench.py (--repeat N, two jars): each row's requests/s
in every run, the median per jar and, with two jars, B ÷ A; the batch figures likewise; then each
run's own tables. Runs of the two jars alternate (A, B, B, A, A, B, ...), so that a machine whose
speed drifts favours neither and the medians compare like with like. See README.md.
"""
import statistics

import report


def figures(notes):
    """A run's batch figures by name: (value, unit)."""
    out = {}
    if "bulk_users" in notes:
        n, bulk, copy = notes["bulk_users"]
        out[f"bulk create of {n:,} users (median of 3)"] = (bulk, "s")
        out["`COPY` of the same rows (median of 3)"] = (copy, "s")
    if "bulk_update" in notes:
        u = notes["bulk_update"]
        out["bulk update of every post's category"] = (u["seconds"], "s")
        out["one plain `UPDATE` without the search vector"] = (u["honest"], "s")
        out["the same `UPDATE` on Inkwell's posts"] = (u["plain"], "s")
    if "statements" in notes:
        for (kind, server), count in notes["statements"].items():
            out[f"SQL statements per {kind} page, {server}"] = (count, "")
        out["SQL statements per `POST /api/posts`"] = (notes["post_statements"], "")
    for server, mb in notes.get("memory", {}).items():
        out[f"resident memory, {server}"] = (mb, "MB")
    for key, name in (("start", "api start to ready"), ("db_status", "`api db status`"),
                      ("create_admin", "`api create-admin`"), ("local", "local mode, start to first answer")):
        if notes.get(key) is not None:
            out[name] = (notes[key], "s")
    return out


def figure(v):
    """Three figures or more: 12,345, 123, 12.3, 1.23."""
    return f"{v:,.0f}" if v >= 100 else f"{v:.1f}" if v >= 10 else f"{v:.2f}"


def comparison(head, keys, values, jars):
    """A table: per key (two cells), each jar's values of every run and their median, and with two jars B ÷ A of the medians."""
    two = jars == 2
    lines = [head, "| --- | ---: |" + " ---: | ---: |" * jars + (" ---: |" if two else "")]
    for key in keys:
        cells, medians = [], []
        for per_jar in values(key):
            median = statistics.median(per_jar) if per_jar else None
            medians.append(median)
            cells += [" · ".join(map(figure, per_jar)), "–" if median is None else figure(median)]
        ratio = [f"{medians[1] / medians[0]:.2f}" if all(medians) else "–"] if two else []
        lines.append("| " + " | ".join(list(key) + cells + ratio) + " |")
    return lines


def write(s, stamp, name, title, runs, notes, targets):
    two = len(targets) == 2
    jars = [(f"{'AB'[i]} " if two else "") + t.label for i, t in enumerate(targets)]
    lines = report.header(s, title, notes, targets)
    if two:
        lines += [f"{len(runs) // 2} runs of each jar, alternating A, B, B, A, A, B, … (each jar first as often), each"
                  " jar's servers warmed up before its first run. Below: each run's figure in order, the median of each"
                  " jar and B ÷ A of the medians (req/s: above 1 is B faster; seconds: below 1).", ""]
    else:
        lines += [f"{len(runs)} runs, the servers warmed up before the first. Below: each run's figure in order and"
                  " their median.", ""]

    def row_values(key):
        return [[r["m"]["rps"] for run in runs if run.target is t for r in run.rows if (r["key"], str(r["conns"])) == key]
                for t in targets]

    keys = list(dict.fromkeys((r["key"], str(r["conns"])) for run in runs for r in run.rows))
    head = "| scenario | conns | " + " | ".join(f"{j}: req/s of each run | median" for j in jars) + (" | B ÷ A |" if two else " |")
    lines += comparison(head, keys, row_values, len(targets)) if keys else []

    def cpu_values(key):
        return [[sum(r["m"]["cpu"].values()) for run in runs if run.target is t for r in run.rows
                 if (r["key"], str(r["conns"])) == key and r["m"].get("cpu")] for t in targets]

    cpu_keys = [key for key in keys if any(cpu_values(key))]
    if cpu_keys:
        head = "| scenario | conns | " + " | ".join(f"{j}: CPU ms/req of each run | median" for j in jars) + (" | B ÷ A |" if two else " |")
        lines += ["", "CPU per request in the same runs (the Inkwell process, PostgreSQL and Redis, ms"
                      + ("; B ÷ A below 1: B is cheaper)." if two else ")."), ""]
        lines += comparison(head, cpu_keys, cpu_values, len(targets))

    figured = [(run.target, figures(run.notes)) for run in runs]

    def figure_values(key):
        return [[f[key[0]][0] for t_run, f in figured if t_run is t and key[0] in f] for t in targets]

    names = list(dict.fromkeys((n, unit) for _, f in figured for n, (_, unit) in f.items()))
    if names:
        head = "| batch figure | unit | " + " | ".join(f"{j}: each run | median" for j in jars) + (" | B ÷ A |" if two else " |")
        lines += [""] + comparison(head, names, figure_values, len(targets))
    for run in runs:
        lines += ["", f"## Run {run.number + 1} of {jars[targets.index(run.target)]}", ""]
        lines += report.tables(s, run.rows, run.notes, [])
    lines.append("")
    record = {"mode": s.mode, "stamp": stamp, "scale": s.scale, "data": report.counts(s),
              "jars": [{"label": t.label, "jar": str(t.source)} for t in targets],
              "runs": [{"jar": run.target.label, "run": run.number + 1, "rows": report.record_rows(run.rows),
                        "figures": {k: v for k, (v, _) in figures(run.notes).items()}} for run in runs]}
    report.save(name, "\n".join(lines), record)
