"""The rows of ops/bench/bench.py, in the table's order: for each, what it loads on which server,
what must be warmed up and prepared first, and the limit it is held against; the phases they run
in; and the plan of a run (every row, or those --only names with their limits). See README.md.
"""
import os
import re
import statistics

import dataset
import limits
import measure
import workload
from limits import log, psql
from report import Latency, Rate, Ratio, row


class Context:
    """What a row's measurement works with: the settings, the workload (workload.py: what the rows
    send), the jar under test (t) and the run its figures go to."""

    def __init__(self, s, workload, target, run):
        self.s, self.w, self.t, self.run = s, workload, target, run
        # New names (users, admins) are unique to the run: with --skip-load the last runs' may still be there.
        self.tag = f"{workload.stamp[11:17]}{target.key}{run.number or ''}"

    def server(self, role):
        return self.t.servers[role]


class Run:
    """One pass of the chosen rows on one jar: its rows (report.row) and its batch figures (notes)."""

    def __init__(self, target, number):
        self.target, self.number, self.rows, self.notes = target, number, [], {}


# ---- warm-ups and preparations -------------------------------------------------------------------

class WarmUp:
    def __init__(self, name, role, path="/api/posts", script=None, connections=16, steady=True, fill=False, limit=180,
                 after=None):
        self.name, self.role, self.path, self.script = name, role, path, script
        self.connections, self.steady, self.fill, self.limit, self.after = connections, steady, fill, limit, after

    def run(self, ctx):
        server = ctx.server(self.role)
        if self.fill:
            measure.fill(server, ctx.w.hot_paths)
        script = self.script and ctx.w.script(self.script, ctx)
        measure.warm_up(ctx.s, server.url(self.path), script, f"{ctx.t.label}: {self.name}" if ctx.t.key else self.name,
                        connections=self.connections, steady=self.steady, limit=self.limit)
        if self.after:
            self.after(ctx)


def drop_warm_up_posts(ctx):
    """The posts a warm-up wrote go again but the newest the edits pick from, and the tables are
    vacuumed as after the load: the data set grows by what the rows write, as it did when writes
    were warmed up for one run, and no autovacuum of the dead rows runs under the measurements."""
    log(f"the warm-up's posts dropped but the newest {workload.EDITED_POSTS:,}; vacuum")
    psql(ctx.s, f"""DELETE FROM posts WHERE author_id = {ctx.w.bench_id}
                      AND id < (SELECT min(id) FROM (SELECT id FROM posts WHERE author_id = {ctx.w.bench_id}
                                                      ORDER BY id DESC LIMIT {workload.EDITED_POSTS}) kept)""")
    dataset.settle(ctx.s)


# Each jar's servers are warmed up before their first row, each path once, in this order: with 2
# cores busy serving, C2 takes up to a minute of load to compile a request path (measured, uncached
# reads: 1,900 req/s in the first 5 s, 8,200 after 40 s), so each path is loaded until its rate is
# steady. Writes too, for at most 90 s, the posts written then dropped again (drop_warm_up_posts):
# warmed up by one 5 s run, as they were until 2026-12-07, new posts were measured while C2 still
# compiled their path (jstat, a fresh api: 6-18 s of compiler time in each of the first six 10 s
# runs, 320 then 1,155 req/s by the seventh). Sign-ups, bound by Argon2id, get one run.
WARM_UPS = [
    WarmUp("trivial endpoint", "api", "/health-check?type=alive"),
    WarmUp("cached reads", "api", script="ids", fill=True),
    WarmUp("api: uncached reads", "api", script="cold"),
    WarmUp("api: list pages", "api", script="list"),
    WarmUp("api: searches", "api", script="search"),
    WarmUp("api-uncached: uncached reads", "api-uncached", script="cold"),
    WarmUp("api-uncached: list pages", "api-uncached", script="list"),
    WarmUp("api-uncached: searches", "api-uncached", script="search"),
    WarmUp("common word", "api-uncached", script="common"),
    WarmUp("rare words", "api-uncached", script="rare"),
    WarmUp("users pages", "api", "/api/users", "users"),
    WarmUp("categories", "api", "/api/categories"),
    WarmUp("tags pages", "api", "/api/tags", "tags"),
    WarmUp("analytics", "api", "/api/analytics/posts-per-category", connections=1),
    WarmUp("new posts", "api", script="post", limit=90, after=drop_warm_up_posts),
    WarmUp("post edits", "api", script="patch", limit=90, after=lambda ctx: dataset.settle(ctx.s)),
    WarmUp("sign-ups", "api", "/api/users", "sign-up", steady=False),
]
WARM_UP = {w.name: w for w in WARM_UPS}


