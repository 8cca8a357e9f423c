"""What the whole-command benchmarks share: a command timed from spawn to exit, with
its own peak memory."""

import os
import statistics
import subprocess
import time


def timed(cmd):
    """Runs `cmd` to its end: seconds, and its peak resident memory in KiB
    (wait4's rusage of that one process)."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise subprocess.CalledProcessError(code, cmd)
    return elapsed, usage.ru_maxrss


def summary(samples):
    """Median seconds, best seconds, worst seconds, median peak MiB."""
    times = [t for t, _ in samples]
    return statistics.median(times), min(times), max(times), statistics.median(m for _, m in samples) / 1024
