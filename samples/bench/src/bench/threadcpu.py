#!/usr/bin/env python3
"""Prints the on-CPU nanoseconds of a process's threads, summed by what the threads do, as one
tab-separated line: request (WildFly's "default task-N" threads, which run the servlets), io
(Undertow's I/O threads), gc (the collector, and the VM thread that runs its pauses), jit (the
compilers) and other. Read from /proc/PID/task/*/schedstat, which counts in nanoseconds."""

import os
import sys


def group(name):
    if name.startswith("default task"):
        return "request"
    if name.startswith(("default I/O", "XNIO")):
        return "io"
    if name.startswith(("GC Thread", "G1 ", "VM Thread")):
        return "gc"
    if "CompilerThre" in name:
        return "jit"
    return "other"


def main(pid):
    totals = {"request": 0, "io": 0, "gc": 0, "jit": 0, "other": 0}
    tasks = f"/proc/{pid}/task"
    for tid in os.listdir(tasks):
        try:
            with open(f"{tasks}/{tid}/comm") as f:
                name = f.read().strip()
            with open(f"{tasks}/{tid}/schedstat") as f:
                on_cpu = int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            continue  # the thread ended while it was being read
        totals[group(name)] += on_cpu
    print("\t".join(str(totals[g]) for g in ("request", "io", "gc", "jit", "other")))


if __name__ == "__main__":
    main(sys.argv[1])