def fresh_cache(ctx):
    """Entries live cache.ttl (10 minutes) from their fill, and the warm-up and the rows before take
    longer: so the jar's cache is dropped and the hot set filled again before the rows that read it."""
    ctx.t.flush()
    measure.fill(ctx.server("api"), ctx.w.hot_paths)


def kept_pages(ctx):
    """The kept pages as readers meet them between writes: built once, then measured."""
    measure.fill(ctx.server("api"), ctx.w.list_urls + ctx.w.search_urls)


# Done before the first row that needs them at each connection count, in the order the rows name them.
PREPS = {"fresh cache": fresh_cache, "kept pages": kept_pages}


# ---- rows ----------------------------------------------------------------------------------------

class Row:
    """A line of the main table. Without measure: wrk on the jar's server {on} at path with a
    workload's script. limit: (the row's name, the name shown) it is held against; compared: other
    rows measured beside it (the bound's); conns: the connection counts it is measured at (None:
    each of the run's); title: the name shown, from the figures; when: whether it can be measured."""

    def __init__(self, name, on=None, path="/api/posts", script=None, measure=None, warm=(), prep=(), limit=None,
                 compared=(), target=None, scaled=False, conns=None, title=None, when=None):
        self.name, self.on, self.path, self.script, self.measure_with = name, on, path, script, measure
        self.warm, self.prep, self.limit, self.compared = list(warm), list(prep), limit, list(compared)
        self.target, self.scaled, self.conns, self.title, self.when = target, scaled, conns, title, when

    def roles(self):
        return ({self.on} if self.on else set()) | {WARM_UP[w].role for w in self.warm} | ({"api"} if self.prep else set())

    def take(self, ctx, c):
        if self.measure_with:
            return self.measure_with(ctx, c)
        server = ctx.server(self.on)
        return measure.wrk(ctx.s, server.url(self.path), c, self.script and ctx.w.script(self.script, ctx), server=server)


def alongside(script):
    """Kept pages with writes going on: each new post drops every kept page."""
    def run(ctx, c):
        api = ctx.server("api")
        with measure.Writes(api, ctx.t.token, ctx.w.post_body, 10) as writes:
            m = measure.wrk(ctx.s, api.url("/api/posts"), c, ctx.w.scripts[script], server=api)
        return dict(m, writes=writes.count / ctx.s.duration)
    return run


def sign_ups(ctx, c):
    api = ctx.server("api")
    script = measure.signup_lua(ctx.w.work / f"signup{c}{ctx.t.suffix}.lua", f"s{ctx.tag}c{c}t")
    return measure.wrk(ctx.s, api.url("/api/users"), c, script, server=api)


TRIVIAL = "trivial endpoint `GET /health-check?type=alive`"
PG_S = "`pgbench -S` (prepared)"
POST_READ = "PostgreSQL alone: the post's read (pgbench, random ids)"
INSERT_ALONE = "PostgreSQL alone: the post's insert statements (pgbench)"
PATCH_ALONE = "PostgreSQL alone: the post's edit statement (pgbench)"
RARE_RANKING = "PostgreSQL alone: ranking every match of a rare word (pgbench, same words)"
RARE_PAGE = "PostgreSQL alone: a rare word's page (its matches ranked and counted, its 20 posts read; pgbench)"
HASHES = f"Argon2id password hashes alone, {os.cpu_count()} threads (PasswordHashRate)"
BY_TRIVIAL = (TRIVIAL, "trivial endpoint")
KEPT = ["fresh cache", "kept pages"]

