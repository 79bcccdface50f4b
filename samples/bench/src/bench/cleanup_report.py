#!/usr/bin/env python3
"""The report of the cleanup-under-load scenario (src/bench/cleanup.sh): the visitors' latency
before, during and after the timer's run that removes the expired rows, and that run's rows per
second. Windows: "before" from the end of the warm-up (or later, once the visitors keep their
pace) to the instant the rows expire; "during" from the timer's first firing after that instant (a
whole second: it runs every second) to its "Cleared" log line; "after" the 10 s that follow. A request belongs to the window in which it was due."""

import argparse
import datetime
import math
import re
import sys

LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) +(\w+) +\[([^\]]+)\] \([^)]*\) (.*)$")


def log_time(text):
    local = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M:%S,%f")
    return local.astimezone().timestamp()


def number(text):
    return int(re.sub(r"[^0-9]", "", text))


def percentile(values, p):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def main():
    a = argparse.ArgumentParser()
    a.add_argument("samples")
    a.add_argument("log")
    a.add_argument("--started", type=float, required=True)
    a.add_argument("--warmup", type=float, required=True)
    a.add_argument("--expire-at", type=float, required=True)
    a.add_argument("--expired", type=int, required=True)
    a.add_argument("--live", type=int, required=True)
    a.add_argument("--remaining", type=int, required=True)
    a.add_argument("--rows-after", type=int, required=True)
    a.add_argument("--header", required=True)
    a.add_argument("--settings", required=True)
    args = a.parse_args()

    batches = []
    cleared_at = cleared = None
    with open(args.log, encoding="utf-8", errors="replace") as log:
        for raw in log:
            m = LINE.match(raw.rstrip("\n"))
            if not m:
                continue
            when = log_time(m.group(1))
            if when < args.expire_at:
                continue
            message = m.group(4)
            d = re.match(r"Deleted ([\d,. ]+) expired sessions in one transaction of ([\d,. ]+) ms", message)
            if d:
                batches.append((when, number(d.group(1)), number(d.group(2))))
            c = re.match(r"Cleared ([\d,. ]+) expired sessions", message)
            if c and cleared_at is None and number(c.group(1)) > 0:
                cleared_at, cleared = when, number(c.group(1))
    if cleared_at is None:
        sys.exit("no 'Cleared' line after the rows expired in " + args.log)

    # The baseline starts after the warm-up, and not before the visitors keep their pace: right after
    # the server inserted 1,100,000 rows they can fall behind for a minute or more, and requests due
    # then wait for the ones before them. The last 5 s slice before the rows expire whose median is
    # over 20 ms or whose p99 is over 1 s ends the catching up; the report says when the baseline
    # begins, and how long it is, whenever that is not the end of the warm-up.
    caught_up = args.started + args.warmup
    slices = {}
    with open(args.samples) as samples:
        for row in samples:
            due_ms, latency_us, _ = row.strip().split(",")
            due = int(due_ms) / 1000
            if caught_up <= due < args.expire_at:
                slices.setdefault(int(due // 5), []).append(int(latency_us))
    behind = [k for k, values in slices.items() if percentile(values, 50) > 20_000 or percentile(values, 99) > 1_000_000]
    if behind:
        caught_up = max(caught_up, (max(behind) + 1) * 5)
    if caught_up >= args.expire_at:
        sys.exit("the visitors never kept their pace before the rows expired: no baseline (raise BENCH_CLEANUP_LEAD"
                 " or lower BENCH_CLEANUP_RATE)")
    start = math.ceil(args.expire_at)
    windows = {
        "before": (caught_up, args.expire_at),
        "during": (start, cleared_at),
        "after": (cleared_at, cleared_at + 10),
    }
    latencies = {name: [] for name in windows}
    errors = {name: 0 for name in windows}
    with open(args.samples) as samples:
        for row in samples:
            due_ms, latency_us, status = row.strip().split(",")
            due = int(due_ms) / 1000
            for name, (lo, hi) in windows.items():
                if lo <= due < hi:
                    latencies[name].append(int(latency_us))
                    if not 200 <= int(status) < 300:
                        errors[name] += 1

    seconds = cleared_at - start
    in_batches = [b for b in batches if b[0] <= cleared_at + 0.001]
    print("# Cleanup under load")
    print()
    print(args.header)
    print()
    print(args.settings + f"; {args.expired:,} expired and {args.live:,} live rows (plus the visitors' own)")
    print()
    print(f"- removed {cleared:,} rows in {seconds:.1f} s: **{cleared / seconds:,.0f} rows/s**"
          f" ({len(in_batches)} batches; a batch's transaction took {percentile([b[2] for b in in_batches], 50):,} ms at the median,"
          f" {max([b[2] for b in in_batches], default=0):,} ms at most)")
    print(f"- expired rows left: {args.remaining:,}; rows at the end: {args.rows_after:,}")
    print()
    print("| window | seconds | requests | errors | p50 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|")
    for name, (lo, hi) in windows.items():
        values = latencies[name]
        print(f"| {name} | {hi - lo:.1f} | {len(values):,} | {errors[name]} | {percentile(values, 50) / 1000:.2f} |"
              f" {percentile(values, 99) / 1000:.2f} | {max(values, default=float('nan')) / 1000:.2f} |")
    print()
    if percentile(latencies["before"], 50) > 100_000:
        print("**The visitors fell behind their pace before the cleanup (median over 100 ms):"
              " the rate is more than this machine serves; lower BENCH_CLEANUP_RATE.**")
        print()
    if caught_up > args.started + args.warmup:
        print(f"The visitors kept their pace only {caught_up - args.started:.0f} s after the rows were in: the baseline"
              f" begins there ({args.expire_at - caught_up:.0f} s).")
        print()
    if args.expire_at - caught_up < 30:
        print("**Less than 30 s of baseline: raise BENCH_CLEANUP_LEAD.**")
        print()
    ratio = percentile(latencies["during"], 99) / percentile(latencies["before"], 99)
    print(f"p99 during the cleanup / p99 before: **{ratio:.2f}**")


if __name__ == "__main__":
    main()
