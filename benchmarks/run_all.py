"""`make bench`: run every benchmark and print its figures (none is a timed test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = [
    "bench_merge.py",
    "bench_late.py",
    "bench_broadcast.py",
    "bench_export.py",
    "bench_bot.py",
    "bench_parallel.py",
    "bench_webhook.py",
    "bench_scale.py",
    "bench_board.py",
    "replay_reminders.py",
    "bench_reminders.py",
    "bench_language.py",
]


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        if not (HERE / name).exists():
            continue
        print(f"== {name}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / name)], check=False).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