ROWS = [
    Row(TRIVIAL, "api", "/health-check?type=alive", warm=["trivial endpoint"]),
    Row(PG_S, measure=lambda ctx, c: limits.pgbench(ctx.s, c)),
    Row("`redis-benchmark` GET", measure=lambda ctx, c: limits.redis_benchmark(ctx.s, c)),
    Row("cached `GET /api/posts/{id}`", "api", script="ids", warm=["cached reads", "api: uncached reads"],
        prep=["fresh cache"], limit=BY_TRIVIAL, target=Ratio(0.5), scaled=True),
    Row("uncached `GET /api/posts/{id}`", "api-uncached", script="cold", warm=["api-uncached: uncached reads"],
        limit=(PG_S, "pgbench -S"), compared=[TRIVIAL, POST_READ], target=Ratio(0.5), scaled=True),
    Row(POST_READ, measure=lambda ctx, c: limits.pgbench_post_read(ctx.s, c, int(psql(ctx.s, "SELECT max(id) FROM posts")),
                                                                   ctx.w.work)),
    Row("list page of 20", "api", script="list", warm=["api: list pages"], prep=KEPT, target=Latency(20), scaled=True),
    Row("full-text search, page of 20", "api", script="search", warm=["api: searches"], prep=KEPT, target=Latency(20),
        scaled=True),
    # The same pages built for every request (the api without cache): what a page no reader asked
    # for since the last post write costs.
    Row("list page of 20, built each time (cache off)", "api-uncached", script="list", warm=["api-uncached: list pages"],
        scaled=True),
    Row("full-text search, page of 20, built each time (cache off)", "api-uncached", script="search",
        warm=["api-uncached: searches"], scaled=True),
    Row("PostgreSQL alone: ranking every match of the search (pgbench, same words)",
        measure=lambda ctx, c: limits.pgbench_ranking(ctx.s, c, ctx.w.words, ctx.w.work)),
    Row("search, common word, page built (cache off)", "api-uncached", script="common", warm=["common word"],
        target=Latency(50), scaled=True),
    # A rare word's page ranks every match (fewer than a block at the standard size): PostgreSQL's
    # part of it alone is what the page can never beat.
    Row(RARE_RANKING, measure=lambda ctx, c: limits.pgbench_ranking(ctx.s, c, ctx.w.rare_words, ctx.w.work, "rare-rank")),
    # What the page needs of PostgreSQL at least, in post_search: the least the page can cost.
    Row(RARE_PAGE, measure=lambda ctx, c: limits.pgbench_search_page(ctx.s, c, ctx.w.rare_words, ctx.w.work, "rare-page")),
    Row("search, rare word, page built (cache off)", "api-uncached", script="rare", warm=["rare words"],
        limit=(RARE_PAGE, "PostgreSQL alone, the page"), compared=[RARE_RANKING], target=Rate(3_400), scaled=True),
    Row("users, page of 20 (`GET /api/users`)", "api", "/api/users", "users", warm=["users pages"], prep=["fresh cache"],
        target=Rate(8_000), scaled=True),
    Row("`GET /api/categories`", "api", "/api/categories", warm=["categories"], prep=["fresh cache"], target=Rate(8_000),
        scaled=True),
    Row("tags, page of 20 (`GET /api/tags`)", "api", "/api/tags", "tags", warm=["tags pages"], prep=["fresh cache"],
        target=Rate(8_000), scaled=True),
    Row("list page of 20, 10 new posts/s alongside", "api", measure=alongside("list"),
        warm=["api: list pages", "new posts"], prep=KEPT, conns=(16,),
        title=lambda m: f"list page of 20, {m['writes']:.0f} new posts/s alongside"),
    Row("full-text search, page of 20, 10 new posts/s alongside", "api", measure=alongside("search"),
        warm=["api: searches", "new posts"], prep=KEPT, conns=(16,),
        title=lambda m: f"full-text search, page of 20, {m['writes']:.0f} new posts/s alongside"),
    # Each write beside PostgreSQL alone running its statement: what the write can never beat.
    Row("`POST /api/posts`", "api", script="post", warm=["new posts"], limit=BY_TRIVIAL, compared=[INSERT_ALONE],
        target=Ratio(0.06, at=16), scaled=True),
    Row(INSERT_ALONE,
        measure=lambda ctx, c: limits.pgbench_post_insert(ctx.s, c, ctx.w.insert_sql), when=lambda ctx: ctx.w.insert_sql),
    Row("`PATCH /api/posts/{id}` (a new title)", "api", script="patch", warm=["new posts", "post edits"],
        limit=BY_TRIVIAL, compared=[PATCH_ALONE], target=Ratio(0.06, at=16), scaled=True),
    # The edits pick from the posts the warm-up of new posts wrote.
    Row(PATCH_ALONE, warm=["new posts"], measure=lambda ctx, c: limits.pgbench_scripts(ctx.s, c, ctx.w.patch_sql()),
        when=lambda ctx: ctx.w.patch_ok),
]
ONCE = [Row("analytics `GET /api/analytics/posts-per-category`, one at a time", "api", "/api/analytics/posts-per-category",
            warm=["analytics"], conns=(1,), target=Latency(50, at=1, percentile="p50"))]
