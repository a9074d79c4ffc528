"""The bench's data set, for ops/bench/bench.py: loaded by Inkwell's own seed-demo-data (or reused
and cleaned with --skip-load), and the words of its vocabulary the searches look for. See README.md.
"""
import subprocess
import time

import limits
import report
from limits import log, psql, sql_literal
from measure import BENCH_EMAILS
from servers import ADMIN_PASSWORD


def seed_args(s, target):
    n = s.scale
    if s.smoke:
        return ["--users", str(200 * n), "--categories", "10", "--tags", "50", "--posts", str(2000 * n)]
    if n == 1:
        return ["--full"]
    # --scale N is seed-demo-data's own (issue 20); a jar without it gets the same sizes spelled out.
    if "--scale" in target.command("api", "seed-demo-data", "-h", check=False).stdout:
        return ["--full", "--scale", str(n)]
    log(f"this jar's seed-demo-data has no --scale: {10_000 * n:,} users and {200_000 * n:,} posts spelled out")
    return ["--full", "--users", str(10_000 * n), "--posts", str(200_000 * n)]


def load(s, target):
    """A fresh database, migrated and seeded by the target's jar, with the admin `bench`; the seed's seconds and arguments."""
    log(f"database {s.database} on {s.pg_host}:{s.pg_port}: drop, create, migrate, seed")
    psql(s, f"DROP DATABASE IF EXISTS {s.database} WITH (FORCE)", database="postgres")
    psql(s, f"CREATE DATABASE {s.database}", database="postgres")
    target.command("api", "db", "migrate", str(target.config / "api.yml"))
    size = seed_args(s, target)
    started = time.monotonic()
    seeded = target.command("api", "seed-demo-data", *size, str(target.config / "api.yml"))
    seconds = time.monotonic() - started
    line = [l for l in seeded.stdout.splitlines() if l.startswith("seed-demo-data:")]
    log(line[0] if line else seeded.stdout[-500:])
    target.command("api", "create-admin", "--username", "bench", "--email", "bench@example.com", str(target.config / "api.yml"),
                   env=s.env(INKWELL_ADMIN_PASSWORD=ADMIN_PASSWORD))
    settle(s)
    return seconds, size


def clean(s):
    """Before a --skip-load run: the posts and users the last runs created go (the bulk update's
    new categories stay), so that each run measures about the same data set."""
    psql(s, f"""DELETE FROM posts WHERE author_id = (SELECT id FROM users WHERE username = 'bench');
DELETE FROM posts WHERE title = {sql_literal(limits.INSERT_TITLE)};
DELETE FROM users WHERE email LIKE '%{BENCH_EMAILS}';""")


def settle(s):
    """Vacuums (a last run's bulk update left a dead version of every post) and writes the dirty
    pages now, not in a checkpoint while the measurements run."""
    psql(s, "VACUUM ANALYZE")
    try:
        psql(s, "CHECKPOINT")
    except subprocess.CalledProcessError:
        log("CHECKPOINT refused (needs a superuser or pg_checkpoint); measuring anyway")


def ensure_pgbench_database(s):
    """`pgbench -S`'s own database (scale 10), made once and kept."""
    if not psql(s, f"SELECT 1 FROM pg_database WHERE datname = '{s.pgbench_database}'", database="postgres"):
        psql(s, f"CREATE DATABASE {s.pgbench_database}", database="postgres")
        subprocess.run(["pgbench", "-i", "-q", "-s", "10", "-h", s.pg_host, "-p", s.pg_port, "-U", s.pg_user,
                        s.pgbench_database], check=True, capture_output=True)


# ---- the words ---------------------------------------------------------------------------------

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


COMMON_MATCHES = 22_909  # the common word: matches among the standard set's ~160,000 published posts
RARE_RANKS = range(15_000, 16_000, 50)  # 20 words of about 0.1% of the posts each


def common_words(s):
    """The 3 words of ranks 90 to 112 (Zipf: each in about 14% of the posts) whose matches come
    closest to the issue's common word, 22,909 of the standard set's published posts (scaled by the
    published posts here); at --scale N those of the run it is compared with. With their match counts."""
    base = report.baseline(s)
    if base and base.get("common_words"):
        return limits.match_counts(s, base["common_words"])
    published = int(psql(s, "SELECT count(*) FROM posts WHERE published"))
    target = COMMON_MATCHES * published / 160_000
    counts = limits.match_counts(s, [vocabulary_word(rank) for rank in range(90, 113)])
    return dict(sorted(counts.items(), key=lambda wc: abs(wc[1] - target))[:3])


def rare_words(s):
    return limits.match_counts(s, [vocabulary_word(rank) for rank in RARE_RANKS])


def post_content():
    """About 1 KB of the data set's words (ranks 5,000 on) that no search of the bench looks for:
    the posts the bench writes add no match to the searches measured after them."""
    return " ".join(vocabulary_word(rank) for rank in range(5000, 5200))[:1000]
