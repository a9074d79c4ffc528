"""Tests of the bench's choice of rows (--only) and of its comparison of runs, without servers:
python3 -m unittest discover -s ops/bench
"""
import tempfile
import unittest
from pathlib import Path

import compare
import limits
import report
import scenarios
import servers
from scenarios import HASHES, INSERT_ALONE, PATCH_ALONE, PG_S, POST_READ, TRIVIAL, Plan


class PatternsTest(unittest.TestCase):
    def test_a_comma_with_a_space_after_it_belongs_to_the_pattern(self):
        self.assertEqual(scenarios.patterns("list page of 20, built each time,rare word"),
                         ["list page of 20, built each time", "rare word"])

    def test_no_only_is_no_patterns(self):
        self.assertIsNone(scenarios.patterns(None))


class PlanTest(unittest.TestCase):
    def test_the_full_plan_has_every_row_and_item_and_every_server(self):
        plan = Plan()
        every = {n for phase in scenarios.PHASES for n in phase.names()}
        self.assertTrue(plan.full)
        self.assertEqual(plan.names, every)
        self.assertEqual(plan.roles(), {"api", "api-uncached", "worker"})

    def test_rows_built_each_time_need_only_the_uncached_api_and_no_limit(self):
        plan = Plan(["Built Each Time"])
        self.assertEqual([r.name for r in plan.rows], ["list page of 20, built each time (cache off)",
                                                       "full-text search, page of 20, built each time (cache off)"])
        self.assertEqual(plan.items, [])
        self.assertEqual(plan.roles(), {"api-uncached"})
        self.assertEqual([p.name for p in plan.phases()], ["rows"])

    def test_uncached_reads_bring_their_limit_and_the_bounds_rows(self):
        plan = Plan(["uncached `GET"])
        self.assertEqual({r.name for r in plan.rows},
                         {"uncached `GET /api/posts/{id}`", PG_S, TRIVIAL, POST_READ})

    def test_a_rare_word_built_brings_postgresql_alone_building_its_page_and_ranking_its_matches(self):
        plan = Plan(["rare word"])
        self.assertEqual({r.name for r in plan.rows},
                         {"search, rare word, page built (cache off)", scenarios.RARE_PAGE, scenarios.RARE_RANKING})

    def test_a_rate_target_shows_the_ratio_to_its_limit_at_every_connection_count(self):
        r = {"m": {"rps": 500.0}, "limit": {"rps": 1_000.0}, "conns": 64}
        self.assertEqual(report.Rate(3_400).judge(r), ("0.50", "1,000", "", None))
        self.assertEqual(report.Rate(3_400).judge(dict(r, conns=16)), ("0.50", "1,000", "≥ 3,400 req/s", False))
        self.assertEqual(report.Rate(3_400).judge(dict(r, conns=16, limit=None)), ("", "", "≥ 3,400 req/s", False))

    def test_a_write_brings_the_trivial_endpoint_its_statement_alone_and_the_warm_ups_it_needs(self):
        plan = Plan(["PATCH"])
        self.assertEqual({r.name for r in plan.rows}, {"`PATCH /api/posts/{id}` (a new title)", TRIVIAL, PATCH_ALONE})
        rows = scenarios.PHASES[0]
        self.assertEqual(plan.warm_ups(rows), {"trivial endpoint", "new posts", "post edits"})
        self.assertEqual({r.name for r in Plan(["POST /api/posts"]).rows}, {"`POST /api/posts`", TRIVIAL, INSERT_ALONE})

    def test_the_edit_alone_runs_after_the_warm_up_that_writes_the_posts_it_edits(self):
        plan = Plan(["edit statement"])
        self.assertEqual([r.name for r in plan.rows], [PATCH_ALONE])
        self.assertEqual(plan.warm_ups(scenarios.PHASES[0]), {"new posts"})

    def test_sign_ups_bring_the_hashes_alone_and_run_in_their_own_phase(self):
        plan = Plan(["sign-up"])
        self.assertEqual({r.name for r in plan.rows}, {"sign-up `POST /api/users`", HASHES})
        self.assertEqual([p.name for p in plan.phases()], ["sign-ups"])

    def test_batch_lines_only_when_named(self):
        self.assertEqual([i.name for i in Plan(["list page"]).items], [])
        plan = Plan(["bulk update"])
        self.assertEqual(plan.rows, [])
        self.assertEqual([i.name for i in plan.items], ["bulk update of every post's category, and one plain `UPDATE`"])
        self.assertEqual(plan.roles(), {"api", "worker"})

    def test_a_pattern_that_names_nothing_is_refused(self):
        with self.assertRaises(SystemExit):
            Plan(["no such row"])