SIGN_UPS = [
    Row(HASHES, measure=lambda ctx, c: limits.password_hash_rate(ctx.s, ctx.s.jvm, ctx.t.jar)),
    Row("sign-up `POST /api/users`", "api", measure=sign_ups, warm=["sign-ups"], limit=(HASHES, "password hashes alone"),
        target=Ratio(0.8, at=16)),
]


# ---- batch items -------------------------------------------------------------------------------

class Item:
    """A figure of the batch table (or the statement counts), measured once per run into its notes."""

    def __init__(self, name, run, roles=()):
        self.name, self.run, self.roles = name, run, set(roles)


def statement_counts(ctx):
    api, uncached = ctx.server("api"), ctx.server("api-uncached")
    list_url, search_url = ctx.w.list_urls[-1], ctx.w.search_urls[0]
    measure.fill(api, [list_url, search_url])  # built once since the last rows' posts: the counts are of kept pages
    ctx.run.notes["statements"] = {(kind, server.name): measure.statements_per_request(server, server.url(url))
                                   for kind, url in (("list", list_url), ("search", search_url)) for server in (api, uncached)}
    ctx.run.notes["post_statements"] = measure.statements_per_request(api, api.url("/api/posts"), 20, "POST",
                                                                      ctx.w.post_body, ctx.t.token)


def bulk_creation(ctx):
    s, api = ctx.s, ctx.server("api")
    copy = statistics.median(limits.copy_users(s, s.bulk_users) for _ in range(3))  # 0.1 s: one run alone varies 2x
    # One untimed request first: like every other scenario, measured with the path compiled.
    measure.bulk_users(api, ctx.t.token, s.bulk_users, f"{ctx.tag}w")
    bulk = statistics.median(measure.bulk_users(api, ctx.t.token, s.bulk_users, f"{ctx.tag}r{run}") for run in range(3))
    ctx.run.notes["bulk_users"] = (s.bulk_users, bulk, copy)


def bulk_update_job(ctx):
    """The job runs on the jar's own worker: with two jars, theirs are not started with the apis
    (a job goes to whichever worker polls first), but each for its own bulk update only."""
    s, own = ctx.s, "worker" not in ctx.t.servers
    if own:
        ctx.t.start({"worker"})
    try:
        total = int(psql(s, "SELECT count(*) FROM posts"))
        plain, honest = limits.plain_update(s), limits.honest_update(s)
        ctx.run.notes["bulk_update"] = {"posts": total, "seconds": measure.bulk_update(s, ctx.server("api"), ctx.t.token),
                                        "plain": plain, "honest": honest}
    finally:
        if own:
            ctx.t.stop("worker")


def memory(ctx):
    ctx.run.notes["memory"] = {name: server.resident_mb() for name, server in ctx.t.servers.items()}


ITEMS = [Item("SQL statements per request (Jdbi's timers: lists, searches, new posts)", statement_counts, ("api", "api-uncached")),
         Item("bulk create of users (`POST /api/users/bulk`) and `COPY`", bulk_creation, ("api",)),
         Item("bulk update of every post's category, and one plain `UPDATE`", bulk_update_job, ("api", "worker"))]
AFTER_SIGN_UPS = [Item("API resident memory after the runs (VmRSS)", memory, ("api", "api-uncached"))]
STOPPED = [Item("api start to ready, `api db status`, `api create-admin`",
                lambda ctx: measure.start_and_commands(ctx.s, ctx.t, ctx.tag, ctx.run.notes)),
           Item("local mode, start to first answer",
                lambda ctx: ctx.run.notes.update(local=measure.local_first_answer(ctx.s, ctx.t)))]


# ---- phases and the plan -----------------------------------------------------------------------

