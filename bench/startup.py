"""Cold start of the desktop app to an interactive window, under Xvfb.

For each run: a fresh database (so the first-start seeding is included), the app
started with KEHOACH_EXIT_WHEN_READY=1; the UI calls `ui_ready` once the plan list
is on screen, the app prints the time since its process started, and exits.
Reports the median and the spread of that in-process figure and of the wall time
from spawn to exit (which adds process teardown).

    python3 bench/startup.py target/release/kehoach-app [runs]
"""

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time


def main():
    app = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 10
    display = ":97"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1366x768x24", "-nolisten", "tcp"],
                            stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    ready, wall = [], []
    try:
        for i in range(runs + 1):
            with tempfile.TemporaryDirectory() as d:
                env = dict(os.environ, DISPLAY=display, KEHOACH_DB=os.path.join(d, "k.db"),
                           KEHOACH_EXIT_WHEN_READY="1")
                t0 = time.monotonic()
                p = subprocess.run([app], env=env, capture_output=True, text=True, timeout=60)
                t1 = time.monotonic()
            m = re.search(r"sẵn sàng sau (\d+) ms", p.stderr)
            if not m:
                sys.exit(f"run {i}: no ready line; stderr:\n{p.stderr}")
            if i == 0:
                continue  # the first run warms the disk cache for the binary and WebKit
            ready.append(int(m.group(1)))
            wall.append((t1 - t0) * 1000)
    finally:
        xvfb.terminate()
    print(f"runs: {runs}")
    print(f"ready (process start → plan list on screen): median {statistics.median(ready):.0f} ms, "
          f"min {min(ready)} ms, max {max(ready)} ms")
    print(f"wall (spawn → exit): median {statistics.median(wall):.0f} ms")


if __name__ == "__main__":
    main()
