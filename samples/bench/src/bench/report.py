#!/usr/bin/env python3
"""Turns the raw figures of samples/bench/run (one TSV line per round, engine and endpoint) into
the markdown report: per pair the median over rounds [min-max], and per engine the ratios, each
computed within one round and then summarised the same way."""

import argparse
import csv
import math
import statistics
from collections import defaultdict

ENDPOINTS = ["plain", "untouched", "busy", "http-read", "http-write", "jdbc-read", "jdbc-write", "read", "write"]
ENGINES = ["db", "cache", "cached_db", "signed_cookies", "file", "db_pg"]
# The server's threads by what they do (src/bench/threadcpu.py).
THREADS = ["request", "io", "gc", "jit", "other"]
# BENCH_BASELINE_JAR deploys every engine a second time with another build of the library.
BASE = "-base"

# (label, endpoint, other engine (None: the same one), other endpoint, engines it is shown for (None: all))
RATIOS = [
    ("read ÷ plain", "read", None, "plain", None),
    ("untouched ÷ plain", "untouched", None, "plain", None),
    ("read ÷ http-read", "read", None, "http-read", None),
    ("write ÷ http-write", "write", None, "http-write", None),
    ("read ÷ jdbc-read", "read", None, "jdbc-read", None),
    ("write ÷ jdbc-write", "write", None, "jdbc-write", None),
    ("read ÷ cache's read", "read", "cache", "read", {"cached_db"}),
    ("busy ÷ plain", "busy", None, "plain", None),
]
# Endpoints run only when BENCH_ENDPOINTS names them: their ratios appear only in runs that have them.
OPTIONAL_ENDPOINTS = {"busy"}


def load(path):
    """{(round, engine, endpoint): figures of that run}"""
    runs = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            requests = int(row["requests"])
            seconds = int(row["duration_us"]) / 1e6
            runs[(int(row["round"]), row["engine"], row["endpoint"])] = {
                "rps": requests / seconds,
                "p50": int(row["p50_us"]) / 1000,
                "p99": int(row["p99_us"]) / 1000,
                "cpu": int(row["cpu_ns"]) / 1000 / max(requests, 1),
                "alloc": int(row["alloc_bytes"]) / 1024 / max(requests, 1),
                "errors": int(row["non2xx"]) + int(row["socket_errors"]),
            }
            # Older runs have no split of the CPU by kind of thread, nor wrk's own CPU.
            for kind in THREADS + ["client"]:
                column = "client_cpu_ns" if kind == "client" else f"cpu_{kind}_ns"
                if row.get(column):
                    runs[(int(row["round"]), row["engine"], row["endpoint"])][kind] = \
                        int(row[column]) / 1000 / max(requests, 1)
    return runs


def spread(values, digits):
    values = sorted(values)
    return f"{statistics.median(values):.{digits}f} [{values[0]:.{digits}f}–{values[-1]:.{digits}f}]"


def median_interval(values):
    """A 95 % confidence interval of the median that assumes nothing about the distribution: the
    k-th smallest and k-th largest values, with k the largest for which a binomial(n, 1/2) count
    falls below k with probability at most 2.5 %; None for fewer than 6 values (no such k)."""
    values = sorted(values)
    n = len(values)
    k, below = 0, 0.0
    while below + math.comb(n, k) / 2 ** n <= 0.025:
        below += math.comb(n, k) / 2 ** n
        k += 1
    return (values[k - 1], values[n - k]) if k > 0 else None


def ordered(names, known):
    return [n for n in known if n in names] + sorted(n for n in names if n not in known)


# The endpoints that run the same code in every WAR (the engine only decides what Cloakroom's
# filter does with a session nobody touched), so each round measures them once per engine.
YARDSTICKS = {"plain", "http-read", "http-write"}


def per_round_ratios(runs, rounds, engine, endpoint, other, other_endpoint, measure, dividing_wars=None):
    """The ratio within each round of `endpoint` on `engine` to `other_endpoint` on `other` (or to
    its median over `dividing_wars`)."""
    per_round = []
    for r in rounds:
        a = runs.get((r, engine, endpoint))
        dividers = [runs[(r, e, other_endpoint)][measure] for e in (dividing_wars or [other])
                    if (r, e, other_endpoint) in runs]
        if a and dividers and statistics.median(dividers) > 0:
            per_round.append(a[measure] / statistics.median(dividers))
    return per_round