class Phase:
    """Rows at each connection count, then rows measured once, then items. Each phase is done for
    every run and jar (order()) before the next phase starts."""

    def __init__(self, name, rows=(), once=(), items=(), stopped=False):
        self.name, self.rows, self.once, self.items, self.stopped = name, list(rows), list(once), list(items), stopped

    def names(self):
        return [r.name for r in self.rows + self.once] + [i.name for i in self.items]

    def run(self, plan, ctx):
        log(f"{self.name}{f': {ctx.t.label}, run {ctx.run.number + 1}' if plan.compared else ''}")
        for warm in WARM_UPS:
            if warm.name in plan.warm_ups(self) and warm.name not in ctx.t.warmed:
                if not ctx.t.warmed:
                    log("warming up")
                warm.run(ctx)
                ctx.t.warmed.add(warm.name)
        for c in ctx.s.connections:
            self.measure_rows(plan, ctx, c, [r for r in self.rows if r.conns is None or c in r.conns])
        self.measure_rows(plan, ctx, 1, self.once)
        for item in self.items:
            if item.name in plan.names:
                log(item.name)
                item.run(ctx)

    @staticmethod
    def measure_rows(plan, ctx, c, rows):
        rows = [r for r in rows if r.name in plan.names and (r.when is None or r.when(ctx))]
        if rows and c > 1:
            log(f"{c} connections")
        measured, prepared = {}, set()
        for r in rows:
            for step in r.prep:
                if step not in prepared:
                    PREPS[step](ctx)
                    prepared.add(step)
            m = measured[r.name] = r.take(ctx, c)
            ctx.run.rows.append(row(r.title(m) if r.title else r.name, c, m, r.limit and r.limit[1],
                                    r.limit and measured[r.limit[0]], r.target, r.scaled, key=r.name))


PHASES = [Phase("rows", ROWS, ONCE, ITEMS),
          # Sign-ups last: each holds a 19 MiB Argon2id hash in the heap while it runs, 16 or 64 at
          # once, more than some heaps hold (OutOfMemoryError); nothing else is measured on that api after them.
          Phase("sign-ups", SIGN_UPS, items=AFTER_SIGN_UPS),
          Phase("with the servers stopped", items=STOPPED, stopped=True)]


def order(targets, repeat):
    """The runs of a phase, as (jar, run number): with two jars A, B, then B, A, and so on, so that
    a machine whose speed drifts during the runs favours neither (each is first as often)."""
    return [(t, n) for n in range(repeat) for t in (targets if n % 2 == 0 else targets[::-1])]


def patterns(only):
    """--only's patterns: split at each comma but one followed by a space (the rows' names have those)."""
    return [p.strip() for p in re.split(r",(?! )", only) if p.strip()] if only else None


class Plan:
    """What a run measures: every row and item, or (--only) those whose name contains one of the
    patterns, case-insensitive, with the rows they are held against (a limit, the bound's rows)."""

    def __init__(self, patterns=None, compared=False):
        self.full, self.patterns, self.compared = not patterns, patterns, compared
        every = [n for phase in PHASES for n in phase.names()]
        chosen = {n for n in every if not patterns or any(p.lower() in n.lower() for p in patterns)}
        rows = [r for phase in PHASES for r in phase.rows + phase.once]
        for r in rows:
            if r.name in chosen:
                chosen |= set(r.compared) | ({r.limit[0]} if r.limit else set())
        if not chosen:
            raise SystemExit(f"--only {','.join(patterns)}: no row's name contains it; `ops/bench/run --list` shows them")
        self.names = chosen
        self.rows = [r for r in rows if r.name in chosen]
        self.items = [i for phase in PHASES for i in phase.items if i.name in chosen]

    def phases(self):
        return [p for p in PHASES if any(n in self.names for n in p.names())]

    def warm_ups(self, phase):
        return {w for r in phase.rows + phase.once if r.name in self.names for w in r.warm}

    def roles(self):
        """The servers each jar starts before its first row (not those of the stopped phase)."""
        return set().union(*(r.roles() for r in self.rows), *(i.roles for i in self.items))


def listing(connections):
    """The names --only matches, by phase, for --list."""
    lines = []
    for phase in PHASES:
        lines.append(f"{phase.name}:")
        for r in phase.rows + phase.once:
            at = r.conns or connections
            lines.append(f"  {r.name}   [at {', '.join(map(str, at))}"
                         + (f"; held against: {r.limit[1]}" if r.limit else "")
                         + (f"; beside: {', '.join(r.compared)}" if r.compared else "") + "]")
        lines += [f"  {i.name}" for i in phase.items]
    return "\n".join(lines)

