#!/usr/bin/env python3
"""The on-CPU nanoseconds of a process's threads, by what the threads do: request (WildFly's
"default task-N" threads, which run the servlets), io (Undertow's I/O threads), gc (the collector,
and the VM thread that runs its pauses), jit (the compilers) and other. Read from
/proc/PID/task/*/schedstat, which counts in nanoseconds.

    threadcpu.py PID                    one line per thread: id, name, nanoseconds (tab-separated)
    threadcpu.py --delta BEFORE AFTER   the growth between two such snapshots, summed by kind, as
                                        one tab-separated line in the order above

The growth is taken thread by thread, as for allocation: a thread born in between counts whole, and
one that ended in between is left out (summing by kind first would subtract its CPU, as when the
JVM retires a compiler thread or WildFly an idle worker)."""

import os
import sys

KINDS = ("request", "io", "gc", "jit", "other")


def kind(name):
    if name.startswith("default task"):
        return "request"
    if name.startswith(("default I/O", "XNIO")):
        return "io"
    if name.startswith(("GC Thread", "G1 ", "VM Thread")):
        return "gc"
    if "CompilerThre" in name:
        return "jit"
    return "other"


def snapshot(pid):
    tasks = f"/proc/{pid}/task"
    for tid in os.listdir(tasks):
        try:
            with open(f"{tasks}/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"{tasks}/{tid}/schedstat") as f:
                on_cpu = int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue  # the thread ended while it was being read
        print(f"{tid}\t{name}\t{on_cpu}")


def read(path):
    threads = {}
    with open(path) as f:
        for line in f:
            tid, name, on_cpu = line.rstrip("\n").split("\t")
            threads[(tid, name)] = int(on_cpu)
    return threads


def delta(before_path, after_path):
    before, after = read(before_path), read(after_path)
    totals = dict.fromkeys(KINDS, 0)
    for (tid, name), on_cpu in after.items():
        totals[kind(name)] += on_cpu - before.get((tid, name), 0)
    print("\t".join(str(totals[k]) for k in KINDS))


if __name__ == "__main__":
    if sys.argv[1] == "--delta":
        delta(sys.argv[2], sys.argv[3])
    else:
        snapshot(sys.argv[1])