def ratio_table(runs, rounds, engines, measure, digits=2, all_wars=False):
    """Per engine, each ratio taken within one round, then median [min-max] over rounds. With
    `all_wars`, only the ratios against a yardstick endpoint, whose denominator is then the median,
    within the round, of that endpoint over every WAR of the same build: steadier than one run."""
    measured = {endpoint for _, _, endpoint in runs}
    ratios = [ratio for ratio in RATIOS if (not all_wars or ratio[3] in YARDSTICKS and ratio[2] is None)
              and (ratio[1] not in OPTIONAL_ENDPOINTS or ratio[1] in measured)]
    suffix = " (all WARs)" if all_wars else ""
    lines = ["| engine | " + " | ".join(ratio[0] + suffix for ratio in ratios) + " |",
             "|---|" + "---|" * len(ratios)]
    for engine in engines:
        build = [e for e in engines if e.endswith(BASE) == engine.endswith(BASE)]
        cells = []
        for _, endpoint, other_engine, other_endpoint, shown_for in ratios:
            per_round = []
            kind = engine.removesuffix(BASE)
            if shown_for is None or kind in shown_for:
                other = other_engine + engine[len(kind):] if other_engine else engine
                per_round = per_round_ratios(runs, rounds, engine, endpoint, other, other_endpoint, measure,
                                             build if all_wars else None)
            cells.append(spread(per_round, digits) if per_round else "—")
        lines.append(f"| {engine} | " + " | ".join(cells) + " |")
    return lines


# Issue 15's goals: (engine, endpoint, other engine (None: the same one), other endpoint, least req/s ratio).
GOALS = [
    ("signed_cookies", "read", None, "http-read", 0.90),
    ("signed_cookies", "write", None, "http-write", 0.85),
    ("cache", "read", None, "http-read", 0.90),
    ("cache", "write", None, "http-write", 0.85),
    ("cached_db", "read", "cache", "read", 0.90),
    ("db_pg", "read", None, "jdbc-read", 0.90),
    ("db_pg", "write", None, "jdbc-write", 0.90),
] + [(engine, "untouched", None, "plain", 0.97) for engine in ENGINES]


def goals_table(runs, rounds, engines):
    """Each goal's req/s ratio: median over rounds, the 95 % interval of that median, and whether the
    median reaches the goal. A yardstick denominator is its median over every WAR of the round."""
    lines = ["| ratio of req/s | goal | median | 95 % interval of the median | rounds | median reaches the goal |",
             "|---|---|---|---|---|---|"]
    wars = [e for e in engines if not e.endswith(BASE)]
    for engine, endpoint, other, other_endpoint, goal in GOALS:
        other = other or engine
        yardstick = other == engine and other_endpoint in YARDSTICKS
        per_round = per_round_ratios(runs, rounds, engine, endpoint, other, other_endpoint, "rps",
                                     wars if yardstick else None)
        if not per_round:
            continue
        interval = median_interval(per_round)
        median = statistics.median(per_round)
        divider = f"{other_endpoint} (all WARs)" if yardstick else \
            other_endpoint if other == engine else f"{other}'s {other_endpoint}"
        lines.append(f"| {engine} {endpoint} ÷ {divider} | ≥ {goal:.2f} | {median:.3f} "
                     f"| {f'{interval[0]:.2f}–{interval[1]:.2f}' if interval else '— (fewer than 6 rounds)'} "
                     f"| {len(per_round)} | {'yes' if median >= goal else '**no**'} |")
    return lines


