"""Console start-up: seconds from launching `dasan console` to its first prompt.

Baseline in the same run: a bare `python -c pass` start, so the figure is read as
a ratio on whatever machine runs it.

    .venv/bin/python benchmarks/startup_bench.py [runs]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable


def first_output_seconds(cmd: list[str]) -> float:
    env = {**os.environ, "DASAN_CONFIG": str(ROOT / "dasan.example.toml")}
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    proc.stdout.read(1)  # the banner/prompt is the first thing written
    elapsed = time.perf_counter() - start
    proc.communicate(b"/quit\n", timeout=30)
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    base = [first_output_seconds([PY, "-c", "print('x')"]) for _ in range(runs)]
    dasan = [first_output_seconds([PY, "-m", "bot", "console"]) for _ in range(runs)]
    b, d = statistics.median(base), statistics.median(dasan)
    print(f"command: {PY} benchmarks/startup_bench.py {runs}")
    print(f"bare python start     median {b * 1000:7.1f} ms")
    print(f"dasan console prompt  median {d * 1000:7.1f} ms  (max {max(dasan) * 1000:.1f} ms)")
    print(f"ratio dasan/bare python: {d / b:.1f}x   goal: < 1000 ms to first prompt")


if __name__ == "__main__":
    main()
