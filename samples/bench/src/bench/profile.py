#!/usr/bin/env python3
"""Splits a profile of the rounds (BENCH_PROFILE=1: async-profiler's cpu.jfr, or BENCH_JFR=1:
rounds.jfr) by (engine, endpoint), using the start and end of every measured wrk run in
results.tsv, and counts execution samples of the request threads ("default task-N") per 1000
requests of that pair, so that two pairs measured in the same rounds can be compared frame by frame:

    profile.py results.tsv cpu.jfr                          samples per 1000 requests, every pair,
                                                            and those in Cloakroom's own code
    profile.py results.tsv cpu.jfr cache/read               the frames that cost most in one pair
    profile.py results.tsv cpu.jfr cache/read cache/http-read   where the first costs more

A frame counts once per sample that holds it anywhere on its stack (inclusive). async-profiler
takes a sample per millisecond of a thread's CPU, so a count per 1000 requests reads as µs of CPU
per request; JFR samples threads every 10 to 20 ms, running or not, so its counts are coarser and
follow wall time. Runs the recording does not cover from start to end are left out."""

import argparse
import csv
import re
import subprocess
import time
from collections import Counter, defaultdict

DAY_MS = 86_400_000
LINE_NUMBER = re.compile(r"\s+line:.*$")
START = re.compile(r"startTime = (\d\d):(\d\d):(\d\d)\.(\d+)")
# Cloakroom's own work on a request: the session, engines, codec and CDI glue, and the filter's
# save before the response commits (not the filter's frame itself, which holds the whole request).
OWN = re.compile(r"org\.cloakroom\.(codec|internal\.(engine|cdi|jcache|metrics)|Session\$)"
                 r"|SessionFilter\.beforeCommit|SessionCookies")


def runs_of(results):
    """[(start, end, pair, requests)] with times as milliseconds since local midnight."""
    runs = []
    with open(results, newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if not row.get("start_ms"):
                raise SystemExit(f"{results} has no start_ms column: it comes from an older samples/bench/run")
            runs.append((local_ms(int(row["start_ms"])), local_ms(int(row["end_ms"])),
                         f"{row['engine']}/{row['endpoint']}", int(row["requests"])))
    return runs


def local_ms(epoch_ms):
    t = time.localtime(epoch_ms / 1000)
    return ((t.tm_hour * 60 + t.tm_min) * 60 + t.tm_sec) * 1000 + epoch_ms % 1000


def within(ms, start, end):
    # A run that crosses midnight wraps around.
    return (ms - start) % DAY_MS <= (end - start) % DAY_MS


def run_at(runs, ms):
    for run in runs:
        if within(ms, run[0], run[1]):
            return run
    return None


def samples(jfr, lines=False):
    """(time of day in ms, thread, frames outermost first) of every execution sample, as `jfr print`
    writes them; with `lines`, each frame keeps its line number."""
    # Streamed: the text of a long recording runs to gigabytes.
    with subprocess.Popen(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "256", jfr],
                          stdout=subprocess.PIPE, text=True) as printer:
        ms = thread = frames = None
        for line in printer.stdout:
            s = line.strip()
            if s.startswith("startTime"):
                h, mi, sec, frac = START.search(s).groups()
                ms = ((int(h) * 60 + int(mi)) * 60 + int(sec)) * 1000 + int(frac[:3].ljust(3, "0"))
            elif s.startswith("sampledThread"):
                thread = s
            elif s.startswith("stackTrace = ["):
                frames = []
            elif frames is not None:
                if s.startswith("]"):
                    yield ms, thread, frames[::-1]
                    frames = None
                elif s and s != "...":
                    frames.append(s if lines else LINE_NUMBER.sub("", s))
    if printer.returncode != 0:
        raise SystemExit(f"jfr print failed on {jfr}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("results")
    parser.add_argument("jfr")
    parser.add_argument("pairs", nargs="*", help="engine/endpoint, one or two")
    parser.add_argument("--top", type=int, default=40, help="frames to list (default 40)")
    parser.add_argument("--match", default="", help="list only frames containing this text")
    parser.add_argument("--threads", default="default task",
                        help="count the threads whose name contains this (default: the request threads, 'default task')")
    parser.add_argument("--self", action="store_true", help="count only the innermost frame of each sample (self time)")
    parser.add_argument("--below", default="", help="count only what runs below the first frame containing this text")
    parser.add_argument("--lines", action="store_true",
                        help="tell frames apart by line number too (where in a method the time goes; with --self)")
    args = parser.parse_args()

    runs = runs_of(args.results)
    per_run, own_run = Counter(), Counter()
    frames_of = defaultdict(Counter)
    earliest = latest = None
    for ms, thread, frames in samples(args.jfr, args.lines):
        earliest = ms if earliest is None else earliest
        latest = ms
        run = run_at(runs, ms)
        if run is None or args.threads not in (thread or ""):
            continue
        per_run[run] += 1
        if not args.pairs and any(OWN.search(frame) for frame in frames):
            own_run[run] += 1
        if run[2] in args.pairs:
            if args.below:
                at = next((i for i, frame in enumerate(frames) if args.below in frame), None)
                frames = [] if at is None else frames[at + 1:]
            if args.self:
                frames = frames[-1:]
            for frame in set(frames):
                frames_of[run][frame] += 1
    # Only the runs the recording covers from start to end count (a profiler attached mid-run).
    covered = [run for run in runs
               if earliest is not None and within(run[0], earliest, latest) and within(run[1], earliest, latest)]
    requests, per_pair, own, pair_frames = Counter(), Counter(), Counter(), defaultdict(Counter)
    for run in covered:
        requests[run[2]] += run[3]
        per_pair[run[2]] += per_run[run]
        own[run[2]] += own_run[run]
        pair_frames[run[2]].update(frames_of[run])
    frames_of = pair_frames

    def rate(count, pair):
        return 1000 * count / max(requests[pair], 1)

    if not args.pairs:
        print("| pair | requests | samples | per 1000 requests | of them in Cloakroom's code |")
        print("|---|---|---|---|---|")
        for pair in sorted(requests):
            print(f"| {pair} | {requests[pair]} | {per_pair[pair]} | {rate(per_pair[pair], pair):.1f} "
                  f"| {rate(own[pair], pair):.1f} |")
        return
    for pair in args.pairs:
        if pair not in requests:
            raise SystemExit(f"no measured run of {pair} in {args.results} that the recording covers")
        print(f"{pair}: {requests[pair]} requests, {per_pair[pair]} samples of the threads counted, "
              f"{rate(per_pair[pair], pair):.1f} per 1000 requests")
    first = args.pairs[0]
    second = args.pairs[1] if len(args.pairs) > 1 else None
    names = set(frames_of[first]) | (set(frames_of[second]) if second else set())
    rows = []
    for name in names:
        if args.match not in name:
            continue
        a = rate(frames_of[first][name], first)
        b = rate(frames_of[second][name], second) if second else 0.0
        rows.append((a - b, a, b, name))
    rows.sort(key=lambda row: -row[0])
    kind = "self" if args.self else "inclusive"
    print()
    if second:
        print(f"per 1000 requests: {first} | {second} | difference | frame ({kind})")
        for diff, a, b, name in rows[:args.top]:
            print(f"{a:7.1f} {b:7.1f} {diff:+7.1f}  {name}")
    else:
        print(f"per 1000 requests | frame ({kind})")
        for _, a, _, name in rows[:args.top]:
            print(f"{a:7.1f}  {name}")


if __name__ == "__main__":
    main()