def baseline_table(runs, rounds, engines):
    """This build against the baseline jar, pair by pair, each ratio within one round."""
    lines = ["| engine | endpoint | req/s, this ÷ base | CPU µs/req, this ÷ base | alloc KB/req, this ÷ base |",
             "|---|---|---|---|---|"]
    for engine in engines:
        base = engine + BASE
        if engine.endswith(BASE) or base not in engines:
            continue
        for endpoint in ordered({p for _, e, p in runs if e == engine}, ENDPOINTS):
            cells = []
            for measure in ("rps", "cpu", "alloc"):
                per_round = [runs[(r, engine, endpoint)][measure] / runs[(r, base, endpoint)][measure]
                             for r in rounds
                             if (r, engine, endpoint) in runs and (r, base, endpoint) in runs
                             and runs[(r, base, endpoint)][measure] > 0]
                cells.append(spread(per_round, 2) if per_round else "—")
            lines.append(f"| {engine} | {endpoint} | " + " | ".join(cells) + " |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("tsv", nargs="+",
                        help="results.tsv of one run; several runs of the same build are pooled, their rounds "
                             "numbered on (rounds of different server runs vary more than rounds of one, so "
                             "the pooled interval is a little narrower than it should be)")
    parser.add_argument("--header", default="")
    parser.add_argument("--settings", default="")
    args = parser.parse_args()

    runs = {}
    for path in args.tsv:
        offset = max((r for r, _, _ in runs), default=0)
        runs.update({(r + offset, e, p): x for (r, e, p), x in load(path).items()})
    rounds = sorted({r for r, _, _ in runs})
    engines = ordered({e for _, e, _ in runs}, [n for e in ENGINES for n in (e, e + BASE)])

    out = ["# Cloakroom HTTP benchmark", "", args.header, "", args.settings, ""]
    out += ["Median over rounds [min–max]. CPU: the server process's CPU time per request (wrk runs on",
            "the same cores). Allocation: bytes allocated by the server's threads per request.", ""]
    out += ["| engine | endpoint | req/s | p50 ms | p99 ms | CPU µs/req | alloc KB/req |",
            "|---|---|---|---|---|---|---|"]
    errors = 0
    for engine in engines:
        endpoints = ordered({p for _, e, p in runs if e == engine}, ENDPOINTS)
        for endpoint in endpoints:
            rs = [runs[(r, engine, endpoint)] for r in rounds if (r, engine, endpoint) in runs]
            errors += sum(x["errors"] for x in rs)
            out.append(f"| {engine} | {endpoint} | {spread([x['rps'] for x in rs], 0)} "
                       f"| {statistics.median(x['p50'] for x in rs):.2f} "
                       f"| {statistics.median(x['p99'] for x in rs):.2f} "
                       f"| {statistics.median(x['cpu'] for x in rs):.0f} "
                       f"| {statistics.median(x['alloc'] for x in rs):.1f} |")
    out += ["", f"Non-2xx responses and socket errors over all measured runs: {errors}.", ""]

    goals = goals_table(runs, rounds, engines)
    if len(goals) > 2:
        out += ["## Issue 15's goals", "",
                "Each req/s ratio is taken within one round, then its median over rounds is set against the",
                "goal. Against `plain`, `http-read` and `http-write` the denominator is that endpoint's median",
                "over every WAR in the round (see the all-WARs table below): they run the same code in every",
                "WAR, and a median of several runs moves less than one. The interval is where the median of",
                "this machine's rounds lies with 95 % confidence (order statistics of a binomial count, no",
                "assumption about the distribution): one wholly above the goal holds beyond this run's noise.",
                ""]
        out += goals + [""]
    out += ["## Ratios of req/s", "",
            "Each ratio is taken within one round (both runs of the same round), then median [min–max]",
            "over rounds. Below 1: the first endpoint serves fewer requests per second. The JDBC ratios",
            "exist for db and db_pg; `read ÷ cache's read` compares cached_db's read with the cache",
            "engine's read of the same round.", ""]
    out += ratio_table(runs, rounds, engines, "rps")
    if len([e for e in engines if not e.endswith(BASE)]) > 1:
        out += ["", "The same ratios against the median, in the same round, of the yardstick endpoint over every",
                "WAR: `plain`, `http-read` and `http-write` run the same code whichever engine the WAR",
                "is told to use, so each round measures them once per engine, and their median moves less",
                "than one run of one WAR (the numerator is still one run).", ""]
        out += ratio_table(runs, rounds, engines, "rps", all_wars=True)
    out += ["", "## Ratios of server CPU per request", "",
            "The same ratios of CPU µs per request: above 1, the first endpoint costs more.", ""]
    out += ratio_table(runs, rounds, engines, "cpu")
    if all("request" in x for x in runs.values()):
        out += ["", "## Server CPU by kind of thread", "",
                "µs per request, median over rounds: `request` is the threads that run servlets, filters and",
                "JAX-RS (where the session is used), `io` Undertow's I/O threads, `gc` the collector, `jit` the",
                "compilers. Then the ratios of the request threads' CPU alone, which the JIT and GC do not blur.", ""]
        kinds = THREADS + (["client"] if all("client" in x for x in runs.values()) else [])
        if "client" in kinds:
            out[-1:-1] = ["`client` is wrk's own CPU (user and system) per response, on the same two cores:",
                          "what the load generator spends is not spent serving requests."]
        out += ["| engine | endpoint | " + " | ".join(kinds) + " |", "|---|---|" + "---|" * len(kinds)]
        for engine in engines:
            for endpoint in ordered({p for _, e, p in runs if e == engine}, ENDPOINTS):
                rs = [runs[(r, engine, endpoint)] for r in rounds if (r, engine, endpoint) in runs]
                out.append(f"| {engine} | {endpoint} | "
                           + " | ".join(f"{statistics.median(x[k] for x in rs):.0f}" for k in kinds) + " |")
        out += [""]
        out += ratio_table(runs, rounds, engines, "request")
    if any(e.endswith(BASE) for e in engines):
        out += ["", "## This build against the baseline jar", "",
                "`<engine>-base` is the same WAR with the library jar of `BENCH_BASELINE_JAR`, measured in",
                "the same rounds. Each ratio is taken within one round, then median [min–max] over rounds:",
                "req/s above 1 and CPU or allocation below 1 mean this build is cheaper.", ""]
        out += baseline_table(runs, rounds, engines)
    print("\n".join(out))


if __name__ == "__main__":
    main()
