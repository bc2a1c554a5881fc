#!/usr/bin/env python3
"""Runs one command and prints its wall time, its peak RSS and its CPU time.

    timed.py CMD [ARG...]   ->   "0.512 48712 0.830" on stdout: wall seconds, peak RSS KiB, CPU
                                 seconds (user + system); the command's own output discarded

The clock starts just before the fork and stops when the child is reaped (os.wait4, whose
rusage also gives the peak RSS of the command itself, not of this script). Exits with the
command's status, so a failing build stops Benchmarks/bench.sh instead of timing an error.
"""
import os
import subprocess
import sys
import time

if len(sys.argv) < 2:
    sys.exit("usage: timed.py CMD [ARG...]")
with open(os.devnull, "wb") as null:
    start = time.perf_counter()
    child = subprocess.Popen(sys.argv[1:], stdout=null)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
child.returncode = os.waitstatus_to_exitcode(status)
if child.returncode != 0:
    sys.exit(f"timed.py: {sys.argv[1]} exited with {child.returncode}")
print(f"{seconds:.4f} {usage.ru_maxrss} {usage.ru_utime + usage.ru_stime:.3f}")
