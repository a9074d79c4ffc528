"""What the rows of ops/bench/bench.py send, made once per run from the data set: the hot posts,
the list and search pages, the words, the new post's body, and the wrk scripts that pick among them
(the scripts that carry a jar's token or make new names are made for each jar and run). See README.md.
"""
import subprocess

import dataset
import limits
import measure
from limits import log, lua, psql

# The bench's own posts the edits (PATCH) pick from: the warm-up of new posts keeps this many of its posts.
EDITED_POSTS = 20_000


class Workload:
    """The requests the rows send, made once per run from the data set and shared by the jars: the
    posts, pages and words, and the wrk scripts that pick among them (those that carry a jar's token
    or make new names are made for each jar and run)."""

    def __init__(self, s, work, stamp):
        self.s, self.work, self.stamp = s, work, stamp
        self.bench_id = int(psql(s, "SELECT id FROM users WHERE username = 'bench'"))
        posts = int(psql(s, "SELECT count(*) FROM posts"))
        published = psql(s, f"SELECT id FROM posts WHERE published ORDER BY id LIMIT {min(1000, posts)}").split()
        self.hot_paths = [f"/api/posts/{pid}" for pid in published]
        self.words = dataset.search_words()
        common, rare = dataset.common_words(s), dataset.rare_words(s)
        self.rare_words = list(rare)
        self.notes = {"common_words": list(common),
                      "words": f"common {', '.join(f'{w} {n:,}' for w, n in common.items())} (the issue's: 22,909 of the"
                               f" standard set); rare, {len(rare)} words of ranks {dataset.RARE_RANKS.start:,}–"
                               f"{dataset.RARE_RANKS[-1]:,}: {min(rare.values()):,}–{max(rare.values()):,} each; the 40"
                               f" words of the other search rows: {self.words[0]}… (ranks 1,000–2,950)"}
        log(f"search words: {self.notes['words']}")
        cold = psql(s, "SELECT id FROM posts WHERE published ORDER BY random() LIMIT 20000").split()
        pages = max(1, min(50, posts // 25))
        self.list_urls = [f"/api/posts?per_page=20&page={n}" for n in range(1, pages + 1)]
        self.search_urls = [f"/api/posts?per_page=20&q={w}" for w in self.words]
        users, tags = (max(1, min(50, -(-int(psql(s, f"SELECT count(*) FROM {t}")) // 20))) for t in ("users", "tags"))
        urls = {"ids": self.hot_paths, "cold": [f"/api/posts/{pid}" for pid in cold], "list": self.list_urls,
                "search": self.search_urls, "common": [f"/api/posts?per_page=20&q={w}" for w in common],
                "rare": [f"/api/posts?per_page=20&q={w}" for w in rare],
                "users": [f"/api/users?per_page=20&page={n}" for n in range(1, users + 1)],
                "tags": [f"/api/tags?per_page=20&page={n}" for n in range(1, tags + 1)]}
        self.scripts = {name: measure.urls_lua(work / f"{name}.lua", paths) for name, paths in urls.items()}
        self.content = dataset.post_content()
        self.post_body = {"title": "A benchmark post", "content": self.content, "tags": ["bench"], "published": True}
        limits.check_post_read_sql(s)
        self.insert_sql = self._alone("insert", lambda: lua(work / "insert.sql", limits.post_insert_script(
            limits.insert_values(self.bench_id, self.content))), limits.check_post_insert)
        # The edit's script is made when measured, on the posts the warm-up of new posts wrote; checked
        # now on a post that does not exist (it changes nothing).
        self.patch_ok = self._alone("edit", lambda: lua(work / "patch-check.sql", limits.post_patch_script(
            limits.patch_values(self.bench_id), [0])), limits.check_script) is not None

    def _alone(self, kind, make, check):
        """A write's statement as a pgbench script, made and run once (make, check): the script, or None
        (and why, in the notes: the table shows it) if the Java source no longer gives a runnable one."""
        try:
            script = make()
            check(self.s, script)
            return script
        except (ValueError, subprocess.CalledProcessError) as e:
            self.notes[f"{kind}_error"] = getattr(e, "stderr", None) or str(e)
            log(f"the post's {kind} statement could not be run alone: {self.notes[f'{kind}_error']}")
            return None

    def patch_sql(self):
        """pgbench's script of the PATCH statement alone, on posts picked as the api's PATCH row picks them
        (the bench's own, which exist only once the POST rows' warm-up has run)."""
        return lua(self.work / "patch.sql", limits.post_patch_script(limits.patch_values(self.bench_id), self.edited_ids()))

    def edited_ids(self):
        """The posts an edit row picks from: EDITED_POSTS of the bench's own, at random."""
        ids = psql(self.s, f"SELECT id FROM posts WHERE author_id = {self.bench_id} ORDER BY random() LIMIT {EDITED_POSTS}").split()
        if not ids:
            raise SystemExit("no post of the bench's own to edit: did POST /api/posts fail? see results/logs/api*.log")
        return ids

    def script(self, name, ctx):
        """A wrk script by name: a shared one, or one made for this jar and run."""
        if name == "post":
            return measure.post_lua(self.work / f"post{ctx.t.suffix}.lua", ctx.t.token, self.post_body)
        if name == "patch":
            # The posts the bench wrote (the POST rows and their warm-up): the standard data stays as seeded.
            return measure.patch_lua(self.work / f"patch{ctx.t.suffix}.lua", ctx.t.token, self.edited_ids())
        if name == "sign-up":
            return measure.signup_lua(self.work / f"signup-warm{ctx.t.suffix}.lua", f"w{ctx.tag}")
        return self.scripts[name]
