"""The machine's own limits for Inkwell's work, for ops/bench/bench.py: PostgreSQL alone running the
statements of a request (taken from the Java sources, so the two cannot drift apart), pgbench -S,
redis-benchmark, one plain UPDATE and one COPY, and the password hash's own rate. See README.md.
"""
import re
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POST_SOURCES = ROOT / "persistence/src/main/java/dev/inkwell/persistence/post"


STARTED = time.monotonic()


def log(message):
    """A line of the run's log, with the minutes and seconds since the bench started."""
    elapsed = int(time.monotonic() - STARTED)
    print(f"bench [{elapsed // 60}:{elapsed % 60:02d}]: {message}", flush=True)


def psql(s, sql, database=None, timing=False):
    """Runs sql; returns stdout (with timing: the milliseconds psql reports, one per statement)."""
    script = ("\\timing on\n" if timing else "") + sql
    out = subprocess.run(["psql", "-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-h", s.pg_host, "-p", s.pg_port,
                          "-U", s.pg_user, "-d", database or s.database],
                         input=script, capture_output=True, text=True, check=True).stdout
    if timing:
        return [float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", out, re.M)]
    return out.strip()


def lua(path, body):
    """Writes a script (wrk's Lua, pgbench's SQL) and returns its path."""
    path.write_text(body)
    return path


# ---- the SQL of the Java sources ---------------------------------------------------------------

# A unit of a Java string expression: a text block, a string literal, a name (NAME or Class.NAME), a +.
_UNIT = r'"""\n.*?"""|"(?:[^"\\\n]|\\.)*"|[A-Za-z_][\w.]*|\+|\s+'


def _source(class_name):
    return (POST_SOURCES / f"{class_name}.java").read_text()


def java_string(expression, class_name):
    """Evaluates a Java String expression of a class in persistence/post: literals, text blocks and
    constants (`NAME` of the class, `Class.NAME` of another) joined by +. Enough for SQL constants."""
    parts = []
    for unit in re.findall(_UNIT, expression, re.S):
        if unit.startswith('"""'):
            parts.append(unit[4:-3])
        elif unit.startswith('"'):
            parts.append(unit[1:-1].replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\"))
        elif unit[0].isalpha() or unit[0] == "_":
            owner, _, name = unit.rpartition(".")
            parts.append(java_constant(owner or class_name, name))
    return "".join(parts)


def java_constant(class_name, name):
    m = re.search(rf"static final String {name}\s*=\s*((?:{_UNIT})+?);", _source(class_name), re.S)
    if not m:
        raise ValueError(f"no String constant {class_name}.{name}")
    return java_string(m.group(1), class_name)


def one_line(sql):
    return " ".join(sql.split())


def post_read_sql():
    """The statement of an uncached GET /api/posts/{id} (PostReads.findById: PostSearch.BY_ID)."""
    return one_line(java_constant("PostSearch", "BY_ID")) + ";\n"


def post_insert_script(values):
    """pgbench's script for the statement of one POST /api/posts: PostStatements.INSERT (the post, its
    tags and links, the answer's read, in one statement run in autocommit, as the api runs it).
    values: the SQL literal for each bound parameter. Raises ValueError if a parameter has no value."""
    return _bound(java_constant("PostStatements", "INSERT"), values, "PostStatements.INSERT")


def post_patch_script(values, ids):
    """pgbench's script for the statement of one PATCH /api/posts/{id}: PostStatements.PATCH, run in
    autocommit as the api runs it, on a random one of ids (the posts the api's own PATCH row edits),
    values: the SQL for each other bound parameter. Each run sets a new title (:title, a pgbench
    variable) so that it writes, as the api's row does. Raises ValueError if a parameter has no value."""
    values = dict(values, id=f"(CAST('{{{','.join(map(str, ids))}}}' AS bigint[]))[:pick]")
    return (f"\\set pick random(1, {len(ids)})\n\\set title random(1, 1000000000)\n"
            + _bound(java_constant("PostStatements", "PATCH"), values, "PostStatements.PATCH"))


# A bound parameter of a Java statement (:name, :c.field), not a cast (::type); pgbench's variables look the same.
PARAMETER = re.compile(r"(?<![:\w]):([A-Za-z_][\w.]*)")


def _bound(sql, values, name):
    """sql on one line, each bound parameter (:name) replaced by its value in values."""
    def value(m):
        if m.group(1) not in values:
            raise ValueError(f"parameter :{m.group(1)} of {name} has no value in the bench's script")
        return values[m.group(1)]
    return PARAMETER.sub(value, one_line(sql)) + ";\n"


def sql_literal(text):
    return "'" + text.replace("'", "''") + "'"


# ---- where the search vector lives ------------------------------------------------------------

def search_source(s):
    """The FROM clause of posts p with their search vector, and the vector's expression: in the
    post's row (posts.search, until migration 011) or in a table of its own keyed by the post's id."""
    found = psql(s, """SELECT table_name || ' ' || column_name FROM information_schema.columns
                        WHERE table_schema = current_schema() AND udt_name = 'tsvector'
                          AND table_name IN ('posts', 'post_search') ORDER BY table_name = 'posts' DESC LIMIT 1""")
    if not found:
        raise SystemExit("no search vector found (posts.search or post_search)")
    table, column = found.split()
    if table == "posts":
        return "posts p", f"p.{column}"
    key = psql(s, """SELECT a.attname FROM pg_constraint c JOIN pg_attribute a
                       ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                      WHERE c.conrelid = 'post_search'::regclass AND c.contype IN ('p', 'f')
                      ORDER BY c.contype = 'f' DESC LIMIT 1""") or "post_id"
    return f"posts p JOIN post_search ps ON ps.{key} = p.id", f"ps.{column}"


def match_counts(s, words):
    """How many published posts each word matches, as a search counts them."""
    source, vector = search_source(s)
    array = "ARRAY[" + ",".join(sql_literal(w) for w in words) + "]"
    out = psql(s, f"SELECT w, (SELECT count(*) FROM {source} WHERE {vector} @@ websearch_to_tsquery('english', w)"
                  f" AND p.published) FROM unnest({array}) w")
    return {w: int(n) for w, n in (line.split("|") for line in out.splitlines())}


# ---- pgbench -----------------------------------------------------------------------------------

def run_pgbench(s, database, connections, *args, duration=None):
    """pgbench -n -M prepared with args at that concurrency for the run's duration: its tps and its output.
    A failed run is tried once more (on a shared server, its connections may briefly be more than
    max_connections allows); a second failure ends the bench with pgbench's own message."""
    command = ["pgbench", "-n", "-M", "prepared", *args, "-c", str(connections), "-j", "2",
               "-T", str(duration or s.duration), "-h", s.pg_host, "-p", s.pg_port, "-U", s.pg_user, database]
    for attempt in (1, 2):
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode == 0:
            out = done.stdout
            return float(re.search(r"tps = ([0-9.]+) \(without initial connection time\)", out).group(1)), out
        log(f"pgbench failed (attempt {attempt}): {done.stderr.strip()[-500:]}")
        time.sleep(2)
    raise SystemExit(f"pgbench failed twice: {' '.join(command)}")


def pgbench_scripts(s, connections, *scripts):
    """pgbench of scripts on the data set's database (each chosen equally often): its rate and mean latency."""
    return average(*run_pgbench(s, s.database, connections, *(arg for script in scripts for arg in ("-f", str(script)))))


def average(tps, out):
    """A pgbench figure with its mean latency as p50 (it reports no percentiles without a log)."""
    return {"rps": tps, "p50": float(re.search(r"latency average = ([0-9.]+) ms", out).group(1)), "p99": None}


def pgbench(s, connections):
    return average(*run_pgbench(s, s.pgbench_database, connections, "-S"))


def pgbench_post_read(s, connections, max_id, work):
    """pgbench of GET /api/posts/{id}'s one statement alone (the post with its author, category
    and tags), for random ids: what PostgreSQL itself can do for uncached reads."""
    return pgbench_scripts(s, connections, lua(work / "post_read.sql", f"\\set id random(1, {max_id})\n" + post_read_sql()))


def check_post_read_sql(s):
    """Fails at the start, not after the warm-up, if the post read taken from PostSearch.java is not valid SQL."""
    psql(s, "EXPLAIN " + post_read_sql().replace(":id", "1"))


INSERT_TITLE = "PostgreSQL alone: a post's insert"
INSERT_SLUG_WORDS = "postgresql-alone-a-post-s-insert"  # PostRules.slugOf(INSERT_TITLE), as the api binds it


def insert_values(author_id, content):
    """The bound values of the bench's POST /api/posts body (no category, one tag, published)."""
    tags = sql_literal("{bench}")
    return {"authorId": str(author_id), "categoryId": "NULL", "title": sql_literal(INSERT_TITLE),
            "slugWords": sql_literal(INSERT_SLUG_WORDS), "content": sql_literal(content), "published": "true",
            "publishAt": "NULL", "names": tags, "lowerNames": tags}


def pgbench_post_insert(s, connections, script):
    """pgbench of the statements of one POST /api/posts (post_insert_script); the posts it wrote are
    deleted again, so the data set only grows by what the api's own rows write."""
    try:
        return pgbench_scripts(s, connections, script)
    finally:
        psql(s, f"DELETE FROM posts WHERE title = {sql_literal(INSERT_TITLE)}")


PATCH_TITLE = "PostgreSQL alone: an edit "


def patch_values(editor_id):
    """The bound values of the bench's PATCH /api/posts/{id} (a new title, by the bench's admin)."""
    nothing = {f"c.{field}": "NULL" for field in ("content", "categoryId", "published", "slug", "publishAt")}
    return dict(nothing, editorId=str(editor_id), admin="true", expectedVersion="NULL",
                **{"c.title": f"({sql_literal(PATCH_TITLE)} || :title)", "c.categoryChanged": "false",
                   "c.publishAtChanged": "false"})


def check_script(s, script):
    """One transaction of a pgbench script: fails at the start if it is not valid SQL."""
    subprocess.run(["pgbench", "-n", "-M", "prepared", "-f", str(script), "-t", "1", "-h", s.pg_host, "-p", s.pg_port,
                    "-U", s.pg_user, s.database], capture_output=True, text=True, check=True)


def check_post_insert(s, script):
    """One transaction of the insert script (then deleted): fails at the start if it is not valid SQL."""
    check_script(s, script)
    psql(s, f"DELETE FROM posts WHERE title = {sql_literal(INSERT_TITLE)}")


def pgbench_ranking(s, connections, words, work, name="rank"):
    """pgbench of a search's full ranking alone: every published match of the word ranked, the best
    21 kept (what the search did up to issue 20, and the work exact ranking cannot skip); one script
    per word, equally often; p50/p99 from its log. name: its files' prefix in work (one per word set)."""
    source, vector = search_source(s)
    scripts = []
    for i, word in enumerate(words):
        sql = (f"SELECT p.id, ts_rank({vector}, tsq) AS rank FROM {source}"
               f" CROSS JOIN websearch_to_tsquery('english', {sql_literal(word)}) AS tsq"
               f" WHERE {vector} @@ tsq AND p.published ORDER BY rank DESC, p.id DESC LIMIT 21;\n")
        scripts += ["-f", str(lua(work / f"{name}{i}.sql", sql))]
    logs = work / f"{name}-log{connections}"
    logs.mkdir(exist_ok=True)
    tps, _ = run_pgbench(s, s.database, connections, *scripts, "-l", "--log-prefix", str(logs / "log"))
    latencies = sorted(int(line.split()[2]) / 1000 for f in logs.iterdir() for line in f.read_text().splitlines())
    return {"rps": tps, "p50": latencies[len(latencies) // 2], "p99": latencies[int(len(latencies) * 0.99)]}


def pgbench_search_page(s, connections, words, work, name="page"):
    """pgbench of PostgreSQL's least work for a built search page of a word whose matches are ranked
    together (fewer than a block): every published match in post_search ranked and counted, the best
    21 kept, then the 20 best posts read as a page reads them (PostSearch.BY_IDS, the ids found
    when the script is made); one script per word, equally often. What such a page can never beat."""
    read = one_line(java_constant("PostSearch", "BY_IDS"))
    scripts = []
    for i, word in enumerate(words):
        rank = (f"SELECT s.post_id, ts_rank(s.search, tsq) AS rank, count(*) OVER () AS matches FROM post_search s"
                f" CROSS JOIN websearch_to_tsquery('english', {sql_literal(word)}) AS tsq"
                f" WHERE s.search @@ tsq AND s.published ORDER BY rank DESC, s.post_id DESC LIMIT 21")
        ids = psql(s, rank).splitlines()[:20]
        page = read.replace(":ids", "'{" + ",".join(line.split("|")[0] for line in ids) + "}'")
        scripts.append(lua(work / f"{name}{i}.sql", f"{rank};\n{page};\n"))
    return pgbench_scripts(s, connections, *scripts)


# ---- the other limits --------------------------------------------------------------------------

def redis_benchmark(s, connections):
    n = 50_000 if s.smoke else 400_000
    out = subprocess.run(["redis-benchmark", "-h", s.redis_host, "-p", s.redis_port, "-t", "get", "-c", str(connections),
                          "-n", str(n), "-q"], capture_output=True, text=True, check=True).stdout
    m = re.search(r"GET: ([0-9.]+) requests per second, p50=([0-9.]+) msec", out.replace("\r", "\n"))
    return {"rps": float(m.group(1)), "p50": float(m.group(2)), "p99": None}


def password_hash_rate(s, java, jar):
    """Argon2id hashes/s with the api's own hasher on one thread per core (PasswordHashRate in the jar)."""
    out = subprocess.run(java + ["-cp", str(jar), "dev.inkwell.ops.bench.PasswordHashRate",
                                 str(s.duration)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"password-hash-rate: ([0-9.]+) hashes/s on (\d+) threads", out)
    return {"rps": float(m.group(1)), "p50": 1000 * int(m.group(2)) / float(m.group(1)), "p99": None}


def copy_users(s, n):
    rows = "".join(f"copy{i:05d},copy{i:05d}@example.com\n" for i in range(n))
    times = psql(s, "BEGIN;\nCOPY users (username, email) FROM STDIN WITH (FORMAT csv);\n" + rows + "\\.\nROLLBACK;\n",
                 timing=True)
    return times[1] / 1000  # BEGIN, COPY, ROLLBACK


PLAIN_UPDATE = """UPDATE {table} SET category_id = (SELECT max(id) FROM categories), version = version + 1, updated_at = now()
 WHERE category_id IS DISTINCT FROM (SELECT max(id) FROM categories);
"""


def plain_update(s):
    """The bulk update's change as one UPDATE of Inkwell's posts table (rolled back)."""
    times = psql(s, "BEGIN;\n" + PLAIN_UPDATE.format(table="posts") + "ROLLBACK;\n", timing=True)
    return times[1] / 1000


def honest_update(s):
    """The bulk update's change as one UPDATE of a table of the same rows without the search vector:
    a copy of posts (its columns but any tsvector, its constraints and indexes but those on a
    tsvector; no triggers, no foreign keys), made, vacuumed, updated once (timed) and dropped."""
    table = "bench_plain_posts"
    vectors = psql(s, "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
                      " AND table_name = 'posts' AND udt_name = 'tsvector'").split()
    psql(s, f"DROP TABLE IF EXISTS {table}")
    try:
        # LIKE copies a generated column as a plain one; dropping it drops the indexes on it.
        psql(s, f"CREATE TABLE {table} (LIKE posts INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES"
                f" INCLUDING STORAGE);\n" + "".join(f"ALTER TABLE {table} DROP COLUMN {v};\n" for v in vectors))
        columns = psql(s, f"SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)"
                          f" FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '{table}'")
        psql(s, f"INSERT INTO {table} ({columns}) SELECT {columns} FROM posts")
        psql(s, f"VACUUM ANALYZE {table}")
        return psql(s, PLAIN_UPDATE.format(table=table), timing=True)[0] / 1000
    finally:
        psql(s, f"DROP TABLE IF EXISTS {table}")