class Target:
    def __init__(self, label, key=""):
        self.label, self.key, self.suffix, self.servers, self.warmed = label, key, key, {}, set()
        self.source = "/somewhere/inkwell.jar"

    def describe(self):
        return self.label


class Settings:
    connections, duration, scale, mode, pg_host, pg_port, redis_host, redis_port = [16, 64], 10, 1, "standard", "h", "1", "h", "2"


class Workload:
    stamp = "2026-12-06T101112Z"


class PhaseTest(unittest.TestCase):
    """Phase.run with rows that count their calls instead of loading a server."""

    def setUp(self):
        self.calls, self.saved = [], (scenarios.PHASES, scenarios.WARM_UPS, scenarios.WARM_UP, scenarios.PREPS, scenarios.log)
        scenarios.log = lambda message: None

        def rate(name, rps):
            return lambda ctx, c: self.calls.append((name, ctx.t.label, c)) or {"rps": rps * c, "p50": 1.0, "p99": 2.0}

        warm = scenarios.WarmUp("w", "api")
        warm.run = lambda ctx: self.calls.append(("warm", ctx.t.label))
        scenarios.WARM_UPS, scenarios.WARM_UP = [warm], {"w": warm}
        scenarios.PREPS = {"p": lambda ctx: self.calls.append(("prep", ctx.t.label))}
        self.phase = scenarios.Phase("rows", [
            scenarios.Row("limit", measure=rate("limit", 10)),
            scenarios.Row("other", measure=rate("other", 1)),
            scenarios.Row("chosen", "api", measure=rate("chosen", 5), warm=["w"], prep=["p"], limit=("limit", "the limit")),
            scenarios.Row("chosen too", "api", measure=rate("chosen too", 6), prep=["p"], conns=(16,))])
        scenarios.PHASES = [self.phase]

    def tearDown(self):
        scenarios.PHASES, scenarios.WARM_UPS, scenarios.WARM_UP, scenarios.PREPS, scenarios.log = self.saved

    def run_all(self, plan, targets, repeat):
        runs = []
        for target, number in scenarios.order(targets, repeat):
            runs.append(scenarios.Run(target, number))
            self.phase.run(plan, scenarios.Context(Settings(), Workload(), target, runs[-1]))
        return runs

    def test_rows_with_their_limit_prepared_once_per_connection_count(self):
        plan = Plan(["chosen"])
        self.assertEqual(plan.roles(), {"api"})
        run, = self.run_all(plan, [Target("A")], 1)
        self.assertEqual(self.calls, [("warm", "A"), ("limit", "A", 16), ("prep", "A"), ("chosen", "A", 16),
                                      ("chosen too", "A", 16), ("limit", "A", 64), ("prep", "A"), ("chosen", "A", 64)])
        chosen = [r for r in run.rows if r["key"] == "chosen"]
        self.assertEqual([(r["conns"], r["limit_name"], r["limit"]["rps"]) for r in chosen],
                         [(16, "the limit", 160), (64, "the limit", 640)])

    def test_two_jars_alternate_each_first_as_often_and_each_is_warmed_up_once(self):
        plan = Plan(["chosen too"], compared=True)
        runs = self.run_all(plan, [Target("A", "a"), Target("B", "b")], 3)
        self.assertEqual([(run.target.label, run.number) for run in runs],
                         [("A", 0), ("B", 0), ("B", 1), ("A", 1), ("A", 2), ("B", 2)])
        self.assertEqual([c[1] for c in self.calls if c[0] != "prep"], ["A", "B", "B", "A", "A", "B"])
        plan = Plan(["chosen"], compared=True)
        self.calls.clear()
        self.run_all(plan, [Target("A", "a"), Target("B", "b")], 2)
        self.assertEqual([c for c in self.calls if c[0] == "warm"], [("warm", "A"), ("warm", "B")])


class Run:
    def __init__(self, target, rates):
        self.target, self.rows = target, [{"key": "row", "conns": 16, "m": {"rps": r}} for r in rates]


class ComparisonTest(unittest.TestCase):
    def test_each_run_the_median_per_jar_and_b_over_a(self):
        a, b = Target("A"), Target("B")
        runs = [Run(a, [100]), Run(b, [90]), Run(a, [120]), Run(b, [80]), Run(a, [110]), Run(b, [99])]

        def values(key):
            return [[r["m"]["rps"] for run in runs if run.target is t for r in run.rows] for t in (a, b)]

        lines = compare.comparison("| scenario | conns | A | median | B | median | B ÷ A |", [("row", "16")], values, 2)
        self.assertEqual(lines[2], "| row | 16 | 100 · 120 · 110 | 110 | 90.0 · 80.0 · 99.0 | 90.0 | 0.82 |")


class WriteTest(unittest.TestCase):
    """compare.write's whole text, with PostgreSQL's answers and the file written faked."""

    def setUp(self):
        self.saved, self.written = (report.psql, report.save), {}
        report.psql = lambda s, sql: ("128MB|1 GB|false" if "shared_buffers" in sql else "15" if "version" in sql
                                      else "1 users, 2 posts, 3 post tags")
        report.save = lambda name, text, record, latest_mode=None: self.written.update(name=name, text=text,
                                                                                       record=record, latest=latest_mode)

    def tearDown(self):
        report.psql, report.save = self.saved

    def test_two_jars_three_runs(self):
        a, b = Target("at-1", "a"), Target("at-2", "b")
        runs = []
        for number, (ra, rb) in enumerate([(100, 90), (120, 80), (110, 99)]):
            for target, rps in ((a, ra), (b, rb)):
                run = scenarios.Run(target, number)
                cpu = {"inkwell": rps / 100, "postgres": 1.0, "redis": 0.0}
                run.rows = [report.row("x, 9 new posts/s", 16, {"rps": rps, "p50": 1.0, "p99": 2.0, "cpu": cpu}, key="x")]
                run.notes = {"bulk_update": {"posts": 10 + number, "seconds": rps / 50, "plain": 1.0, "honest": 0.5}}
                runs.append(run)
        compare.write(Settings(), "2026-12-06T101112Z", "name", "Title", runs, {"jvm": "-X", "words": "w"}, [a, b])
        text = self.written["text"]
        self.assertIn("| x | 16 | 100 · 120 · 110 | 110 | 90.0 · 80.0 · 99.0 | 90.0 | 0.82 |", text)
        self.assertIn("| x | 16 | 2.00 · 2.20 · 2.10 | 2.10 | 1.90 · 1.80 · 1.99 | 1.90 | 0.90 |", text)
        self.assertIn("| bulk update of every post's category | s | 2.00 · 2.40 · 2.20 | 2.20 | 1.80 · 1.60 · 1.98 | 1.80 | 0.82 |", text)
        self.assertIn("## Run 3 of B at-2", text)
        self.assertEqual([(r["jar"], r["run"]) for r in self.written["record"]["runs"]],
                         [("at-1", 1), ("at-2", 1), ("at-1", 2), ("at-2", 2), ("at-1", 3), ("at-2", 3)])
        self.assertIsNone(self.written["latest"])


class StatementScriptTest(unittest.TestCase):
    """The pgbench scripts of the writes' statements, taken from PostStatements.java."""

    def test_the_edit_binds_every_parameter_and_picks_among_the_posts_given(self):
        script = limits.post_patch_script(limits.patch_values(7), [41, 42, 43])
        self.assertTrue(script.startswith("\\set pick random(1, 3)\n\\set title random(1, 1000000000)\nWITH p AS (UPDATE posts"))
        self.assertIn("WHERE id = (CAST('{41,42,43}' AS bigint[]))[:pick] AND (author_id = 7 OR true)", script)
        self.assertIn("title = COALESCE(('PostgreSQL alone: an edit ' || :title), title)", script)
        # Left: the script's own variables, no parameter of the Java statement.
        self.assertEqual(set(limits.PARAMETER.findall(script)), {"pick", "title"})

    def test_a_parameter_without_a_value_is_named(self):
        values = limits.patch_values(7)
        del values["c.slug"]
        with self.assertRaisesRegex(ValueError, ":c.slug of PostStatements.PATCH"):
            limits.post_patch_script(values, [1])


class ConfigTest(unittest.TestCase):
    """Which configuration a jar runs with (servers.config_of)."""

    def test_a_checkouts_build_runs_with_that_checkouts_configuration_any_other_jar_with_this_ones(self):
        with tempfile.TemporaryDirectory() as tmp:
            checkout = Path(tmp) / "inkwell-main"
            (checkout / "ops" / "target").mkdir(parents=True)
            (checkout / "ops" / "config").mkdir()
            (checkout / "ops" / "config" / "api.yml").write_text("server: {}\n")
            jar = checkout / "ops" / "target" / "inkwell.jar"
            jar.write_bytes(b"")
            self.assertEqual(servers.config_of(jar), (checkout / "ops" / "config").resolve())
            copy = Path(tmp) / "inkwell.jar"
            copy.write_bytes(b"")
            self.assertEqual(servers.config_of(copy), servers.CONFIG)


if __name__ == "__main__":
    unittest.main()
